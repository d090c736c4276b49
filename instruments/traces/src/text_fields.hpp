#pragma once
// Small helpers the text-format parsers share: whitespace tokens, hex and decimal numbers, times
// as exact integer microseconds (never through a double, so 1700000000.123456 stays exact), and
// quoting untrusted cells for messages.
#include <cstdint>
#include <string>
#include <string_view>

namespace v2gbench::traces::detail {

// Timestamps are microseconds in a long long; anything beyond this (year ~146,000) is out of range.
inline constexpr std::int64_t kMaxTimestampUs = std::int64_t{1} << 62;

inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// The next whitespace-separated token of `rest` (empty at the end); `rest` moves past it.
std::string_view nextToken(std::string_view& rest);
std::string_view trim(std::string_view s);
bool startsWith(std::string_view s, std::string_view prefix);
bool containsAny(std::string_view s, std::initializer_list<std::string_view> needles);
bool allDigits(std::string_view s);
// Case-insensitive ASCII equality.
bool equalsNoCase(std::string_view a, std::string_view b);

// Hexadecimal with an optional 0x prefix, at most 16 digits.
bool parseHex(std::string_view s, std::uint64_t& value);
// Decimal digits only, at most 18 digits.
bool parseUnsigned(std::string_view s, std::uint64_t& value);

enum class NumberParse { Ok, NotNumber, OutOfRange };
// "SSS[.fff…]" (no sign, no exponent) as microseconds, where one unit is `unitUs` µs (1'000'000
// for seconds, 1000 for milliseconds). `resolutionUs` is one unit of the last digit written (at
// least 1 µs); digits finer than 1 µs are rounded to the nearest µs.
NumberParse parseDecimalUs(std::string_view text, std::int64_t unitUs, std::int64_t& us, std::int64_t& resolutionUs);
// Clock times "hh:mm:ss[.fff]" and "mm:ss[.f]": µs within the period the clock wraps at (24 h or
// 1 h), returned in `wrapUs`.
NumberParse parseClockUs(std::string_view text, std::int64_t& us, std::int64_t& resolutionUs, std::int64_t& wrapUs);
// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);

// 'cell' quoted for a message: at most 60 printable characters.
std::string quoted(std::string_view cell);

} // namespace v2gbench::traces::detail
