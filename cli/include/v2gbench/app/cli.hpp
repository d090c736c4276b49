#pragma once
// The `v2gbench` command line, callable in-process (tests drive it like a user would). Commands,
// options and exit codes: `v2gbench help [COMMAND]` (cli/src/command_help.cpp, the one place they
// are written); exit codes also in app/exit_codes.hpp.
#include "v2gbench/bench/abort_flag.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bench::AbortFlag& abort);

} // namespace v2gbench::app
