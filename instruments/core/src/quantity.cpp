#include "v2gbench/core/quantity.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace v2gbench::core {

namespace {

struct UnitRow {
    std::string_view symbol;
    double scale;
    Dimension dimension;
    bool percent;
};

// Every symbol the bench accepts. Case matters: "mA" is milliampere, "MW" megawatt.
const std::array<UnitRow, 46> kUnits{{
    {"V", 1.0, Dimension::voltage(), false},
    {"mV", 1e-3, Dimension::voltage(), false},
    {"kV", 1e3, Dimension::voltage(), false},
    {"A", 1.0, Dimension::current(), false},
    {"mA", 1e-3, Dimension::current(), false},
    {"kA", 1e3, Dimension::current(), false},
    {"W", 1.0, Dimension::power(), false},
    {"kW", 1e3, Dimension::power(), false},
    {"MW", 1e6, Dimension::power(), false},
    {"var", 1.0, Dimension::power(), false},
    {"kvar", 1e3, Dimension::power(), false},
    {"VA", 1.0, Dimension::power(), false},
    {"kVA", 1e3, Dimension::power(), false},
    {"s", 1.0, Dimension::time(), false},
    {"ms", 1e-3, Dimension::time(), false},
    {"us", 1e-6, Dimension::time(), false},
    {"\xC2\xB5s", 1e-6, Dimension::time(), false}, // µs
    {"min", 60.0, Dimension::time(), false},
    {"h", 3600.0, Dimension::time(), false},
    {"Hz", 1.0, Dimension::frequency(), false},
    {"mHz", 1e-3, Dimension::frequency(), false},
    {"kHz", 1e3, Dimension::frequency(), false},
    {"MHz", 1e6, Dimension::frequency(), false},
    {"Ohm", 1.0, Dimension::resistance(), false},
    {"mOhm", 1e-3, Dimension::resistance(), false},
    {"kOhm", 1e3, Dimension::resistance(), false},
    {"\xCE\xA9", 1.0, Dimension::resistance(), false},      // Ω
    {"m\xCE\xA9", 1e-3, Dimension::resistance(), false},    // mΩ
    {"k\xCE\xA9", 1e3, Dimension::resistance(), false},     // kΩ
    {"J", 1.0, Dimension::energy(), false},
    {"kJ", 1e3, Dimension::energy(), false},
    {"Wh", 3600.0, Dimension::energy(), false},
    {"kWh", 3.6e6, Dimension::energy(), false},
    {"Ah", 3600.0, Dimension::charge(), false},
    {"As", 1.0, Dimension::charge(), false},
    {"A/s", 1.0, Dimension::currentRate(), false},
    {"A/ms", 1e3, Dimension::currentRate(), false},
    {"V/s", 1.0, Dimension::voltageRate(), false},
    {"V/ms", 1e3, Dimension::voltageRate(), false},
    {"W/s", 1.0, Dimension::powerRate(), false},
    {"kW/s", 1e3, Dimension::powerRate(), false},
    {"%", 1e-2, Dimension::none(), true},
    {"ppm", 1e-6, Dimension::none(), true},
    {"pu", 1.0, Dimension::none(), false},
    {"p.u.", 1.0, Dimension::none(), false},
    {"Hz/s", 1.0, Dimension{0, 0, -2}, false},
}};

bool isSpace(char c) { return c == ' ' || c == '\t'; }

} // namespace

std::optional<UnitInfo> lookupUnit(std::string_view symbol) {
    for (const auto& row : kUnits)
        if (row.symbol == symbol) return UnitInfo{row.scale, row.dimension, row.percent};
    return std::nullopt;
}

