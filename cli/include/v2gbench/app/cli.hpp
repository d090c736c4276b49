#pragma once
// The `v2gbench` command line, callable in-process (tests drive it like a user would).
//
//   v2gbench run PLAN|DIR... [--bench FILE] [--dut FILE] [--defect NAME] [--seed N]
//                            [--requirements DIR]... [--out DIR] [--junit FILE] [--quiet]
//   v2gbench validate PLAN|DIR... [--bench FILE] [--dut FILE] [--requirements DIR]...
//   v2gbench list plans|drivers|defects
//   v2gbench report RUN_DIR
//
// Exit codes: 0 every verdict pass or not-applicable; 1 any fail or inconclusive; 2 invalid
// input or bench/harness error; 3 aborted.
#include "v2gbench/bench/abort_flag.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bench::AbortFlag& abort);

// Where the project's data (benches/, testplans/) lives: $V2G_DATA_DIR, else the source tree
// this binary was built from.
std::string dataDir();

} // namespace v2gbench::app
