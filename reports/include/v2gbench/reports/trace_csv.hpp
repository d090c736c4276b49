#pragma once
// Reader for recorded traces, signals/NNNN.csv: header "time_s,<signal>_<unit>", then numeric rows.

#include "v2gbench/core/text_file.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::reports {

struct Trace {
    std::string column; // value column header as written, e.g. "analyzer.dc_current_A"
    std::string signal; // "analyzer.dc_current"
    std::string unit;   // "A"; empty when the header carries no "_<unit>" suffix
    std::vector<double> timeS;
    std::vector<double> values;
};

// Parses CSV text; `fileName` only appears in errors, which name the line: "<file>:<line>: ...".
Trace parseTraceCsv(std::string_view text, const std::string& fileName);
// Reads a regular file of at most 64 MiB (a FIFO or /dev/zero is refused at once); `stop` is
// polled between chunks (Ctrl-C).
Trace readTraceCsv(const std::filesystem::path& file, const core::StopCheck& stop = {});

} // namespace v2gbench::reports
