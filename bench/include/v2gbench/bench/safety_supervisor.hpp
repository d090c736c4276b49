#pragma once
// Watches the bench profile's hard limits while a plan runs. The executor calls check() after
// every advance of time; a limit violation requests an abort with the reason and returns false.
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/bench_profile.hpp"

#include <functional>
#include <optional>
#include <string>

namespace v2gbench::bench {

class SafetySupervisor {
public:
    // readSignal returns the signal's SI value (throws what the instrument throws).
    SafetySupervisor(const BenchProfile& bench, std::function<double(const std::string&)> readSignal, AbortFlag& abort);

    // Checks every limit if at least one supervision period has passed since the last check.
    // Returns the violation message (and has requested the abort) or nullopt.
    std::optional<std::string> check(double benchTime);

private:
    const BenchProfile& m_bench;
    std::function<double(const std::string&)> m_read;
    AbortFlag& m_abort;
    double m_lastCheck = -1e300;
};

} // namespace v2gbench::bench
