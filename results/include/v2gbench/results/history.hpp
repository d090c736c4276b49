#pragma once
// What a rack engineer asks the next morning, answered from a ResultsStore: the verdict matrix of
// nights × cases (history), what changed between two runs (compare), a check's value over time
// against its limits (trend) and checks whose verdict flips on unchanged firmware (flaky).
// Pure over the store: no printing (the CLI renders text tables or JSON).
#include "v2gbench/results/results_store.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace v2gbench::results {

struct HistoryMatrix {
    std::vector<RunHeader> runs;   // columns, oldest first
    std::vector<std::string> keys; // rows: case keys (check keys with filter.check), sorted
    std::map<std::pair<std::string, std::string>, std::string> cells; // (key, runKey) → verdict
};
HistoryMatrix buildHistory(ResultsStore& store, const RunFilter& filter);

// The night `days` before the latest stored night (YYYY-MM-DD), or "" for an empty store: the
// default window of history. Throws std::invalid_argument for a malformed stored night.
std::string nightsBeforeLatest(ResultsStore& store, int days);

struct TrendPoint {
    RunHeader run;
    CheckPoint point;
};
struct Trend {
    std::string checkKey;
    std::vector<TrendPoint> points;        // oldest first
    std::optional<std::size_t> firstFail;  // index of the first point with verdict fail
};
// Throws std::invalid_argument when no stored check is named filter.check, or when the name
// matches several check keys (the message lists them: name one by its key).
Trend buildTrend(ResultsStore& store, const RunFilter& filter);

struct VerdictChange {
    std::string key; // case key, or check key
    std::string before, after; // "" when absent from that run
};
struct ValueChange {
    std::string checkKey;
    std::optional<double> before, after;
    std::optional<double> uncertaintyBefore, uncertaintyAfter;
    std::string unit;
};
struct Comparison {
    RunRecord a, b;
    std::vector<VerdictChange> caseVerdicts;
    std::vector<VerdictChange> checkVerdicts;
    // Checks whose value moved by more than the root sum of squares of the two uncertainties (by
    // any amount when an uncertainty is unknown), or that were measured in only one of the runs.
    std::vector<ValueChange> values;
};
// Runs named by key or run id. Throws std::invalid_argument naming a run the store does not hold.
Comparison compareRuns(ResultsStore& store, const std::string& runA, const std::string& runB);

// A check whose verdict was both pass and fail on one rack with one DUT firmware and software
// version: nothing the lab changed explains the flip.
using FlakyCheck = VerdictCount;
std::vector<FlakyCheck> findFlaky(ResultsStore& store, const RunFilter& filter);

} // namespace v2gbench::results
