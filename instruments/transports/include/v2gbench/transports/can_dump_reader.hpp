#pragma once
// Reads can-utils "candump -l/-L" logs: "(SECONDS.FRACTION) IFNAME FRAME [T|R]" where FRAME is
// "123#11223344" (3 hex digits = 11-bit id), "1CEC56F4#..." (8 digits = 29-bit; with
// CAN_ERR_FLAG 0x20000000 set = error frame), "123#R" / "123#R4" (remote). CAN FD ("##") is
// refused. A malformed line is reported with its line number; every good frame is kept.
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
// Blank lines are skipped. Throws std::runtime_error when the file cannot be read.
CanDumpLog readCanDumpFile(const std::string& path);

} // namespace v2gbench::transports
