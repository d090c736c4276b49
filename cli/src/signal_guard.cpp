#include "v2gbench/app/signal_guard.hpp"

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace v2gbench::app {

namespace {

std::atomic<bench::AbortFlag*> g_flag{nullptr};
std::atomic<bool> g_quiet{false};
std::atomic<int> g_lastSignal{0};
struct sigaction g_previousInt {};
struct sigaction g_previousTerm {};

void onSignal(int signalNumber) {
    g_lastSignal.store(signalNumber);
    auto* flag = g_flag.load();
    if (!flag) return;
    const bool first = !flag->requested();
    flag->requestFromSignal(signalNumber);
    // Nothing is switched on: the command stops at its next file or chunk and says so itself.
    if (g_quiet.load()) return;
    // write(2) is async-signal-safe; iostreams are not.
    static const char firstMessage[] = "\nv2gbench: stop requested: running teardown and making every instrument safe...\n";
    static const char againMessage[] = "\nv2gbench: already stopping safely; teardown and makeSafe() still run to the end.\n";
    if (first) (void)!::write(STDERR_FILENO, firstMessage, sizeof firstMessage - 1);
    else (void)!::write(STDERR_FILENO, againMessage, sizeof againMessage - 1);
}

} // namespace

SignalGuard::SignalGuard(bench::AbortFlag& flag) {
    static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);
    g_flag.store(&flag);
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &g_previousInt);
    sigaction(SIGTERM, &action, &g_previousTerm);
}

SignalGuard::~SignalGuard() {
    sigaction(SIGINT, &g_previousInt, nullptr);
    sigaction(SIGTERM, &g_previousTerm, nullptr);
    g_flag.store(nullptr);
}

void SignalGuard::setStopWording(StopWording wording) { g_quiet.store(wording == StopWording::Quiet); }

std::string SignalGuard::lastSignalName() {
    switch (g_lastSignal.load()) {
    case 0: return {};
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "signal " + std::to_string(g_lastSignal.load());
    }
}

} // namespace v2gbench::app
