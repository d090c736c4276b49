#pragma once
// Reads can-utils "candump -l/-L" logs: "(SECONDS.FRACTION) IFNAME FRAME [T|R]" where FRAME is
// "123#11223344" (3 hex digits = 11-bit id), "1CEC56F4#..." (8 digits = 29-bit; with
// CAN_ERR_FLAG 0x20000000 set = error frame), "123#R" / "123#R4" (remote). CAN FD ("##") is
// refused. A malformed line is reported with its line number; every good frame is kept.
#include "v2gbench/core/text_file.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

struct CanDumpRecord {
    CanFrame frame;
    std::string interface;
    std::size_t line = 0; // 1-based, 0 when parsed from a lone string
};

struct CanDumpProblem {
    std::size_t line = 0;
    std::string message; // "line 187: odd number of hex digits in payload '1A0614141500000'"
};

struct CanDumpLog {
    std::vector<CanDumpRecord> records;
    std::vector<CanDumpProblem> problems;
};

// Throws std::invalid_argument explaining what is wrong with the line.
CanDumpRecord parseCanDumpLine(std::string_view line);
// A CAN trace file (candump log or ZLG export) is refused above this size: every frame is kept in
// memory (~100 bytes each), and 256 MiB is ~5 million frames, about 14 hours of a GB/T 27930
// session at ~100 frames/s — longer than any charging session the bench records.
inline constexpr std::size_t kCanTraceMaxBytes = 256 * core::kMiB;
// A candump -L line is ~50 characters ("(1700000000.123456) can0 1CEC56F4#1122334455667788");
// a longer line is not a candump log (or is damaged beyond use), so reading stops there.
inline constexpr std::size_t kCanDumpMaxLineBytes = 4096;

// Blank lines are skipped. Only a regular file is read (a FIFO or /dev/zero is refused at once),
// at most kCanTraceMaxBytes, lines at most kCanDumpMaxLineBytes: core::FileReadError (a
// std::runtime_error naming the path) otherwise. `stop` is polled between chunks
// (core::ReadStopped).
CanDumpLog readCanDumpFile(const std::string& path, const core::StopCheck& stop = {});

} // namespace v2gbench::transports
