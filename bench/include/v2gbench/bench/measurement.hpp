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
    std::optional<double> value; // seconds for times, unit/s for rates, a fraction for a deviation; nullopt: not reached
    std::string reason;          // why nothing was found, for the report
};

// samples start at the command (t0 = commandTime). initial = value at the command.
// band: absolute half-width around target (already resolved from a percentage by the caller).
ResponseResult settlingTime(const std::vector<Sample>& samples, double commandTime, double target, double band);
ResponseResult riseTime(const std::vector<Sample>& samples, double commandTime, double initial, double target);
ResponseResult slewRate(const std::vector<Sample>& samples, double commandTime, double initial, double target);

// The figures of a set-point step, GB/T 34133-2023 Annex A as customarily read (standards-cases.md
// §5.1: the annex's text is not public, so a plan's criteria on them are unverified).
// Response time: commandTime → the first crossing of initial + 90 % of (target − initial), linearly
// interpolated between samples. Not reached (or a zero step): nullopt with the reason.
ResponseResult responseTime(const std::vector<Sample>& samples, double commandTime, double initial, double target);
// Regulation time is settlingTime() with the band around the target (Annex A: ± a share of rated).
// Control deviation: the mean of (v − target) over the samples with t >= (last t − steadyWindow),
// divided by rated (signed fraction: −0.01 = 1 % of rated below the target). Throws
// std::invalid_argument when rated or steadyWindow is not positive; nullopt without samples.
ResponseResult controlDeviation(const std::vector<Sample>& samples, double target, double rated, double steadyWindow);
// The samples controlDeviation() averages: those in the last steadyWindow of the record.
std::vector<Sample> steadyTail(const std::vector<Sample>& samples, double steadyWindow);

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
