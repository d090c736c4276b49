#include "text_fields.hpp"

#include "v2gbench/traces/printable.hpp"

#include <charconv>

namespace v2gbench::traces::detail {

std::string_view nextToken(std::string_view& rest) {
    std::size_t b = 0;
    while (b < rest.size() && isSpace(rest[b])) ++b;
    std::size_t e = b;
    while (e < rest.size() && !isSpace(rest[e])) ++e;
    const std::string_view token = rest.substr(b, e - b);
    rest.remove_prefix(e);
    return token;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool containsAny(std::string_view s, std::initializer_list<std::string_view> needles) {
    for (auto n : needles)
        if (s.find(n) != std::string_view::npos) return true;
    return false;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

bool parseHex(std::string_view s, std::uint64_t& value) {
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
    if (s.empty() || s.size() > 16) return false;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value, 16);
    return ec == std::errc() && p == s.data() + s.size();
}

bool parseUnsigned(std::string_view s, std::uint64_t& value) {
    if (!allDigits(s) || s.size() > 18) return false;
    std::from_chars(s.data(), s.data() + s.size(), value);
    return true;
}

NumberParse parseDecimalUs(std::string_view text, std::int64_t unitUs, std::int64_t& us, std::int64_t& resolutionUs) {
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (!allDigits(whole) || (dot != std::string_view::npos && !frac.empty() && !allDigits(frac))) return NumberParse::NotNumber;
    if (whole.size() > 15 || frac.size() > 12) return NumberParse::OutOfRange;
    std::uint64_t w = 0, f = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), w);
    if (!frac.empty()) std::from_chars(frac.data(), frac.data() + frac.size(), f);
    if (w > static_cast<std::uint64_t>(kMaxTimestampUs / unitUs)) return NumberParse::OutOfRange;
    std::int64_t pow10 = 1;
    for (std::size_t i = 0; i < frac.size(); ++i) pow10 *= 10;
    // f < 10^12 and unitUs <= 10^6: 2 * f * unitUs + pow10 < 2.1e18 fits 64 bits. Rounded to 1 µs.
    const std::uint64_t scaled =
        (f * static_cast<std::uint64_t>(unitUs) * 2 + static_cast<std::uint64_t>(pow10)) / (2 * static_cast<std::uint64_t>(pow10));
    us = static_cast<std::int64_t>(w) * unitUs + static_cast<std::int64_t>(scaled);
    const std::int64_t step = unitUs / pow10;
    resolutionUs = step > 0 ? step : 1;
    return us > kMaxTimestampUs ? NumberParse::OutOfRange : NumberParse::Ok;
}

NumberParse parseClockUs(std::string_view text, std::int64_t& us, std::int64_t& resolutionUs, std::int64_t& wrapUs) {
    std::string_view parts[3];
    std::size_t n = 0;
    std::string_view rest = text;
    for (;;) {
        const std::size_t colon = rest.find(':');
        if (n == 3) return NumberParse::NotNumber;
        parts[n++] = rest.substr(0, colon);
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    if (n < 2) return NumberParse::NotNumber;
    std::uint64_t hours = 0, minutes = 0;
    const std::string_view minuteText = parts[n - 2];
    if (n == 3 && (!parseUnsigned(parts[0], hours) || parts[0].size() > 2 || hours > 23)) return NumberParse::NotNumber;
    if (!parseUnsigned(minuteText, minutes) || minuteText.size() > 2 || minutes > 59) return NumberParse::NotNumber;
    std::int64_t secondsUs = 0;
    const std::string_view secondText = parts[n - 1];
    if (secondText.find('.') > 2 || parseDecimalUs(secondText, 1'000'000, secondsUs, resolutionUs) != NumberParse::Ok ||
        secondsUs >= 60'000'000)
        return NumberParse::NotNumber;
    us = (static_cast<std::int64_t>(hours) * 3600 + static_cast<std::int64_t>(minutes) * 60) * 1'000'000 + secondsUs;
    wrapUs = n == 3 ? std::int64_t{86400} * 1'000'000 : std::int64_t{3600} * 1'000'000;
    return NumberParse::Ok;
}

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    // H. Hinnant's days_from_civil.
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string quoted(std::string_view cell) { return "'" + printableExcerpt(cell, 60) + "'"; }

} // namespace v2gbench::traces::detail