QuantityParseResult parseQuantity(std::string_view text) {
    QuantityParseResult result;
    std::size_t i = 0;
    auto skipSpace = [&] {
        while (i < text.size() && isSpace(text[i])) ++i;
    };
    skipSpace();
    bool plusMinus = false;
    if (text.substr(i, 2) == "\xC2\xB1") { // ±
        plusMinus = true;
        i += 2;
    } else if (text.substr(i, 2) == "+-") {
        plusMinus = true;
        i += 2;
    }
    skipSpace();
    const std::size_t numberStart = i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t digitsStart = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E') && i > digitsStart) {
        std::size_t j = i + 1;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
        if (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
            i = j;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        }
    }
    if (i == digitsStart) {
        result.error = "expected a number, found '" + std::string(text.substr(numberStart)) + "'";
        result.errorOffset = numberStart;
        return result;
    }
    double value = 0.0;
    std::string number(text.substr(numberStart, i - numberStart));
    if (!number.empty() && number[0] == '+') number.erase(0, 1);
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(value)) {
        result.error = "'" + number + "' is not a valid number";
        result.errorOffset = numberStart;
        return result;
    }
    skipSpace();
    std::size_t unitStart = i;
    std::string_view unit = text.substr(i);
    while (!unit.empty() && isSpace(unit.back())) unit.remove_suffix(1);
    Quantity q;
    q.plusMinus = plusMinus;
    if (unit.empty()) {
        q.value = value;
        q.dimension = Dimension::none();
    } else {
        auto info = lookupUnit(unit);
        if (!info) {
            result.error = "unknown unit '" + std::string(unit) + "'";
            result.errorOffset = unitStart;
            return result;
        }
        q.value = value * info->scale;
        q.dimension = info->dimension;
        q.percent = info->percent;
    }
    result.quantity = q;
    return result;
}

std::string describe(Dimension d) {
    if (d == Dimension::none()) return "a plain number";
    if (d == Dimension::voltage()) return "a voltage (V)";
    if (d == Dimension::current()) return "a current (A)";
    if (d == Dimension::time()) return "a time (s)";
    if (d == Dimension::power()) return "a power (W)";
    if (d == Dimension::frequency()) return "a frequency (Hz)";
    if (d == Dimension::resistance()) return "a resistance (Ohm)";
    if (d == Dimension::energy()) return "an energy (J)";
    if (d == Dimension::charge()) return "a charge (Ah)";
    if (d == Dimension::currentRate()) return "a current rate (A/s)";
    if (d == Dimension::voltageRate()) return "a voltage rate (V/s)";
    if (d == Dimension::powerRate()) return "a power rate (W/s)";
    return "a quantity in " + unitSymbol(d);
}

std::string unitSymbol(Dimension d) {
    if (d == Dimension::none()) return "";
    if (d == Dimension::voltage()) return "V";
    if (d == Dimension::current()) return "A";
    if (d == Dimension::time()) return "s";
    if (d == Dimension::power()) return "W";
    if (d == Dimension::frequency()) return "Hz";
    if (d == Dimension::resistance()) return "Ohm";
    if (d == Dimension::energy()) return "J";
    if (d == Dimension::charge()) return "As";
    if (d == Dimension::currentRate()) return "A/s";
    if (d == Dimension::voltageRate()) return "V/s";
    if (d == Dimension::powerRate()) return "W/s";
    std::string s;
    auto part = [&](const char* sym, int e) {
        if (e == 0) return;
        if (!s.empty()) s += "·";
        s += sym;
        if (e != 1) s += "^" + std::to_string(e);
    };
    part("V", d.volt);
    part("A", d.ampere);
    part("s", d.second);
    return s;
}

std::string formatQuantity(double siValue, Dimension d, int significant) {
    std::string unit = unitSymbol(d);
    double shown = siValue;
    double mag = std::fabs(siValue);
    if (d == Dimension::power() || d == Dimension::voltage() || d == Dimension::frequency()) {
        if (mag >= 1e6) { shown = siValue / 1e6; unit = "M" + unit; }
        else if (mag >= 1e4 && d == Dimension::power()) { shown = siValue / 1e3; unit = "k" + unit; }
    } else if (d == Dimension::time()) {
        if (mag > 0 && mag < 1.0) { shown = siValue * 1e3; unit = "ms"; }
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", significant, shown);
    std::string out(buf);
    if (!unit.empty()) out += " " + unit;
    return out;
}

} // namespace v2gbench::core
