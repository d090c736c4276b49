#include "v2gbench/bench/bus_check_verdict.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::bench {

namespace {

std::string fmt(double v, core::Dimension d) { return core::formatQuantity(v, d); }

} // namespace

BusCheckInput busCheckInput(const BusCheckStep& step, double gap, double t0) {
    return BusCheckInput{step.match, step.after, step.metric, step.statistic, step.field, gap, t0};
}

core::Dimension busCheckDimension(const BusCheckStep& step) {
    return isTimed(step.metric) ? core::Dimension::time() : core::Dimension::none();
}

BusCheckVerdict judgeBusCheck(const BusCheckStep& step, const BusCheckInput& input,
                              const std::vector<core::BusMessage>& seen, const Limits& limits, double timeResolution,
                              double window, const std::string& timeSource) {
    const auto dim = busCheckDimension(step);
    const bool timed = dim == core::Dimension::time();
    const BusJudgement j = judgeBus(input, seen);
    BusCheckVerdict v;
    v.evidence = j.evidence;
    if (j.planError) {
        v.planError = true;
        v.verdict = Verdict::Error;
        v.reason = j.reason;
        return v;
    }
    if (j.value) {
        v.value = *j.value;
        // A time read from frames is quantised by the CAN time base (never ±0 s). A
        // latency's lower limit of 0 s ("after") is a question of order, which the bus gives
        // exactly: a match before its reference fails it, one at or after it meets it, and the
        // resolution is held against the other limit only (two frames in one plant step are 0 s
        // apart, not inconclusive).
        v.budget = busBudget(step.metric, !step.after.message.empty(), timeResolution, timeSource);
        if (timed) v.uncertainty = v.budget->expanded;
        Limits judged = limits;
        const bool orderOnly = step.metric == BusMetric::Latency && judged.low && *judged.low == 0.0;
        if (orderOnly) judged.low.reset();
        v.verdict = orderOnly && *j.value < 0.0 ? Verdict::Fail : judge(*j.value, judged, v.uncertainty);
        v.reason = j.reason;
        if (v.verdict == Verdict::Inconclusive)
            v.reason = "the value lies within its uncertainty U = " + fmt(v.uncertainty, dim) + " (k = 2) of a limit";
    } else {
        // What the charger should have sent did not come within the window: its failure.
        v.verdict = Verdict::Fail;
        v.reason = j.reason + " within " + fmt(window, core::Dimension::time());
    }
    return v;
}

Limits resolveLimits(const Expectation& expect, core::Dimension d, const NameLookup& lookup) {
    const auto evalSi = [&](const Expression& e) { return e.evaluate(lookup).quantity().value; };
    Limits limits;
    std::string text;
    if (expect.nominal) {
        const double nominal = evalSi(*expect.nominal);
        limits.nominal = nominal;
        if (expect.tolerance) {
            const auto tol = expect.tolerance->evaluate(lookup).quantity();
            const double halfWidth = tol.percent ? std::fabs(nominal) * std::fabs(tol.value) : std::fabs(tol.value);
            limits.low = nominal - halfWidth;
            limits.high = nominal + halfWidth;
            text = fmt(nominal, d) + " ± " +
                   (tol.percent ? core::formatQuantity(std::fabs(tol.value) * 100.0, core::Dimension::none()) + " %"
                                : fmt(halfWidth, d));
        } else {
            limits.low = nominal;
            limits.high = nominal;
            text = "= " + fmt(nominal, d);
        }
    }
    if (expect.min) {
        const double v = evalSi(*expect.min);
        limits.low = limits.low ? std::max(*limits.low, v) : v;
        text += (text.empty() ? "" : ", ") + std::string("≥ ") + fmt(v, d);
    }
    if (expect.max) {
        const double v = evalSi(*expect.max);
        limits.high = limits.high ? std::min(*limits.high, v) : v;
        text += (text.empty() ? "" : ", ") + std::string("≤ ") + fmt(v, d);
    }
    limits.text = text;
    return limits;
}

} // namespace v2gbench::bench
