#pragma once
// Routes SIGINT and SIGTERM into an AbortFlag for the guard's lifetime. The handler stays
// installed after the first signal, so a second Ctrl-C cannot kill the process before teardown
// and makeSafe() have run; it only says that the safe stop is under way.
//
// Only `run` switches instruments on, so only `run` announces a teardown. The other commands
// (validate, report, decode, analyze) set StopWording::Quiet: the handler then writes nothing,
// and the command itself ends with one line ("v2gbench: stopped by SIGINT") and exit 3.
#include "v2gbench/bench/abort_flag.hpp"

#include <string>

namespace v2gbench::app {

enum class StopWording { Teardown, Quiet };

class SignalGuard {
public:
    explicit SignalGuard(bench::AbortFlag& flag);
    ~SignalGuard();
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

    // What the handler writes on a signal; Teardown until a command says otherwise.
    static void setStopWording(StopWording wording);
    // "SIGINT" / "SIGTERM" for the last signal received, empty when none.
    static std::string lastSignalName();
};

} // namespace v2gbench::app
