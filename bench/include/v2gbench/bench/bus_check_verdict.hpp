#pragma once
// One bus_check judged from the messages it saw — the single implementation the live executor
// (messages read from the `can` role while the step runs) and `v2gbench judge` (messages imported
// from a capture) share, so a metric or rule added here works in both.
#include "v2gbench/bench/bus_judgement.hpp"
#include "v2gbench/bench/expression.hpp"
#include "v2gbench/bench/measurement.hpp"
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/uncertainty_budget.hpp"
#include "v2gbench/bench/verdict.hpp"
#include "v2gbench/core/quantity.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

// The step's check as judgeBus takes it, observed from `t0` (bench seconds); `gap` is the
// evaluated `gap:` (Episodes; 1 s when the step has none).
BusCheckInput busCheckInput(const BusCheckStep& step, double gap, double t0);

// Latency, period and span are times (s); count, episodes, field, layout and distinct plain numbers.
core::Dimension busCheckDimension(const BusCheckStep& step);

struct BusCheckVerdict {
    std::optional<double> value;
    Verdict verdict = Verdict::Fail;
    std::string reason;
    double uncertainty = 0.0; // U of `budget`: from the frames' timestamps for a timed metric, else 0
    std::optional<UncertaintyBudget> budget; // whenever there is a value
    std::vector<std::string> evidence;
    // The plan asked for what the message cannot have (an unknown field): `reason` says what; the
    // caller reports it at the step's file:line as the bench's error, not the DUT's.
    bool planError = false;
};

// Judges `seen` (the messages from input.t0 on, in time order, observed for `window` seconds)
// against `limits`. A frame's time is quantised by `timeResolution` (s), named `timeSource` in the
// budget. The DUT's failures (nothing came within the window) are Fail with a reason.
BusCheckVerdict judgeBusCheck(const BusCheckStep& step, const BusCheckInput& input,
                              const std::vector<core::BusMessage>& seen, const Limits& limits, double timeResolution,
                              double window, const std::string& timeSource = "CAN timestamp resolution");

// The limits of an expectation, its expressions evaluated with `lookup` (throws EvaluationError),
// with the text a report shows ("50 ms ± 10 %", "≥ 0 s, ≤ 100 ms").
Limits resolveLimits(const Expectation& expect, core::Dimension dimension, const NameLookup& lookup);

} // namespace v2gbench::bench
