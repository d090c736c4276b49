#pragma once
// Locale-independent text helpers shared by the JUnit and HTML writers. Everything here is built on
// std::to_chars so a report looks the same whatever LC_NUMERIC the calling process runs under.

#include <optional>
#include <string>
#include <string_view>

namespace v2gbench::reports {

// Escapes & < > " ' for XML and HTML text and attribute values. Characters XML 1.0 forbids
// (C0 controls other than tab, LF, CR) become U+FFFD, so a stray byte in a DUT string cannot make
// junit.xml unparsable.
std::string escapeXml(std::string_view text);

// Shortest round-trip-ish text with at most `significantDigits` digits, "C" style ("1.5", "-0.002",
// "1e+06"); "nan", "inf", "-inf" for non-finite values.
std::string formatNumber(double value, int significantDigits = 6);

// Value with unit, using an SI prefix when the unit takes one and the magnitude calls for it:
// (0.02, "A") -> "20 mA", (412500, "W") -> "412.5 kW", (10.02, "A") -> "10.02 A", (0.5, "") -> "0.5".
std::string formatQuantity(double value, std::string_view unit, int significantDigits = 6);

// True for units that read well with an SI prefix (V, A, W, var, VA, Hz, s, Wh, and X/s of those).
bool unitTakesPrefix(std::string_view unit);

// The SI prefix (exponent multiple of 3, within 1e-9 .. 1e9) that puts |magnitude| in [1, 1000).
// Seconds only go downwards (ms, µs): "1.2 ks" reads worse than "1200 s".
struct SiPrefix {
    double scale = 1.0;     // divide a value by this
    std::string_view symbol; // "", "k", "m", "µ", ...
};
SiPrefix chooseSiPrefix(double magnitude, std::string_view unit);

} // namespace v2gbench::reports
