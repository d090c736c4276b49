#pragma once
// Pure evaluation of a bus_check over the decoded messages observed after its start: no clock,
// no instruments, so it is unit-tested on hand-made message lists.
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct BusCheckInput {
    BusMatch match;
    BusMatch after;                    // Latency only; empty: from t0
    BusMetric metric = BusMetric::Latency;
    PeriodStatistic statistic = PeriodStatistic::Median;
    std::string field;                 // Field
    double gap = 1.0;                  // Episodes, s
    double t0 = 0.0;                   // bench time of the command / step start
};

struct BusJudgement {
    std::optional<double> value;       // SI (s) or plain
    std::string reason;                // why there is no value (the DUT's failure), or a note
    bool planError = false;            // the plan asked for something the messages cannot have (unknown field)
    std::vector<std::string> evidence; // message lines that support the value
    std::size_t matches = 0;
};

// True when `m` is the message of `match` and every field condition holds.
bool matches(const core::BusMessage& m, const BusMatch& match);

// "CEM (BRM timeout=1)".
std::string describe(const BusMatch& match);

// Judges `messages` (in time order, all observed from t0 on). Latency without a match, period with
// fewer than two matches, field without a match: no value and a reason naming what was missing.
BusJudgement judgeBus(const BusCheckInput& input, const std::vector<core::BusMessage>& messages);

// True once a latency check has everything it needs (so the step may stop observing early).
bool latencyComplete(const BusCheckInput& input, const std::vector<core::BusMessage>& messages);

} // namespace v2gbench::bench
