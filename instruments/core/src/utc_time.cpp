#include "v2gbench/core/utc_time.hpp"

#include <cstdio>
#include <ctime>

namespace v2gbench::core {

std::string formatUtc(std::chrono::system_clock::time_point t, UtcFormat format) {
    const auto seconds = std::chrono::system_clock::to_time_t(t);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    const int year = tm.tm_year + 1900, month = tm.tm_mon + 1;
    char buf[64];
    switch (format) {
    case UtcFormat::Milliseconds:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec, static_cast<int>(ms < 0 ? ms + 1000 : ms));
        break;
    case UtcFormat::Seconds:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, tm.tm_mday, tm.tm_hour, tm.tm_min,
                      tm.tm_sec);
        break;
    case UtcFormat::Compact:
        std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", year, month, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        break;
    case UtcFormat::Date: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, tm.tm_mday); break;
    }
    return buf;
}

} // namespace v2gbench::core
