#pragma once
// Pure functions over recorded samples: window statistics, response timing and limit judgement.
// No I/O, no clock: the executor records, these compute, so each is unit-tested on its own.
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/verdict.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct Sample {
    double t; // bench clock, s
    double v; // SI value
};

// Throws std::invalid_argument on an empty sample set.
double computeStatistic(Statistic statistic, const std::vector<Sample>& samples);

struct ResponseResult {
    std::optional<double> value; // seconds for times, unit/s for rates; nullopt: not reached
    std::string reason;          // why nothing was found, for the report
};

// samples start at the command (t0 = commandTime). initial = value at the command.
// band: absolute half-width around target (already resolved from a percentage by the caller).
ResponseResult settlingTime(const std::vector<Sample>& samples, double commandTime, double target, double band);
ResponseResult riseTime(const std::vector<Sample>& samples, double commandTime, double initial, double target);
ResponseResult slewRate(const std::vector<Sample>& samples, double commandTime, double initial, double target);

// The resolved limits of one check.
struct Limits {
    std::optional<double> low;
    std::optional<double> high;
    std::optional<double> nominal;
    std::string text; // "10 A ± 0.3 A", "≤ 1 s", "9.7 A … 10.3 A"
};

// pass: inside the limits by more than the uncertainty; fail: outside by more than the
// uncertainty; inconclusive: within the uncertainty of a limit (the measurement cannot decide).
Verdict judge(double value, const Limits& limits, double uncertainty);

} // namespace v2gbench::bench
