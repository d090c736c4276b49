#pragma once
// Range checks shared by the sim drivers: a request outside the instrument's range is refused
// with a CapabilityError naming the instrument, never clamped.
#include "v2gbench/core/errors.hpp"

#include <cmath>
#include <sstream>
#include <string>

namespace v2gbench::sim::detail {

inline std::string formatNumber(double v) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << v;
    return s.str();
}

inline void requireRange(const std::string& instrument, const char* what, double value, double lo, double hi,
                         const char* unit) {
    if (std::isfinite(value) && value >= lo && value <= hi) return;
    throw core::CapabilityError(instrument + ": " + what + " " + formatNumber(value) + " " + unit + " is outside " +
                                formatNumber(lo) + ".." + formatNumber(hi) + " " + unit);
}

inline constexpr const char* kManufacturer = "v2gbench simulated lab";

} // namespace v2gbench::sim::detail
