#pragma once
// CAN traces in and out: candump -L (through transports' reader and writer) and ZLG CANTest /
// ZCANPRO text exports (tab-separated; time as hex ticks of 0.1 ms), the two formats charger labs
// hand over. A malformed line is reported with its line number; every good frame is kept.
#include "v2gbench/core/text_file.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

enum class TraceFormat { CandumpL, ZlgCanTest };
const char* toString(TraceFormat format); // "candump -L", "ZLG CANTest"

struct TraceFrame {
    transports::CanFrame frame;
    std::size_t line = 0; // 1-based line in the file
};

struct TraceProblem {
    std::size_t line = 0;
    std::string message; // "PATH:LINE: what is wrong"
};

struct TraceLog {
    std::string path;
    TraceFormat format = TraceFormat::CandumpL;
    std::vector<TraceFrame> frames;
    std::vector<TraceProblem> problems;
};

// Detects the format from the first non-blank line ('(' starts candump -L). Throws
// std::runtime_error when the file cannot be read. Only regular files of at most
// transports::kCanTraceMaxBytes are read (a FIFO or /dev/zero is refused at once, naming the
// path); `stop` is polled between chunks and throws core::ReadStopped (Ctrl-C in decode/analyze).
TraceLog readTrace(const std::string& path, const core::StopCheck& stop = {});
TraceLog readCandumpTrace(const std::string& path, const core::StopCheck& stop = {});
TraceLog readZlgTrace(const std::string& path, const core::StopCheck& stop = {});
// In-memory variants (benchmarks, tests); `name` prefixes the problem messages.
TraceLog parseCandumpText(std::string_view text, const std::string& name = "<text>");
TraceLog parseZlgText(std::string_view text, const std::string& name = "<text>");
// One ZLG data row. Throws std::invalid_argument saying what is wrong.
transports::CanFrame parseZlgLine(std::string_view line);

// Writes every frame as candump -L (timestamps as recorded; ZLG ticks become seconds).
void writeCandump(const TraceLog& log, std::ostream& out, const std::string& interface = "can0");

// True when timing cannot be judged: fewer than two frames, or every timestamp the same
// (the two candump captures in shared/data were flattened to one value).
bool timestampsFlattened(const TraceLog& log);

} // namespace v2gbench::protocols::gbt27930
