#pragma once
// A run-time physical quantity: an SI value with its dimension. Parsed from plan and profile text
// ("400 V", "250 ms", "7.4 kW", "±0.5 %", "-3 kW"). A percentage is dimensionless and keeps a flag
// so a tolerance of "1 %" can be told from an absolute tolerance; its value is the fraction (0.01).
#include "v2gbench/core/dimension.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace v2gbench::core {

struct Quantity {
    double value = 0.0;   // SI base unit (V, A, W, s, Hz, Ω, J, A·s), or fraction for percent
    Dimension dimension{};
    bool percent = false; // written with '%': value is a fraction of something else
    bool plusMinus = false; // written with a leading '±' (or "+-")

    static Quantity scalar(double v) { return {v, Dimension::none(), false, false}; }
    static Quantity of(double v, Dimension d) { return {v, d, false, false}; }
};

struct QuantityParseResult {
    std::optional<Quantity> quantity;
    std::string error;       // empty on success; a sentence for a test engineer otherwise
    std::size_t errorOffset = 0; // character offset into the text where the problem starts
};

// Parses a whole string as one quantity. Accepts SI prefixes on the units that take them
// (mV, kV, mA, kW, MW, kvar, kVA, ms, us, µs, min, h, kHz, MHz, mΩ/mOhm, kWh, Ah), "%" and "ppm".
// A bare number without a unit parses as dimensionless.
QuantityParseResult parseQuantity(std::string_view text);

// Looks up one unit symbol ("kW", "ms", "%"); returns the scale to SI and the dimension.
struct UnitInfo {
    double scale;
    Dimension dimension;
    bool percent;
};
std::optional<UnitInfo> lookupUnit(std::string_view symbol);

// Formats a value for people: "400.0 V", "7.40 kW", "250 ms". Locale-independent.
std::string formatQuantity(double siValue, Dimension d, int significant = 4);

} // namespace v2gbench::core
