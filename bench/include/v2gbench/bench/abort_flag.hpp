#pragma once
// A request to stop the run: from SIGINT/SIGTERM (set from a signal handler: lock-free), from the
// safety supervisor, or from a GUI's stop button. Once set it stays set; the executor then
// unwinds into teardown and makeSafe(), which run regardless of further requests.
#include <atomic>
#include <mutex>
#include <string>

namespace v2gbench::bench {

class AbortFlag {
public:
    // Async-signal-safe: only touches lock-free atomics.
    void requestFromSignal(int signalNumber) noexcept {
        m_signal.store(signalNumber, std::memory_order_relaxed);
        m_requests.fetch_add(1, std::memory_order_relaxed);
    }
    void request(const std::string& reason) {
        {
            std::lock_guard lock(m_mutex);
            if (m_reason.empty()) m_reason = reason;
        }
        m_requests.fetch_add(1, std::memory_order_relaxed);
    }
    bool requested() const noexcept { return m_requests.load(std::memory_order_relaxed) > 0; }
    int requestCount() const noexcept { return m_requests.load(std::memory_order_relaxed); }
    std::string reason() const {
        std::lock_guard lock(m_mutex);
        if (!m_reason.empty()) return m_reason;
        const int sig = m_signal.load(std::memory_order_relaxed);
        if (sig == 2) return "interrupted by the operator (SIGINT)";
        if (sig == 15) return "terminated (SIGTERM)";
        if (sig != 0) return "stopped by signal " + std::to_string(sig);
        return "abort requested";
    }

private:
    static_assert(std::atomic<int>::is_always_lock_free);
    std::atomic<int> m_requests{0};
    std::atomic<int> m_signal{0};
    mutable std::mutex m_mutex;
    std::string m_reason;
};

} // namespace v2gbench::bench
