#pragma once
// Routes SIGINT and SIGTERM into an AbortFlag for the guard's lifetime. The handler stays
// installed after the first signal, so a second Ctrl-C cannot kill the process before teardown
// and makeSafe() have run; it only says that the safe stop is under way.
#include "v2gbench/bench/abort_flag.hpp"

namespace v2gbench::app {

class SignalGuard {
public:
    explicit SignalGuard(bench::AbortFlag& flag);
    ~SignalGuard();
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;
};

} // namespace v2gbench::app
