#pragma once
// The wall clock in UTC as the run folder, the journals, the locks and the results database write
// it — one source, so every record of one moment reads the same. Not the bench clock (clock.hpp):
// these stamps say when something happened in the world, never how long a measurement took.
#include <chrono>
#include <string>

namespace v2gbench::core {

enum class UtcFormat {
    Milliseconds, // 2026-11-26T10:15:00.123Z (journals, run start and end, the seal)
    Seconds,      // 2026-11-26T10:15:00Z (lock holders, results sync)
    Compact,      // 20261126T101500Z (folder names)
    Date,         // 2026-11-26 (calibration due dates)
};

std::string formatUtc(std::chrono::system_clock::time_point t, UtcFormat format);
inline std::string utcNow(UtcFormat format) { return formatUtc(std::chrono::system_clock::now(), format); }

} // namespace v2gbench::core
