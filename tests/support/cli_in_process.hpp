#pragma once
// The v2gbench CLI run in process (app::runCli) with its output captured, for tests that check
// exit codes and messages without a child process.
#include "v2gbench/app/cli.hpp"
#include "v2gbench/bench/abort_flag.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace v2gbench::test {

struct CliResult {
    int code = 0;
    std::string out, err;
};

inline CliResult runCliInProcess(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    bench::AbortFlag abort;
    const int code = app::runCli(args, out, err, abort);
    return {code, out.str(), err.str()};
}

} // namespace v2gbench::test
