// The one UTC formatter (core/utc_time.hpp) every record of a moment uses.
#include "v2gbench/core/utc_time.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench::core;

BOOST_AUTO_TEST_SUITE(utc_time)

BOOST_AUTO_TEST_CASE(each_format_of_one_moment) {
    // 2026-11-26T10:15:00Z is 1795688100 s after the epoch; plus 123 ms.
    const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795688100123LL));
    BOOST_TEST(formatUtc(t, UtcFormat::Milliseconds) == "2026-11-26T10:15:00.123Z");
    BOOST_TEST(formatUtc(t, UtcFormat::Seconds) == "2026-11-26T10:15:00Z");
    BOOST_TEST(formatUtc(t, UtcFormat::Compact) == "20261126T101500Z");
    BOOST_TEST(formatUtc(t, UtcFormat::Date) == "2026-11-26");
}

BOOST_AUTO_TEST_CASE(milliseconds_are_zero_padded) {
    const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795688100007LL));
    BOOST_TEST(formatUtc(t, UtcFormat::Milliseconds) == "2026-11-26T10:15:00.007Z");
}

BOOST_AUTO_TEST_SUITE_END()
