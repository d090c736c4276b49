#include "v2gbench/reports/text_format.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace v2gbench::reports {

std::string escapeXml(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                out += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            } else {
                out += c;
            }
        }
        }
    }
    return out;
}

std::string formatNumber(double value, int significantDigits) {
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-inf" : "inf";
    }
    if (value == 0.0) {
        return "0"; // also folds -0 into 0
    }
    std::array<char, 64> buf{};
    const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::general,
                                      significantDigits < 1 ? 1 : significantDigits);
    return std::string(buf.data(), result.ptr);
}

bool unitTakesPrefix(std::string_view unit) {
    static constexpr std::array<std::string_view, 11> base{"V", "A", "W", "var", "VA", "Hz", "s", "Wh", "J", "Ohm", "Ω"};
    std::string_view head = unit;
    if (const auto slash = unit.find('/'); slash != std::string_view::npos) {
        // Rates such as A/s or V/s: the prefix applies to the numerator.
        if (unit.substr(slash + 1) != "s") {
            return false;
        }
        head = unit.substr(0, slash);
    }
    for (const auto b : base) {
        if (head == b) {
            return true;
        }
    }
    return false;
}

SiPrefix chooseSiPrefix(double magnitude, std::string_view unit) {
    if (!unitTakesPrefix(unit) || !std::isfinite(magnitude) || magnitude == 0.0) {
        return {};
    }
    struct Entry {
        int exponent;
        std::string_view symbol;
    };
    static constexpr std::array<Entry, 7> table{{{9, "G"}, {6, "M"}, {3, "k"}, {0, ""}, {-3, "m"}, {-6, "µ"}, {-9, "n"}}};
    const double m = std::fabs(magnitude);
    const bool downOnly = unit == "s";
    for (const auto& e : table) {
        if (downOnly && e.exponent > 0) {
            continue;
        }
        const double scale = std::pow(10.0, e.exponent);
        // Small tolerance so that 999.9999999 (rounding noise) does not flip to the next prefix.
        if (m >= scale * (1.0 - 1e-12)) {
            return {scale, e.symbol};
        }
    }
    return {1e-9, "n"};
}

std::string formatQuantity(double value, std::string_view unit, int significantDigits) {
    if (unit.empty()) {
        return formatNumber(value, significantDigits);
    }
    // Choose the prefix from the value as it will be printed, so 999.9999 V reads "1 kV", not "1000 V".
    double rounded = value;
    const std::string plain = formatNumber(value, significantDigits);
    std::from_chars(plain.data(), plain.data() + plain.size(), rounded);
    const SiPrefix prefix = chooseSiPrefix(rounded, unit);
    std::string out = formatNumber(value / prefix.scale, significantDigits);
    out += ' ';
    out += prefix.symbol;
    out += unit;
    return out;
}

} // namespace v2gbench::reports
