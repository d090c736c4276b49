#pragma once
// `v2gbench judge CAPTURE --plan PLAN [--dut FILE] [--requirements DIR]`: a plan's bus_checks judged
// on a capture of any supported trace format, without a bench (bench/offline_judgement.hpp states
// how a plan maps onto a capture). Prints every case and check with its verdict and, for
// not-applicable ones, why.
// Exit codes, as `run`, `decode` and `analyze`: 0 every check judged passed or was not applicable;
// 1 a check failed or was inconclusive; 2 invalid input (bad plan at file:line, unreadable
// capture, usage) or a plan asking for what a message cannot have; 3 stopped (Ctrl-C, SIGTERM).
#include "v2gbench/bench/abort_flag.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

// `args` are the words after the command name.
int runJudge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort);

} // namespace v2gbench::app
