#pragma once
// `v2gbench decode TRACE [--strict]` and `v2gbench analyze TRACE [--tolerant]`: a CAN trace of any
// supported format (v2g_traces recognises it) streamed through the GB/T 27930 decoder or analyzer
// in bounded memory; decode prints as it reads.
// Exit codes: 0 the trace was read and nothing is wrong; 1 decode: some lines could not be read
// (each is reported) / analyze: an error finding (malformed lines and time going backwards are
// error findings); 2 nothing readable (empty file, binary data, no frame of a supported format,
// not a regular file) or a usage error; 3 stopped (Ctrl-C, SIGTERM).
#include "v2gbench/bench/abort_flag.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

// `args` are the words after the command name.
int runDecode(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort);
int runAnalyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const bench::AbortFlag& abort);

} // namespace v2gbench::app
