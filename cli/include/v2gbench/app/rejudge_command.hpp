#pragma once
// `v2gbench rejudge RUN_DIR --rule RULE`: every check of a run re-decided offline under another
// decision rule (bench/decision_rule.hpp) from the values, limits and uncertainties the run
// recorded — nothing is re-run. Writes summary.rejudged-N.json and report.rejudged-N.html next to
// the run's own files (never over them, N the first free number) and lists every check whose
// verdict or decision changed.
// Exit codes: the rejudged run's verdict as `run` maps it (0 pass / not-applicable, 1 fail or
// inconclusive — a conditional pass or fail —, 2 error), or 2 for invalid input (no run folder,
// an unreadable summary.json, an unknown rule), 3 stopped.
#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

// `args` are the words after the command name.
int runRejudge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace v2gbench::app
