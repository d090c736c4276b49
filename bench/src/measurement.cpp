#include "v2gbench/bench/measurement.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace v2gbench::bench {

double computeStatistic(Statistic statistic, const std::vector<Sample>& samples) {
    if (samples.empty()) throw std::invalid_argument("no samples in the measurement window");
    const double n = static_cast<double>(samples.size());
    switch (statistic) {
    case Statistic::Mean: {
        double sum = 0;
        for (const auto& s : samples) sum += s.v;
        return sum / n;
    }
    case Statistic::Min:
        return std::min_element(samples.begin(), samples.end(), [](auto& a, auto& b) { return a.v < b.v; })->v;
    case Statistic::Max:
        return std::max_element(samples.begin(), samples.end(), [](auto& a, auto& b) { return a.v < b.v; })->v;
    case Statistic::Rms: {
        double sum = 0;
        for (const auto& s : samples) sum += s.v * s.v;
        return std::sqrt(sum / n);
    }
    case Statistic::Final: return samples.back().v;
    case Statistic::PeakToPeak: {
        auto [lo, hi] = std::minmax_element(samples.begin(), samples.end(), [](auto& a, auto& b) { return a.v < b.v; });
        return hi->v - lo->v;
    }
    case Statistic::StdDev: {
        double sum = 0;
        for (const auto& s : samples) sum += s.v;
        const double mean = sum / n;
        double sq = 0;
        for (const auto& s : samples) sq += (s.v - mean) * (s.v - mean);
        return std::sqrt(sq / n);
    }
    }
    throw std::invalid_argument("unknown statistic");
}

ResponseResult settlingTime(const std::vector<Sample>& samples, double commandTime, double target, double band) {
    if (samples.empty()) return {std::nullopt, "no samples after the command"};
    // Walk back from the end: the settling instant is just after the last sample outside the band.
    if (std::fabs(samples.back().v - target) > band)
        return {std::nullopt, "the signal was still outside the band at the end of the observation"};
    std::size_t i = samples.size();
    while (i > 0 && std::fabs(samples[i - 1].v - target) <= band) --i;
    const double entered = samples[i].t;
    return {std::max(0.0, entered - commandTime), ""};
}

namespace {

// First time the signal crosses `level` going from initial towards target (linear interpolation).
std::optional<double> crossing(const std::vector<Sample>& samples, double initial, double target, double level) {
    const bool rising = target >= initial;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const bool reached = rising ? samples[i].v >= level : samples[i].v <= level;
        if (!reached) continue;
        if (i == 0) return samples[0].t;
        const auto& a = samples[i - 1];
        const auto& b = samples[i];
        if (b.v == a.v) return b.t;
        return a.t + (level - a.v) / (b.v - a.v) * (b.t - a.t);
    }
    return std::nullopt;
}

} // namespace

ResponseResult riseTime(const std::vector<Sample>& samples, double /*commandTime*/, double initial, double target) {
    const double step = target - initial;
    if (step == 0) return {std::nullopt, "the step is zero: initial value equals the target"};
    auto t10 = crossing(samples, initial, target, initial + 0.1 * step);
    auto t90 = crossing(samples, initial, target, initial + 0.9 * step);
    if (!t10 || !t90) return {std::nullopt, "the signal did not reach 90 % of the step"};
    return {*t90 - *t10, ""};
}

ResponseResult slewRate(const std::vector<Sample>& samples, double commandTime, double initial, double target) {
    auto rise = riseTime(samples, commandTime, initial, target);
    if (!rise.value) return rise;
    if (*rise.value <= 0) return {std::nullopt, "the 10 % and 90 % crossings coincide: the sample period is too long"};
    return {0.8 * std::fabs(target - initial) / *rise.value, ""};
}

ResponseResult responseTime(const std::vector<Sample>& samples, double commandTime, double initial, double target) {
    const double step = target - initial;
    if (step == 0) return {std::nullopt, "the step is zero: initial value equals the target"};
    const auto t90 = crossing(samples, initial, target, initial + 0.9 * step);
    if (!t90) return {std::nullopt, "the signal did not reach 90 % of the step"};
    return {std::max(0.0, *t90 - commandTime), ""};
}

std::vector<Sample> steadyTail(const std::vector<Sample>& samples, double steadyWindow) {
    if (samples.empty()) return {};
    const double from = samples.back().t - steadyWindow;
    auto first = std::find_if(samples.begin(), samples.end(), [&](const Sample& s) { return s.t >= from - 1e-12; });
    return {first, samples.end()};
}

ResponseResult controlDeviation(const std::vector<Sample>& samples, double target, double rated, double steadyWindow) {
    if (!(rated > 0.0)) throw std::invalid_argument("the rated value of a control deviation must be positive");
    if (!(steadyWindow > 0.0)) throw std::invalid_argument("the steady-state window must be positive");
    const auto tail = steadyTail(samples, steadyWindow);
    if (tail.empty()) return {std::nullopt, "no samples in the steady-state window"};
    return {(computeStatistic(Statistic::Mean, tail) - target) / rated, ""};
}

Verdict judge(double value, const Limits& limits, double uncertainty) {
    const double u = std::fabs(uncertainty);
    if (u == 0.0) {
        const bool inside = (!limits.low || value >= *limits.low) && (!limits.high || value <= *limits.high);
        return inside ? Verdict::Pass : Verdict::Fail;
    }
    bool surelyInside = true;
    bool surelyOutside = false;
    if (limits.low) {
        if (value < *limits.low - u) surelyOutside = true;
        if (value < *limits.low + u) surelyInside = false;
    }
    if (limits.high) {
        if (value > *limits.high + u) surelyOutside = true;
        if (value > *limits.high - u) surelyInside = false;
    }
    if (surelyOutside) return Verdict::Fail;
    if (surelyInside) return Verdict::Pass;
    return Verdict::Inconclusive;
}

} // namespace v2gbench::bench
