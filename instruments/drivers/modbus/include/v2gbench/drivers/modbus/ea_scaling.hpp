#pragma once
// EA 10000-series register scaling: set values 0..0xD0E5 = 0..102 % of the nominal value, actual
// values 0..0xFFFF = 0..125 %; 0xCCCC is 100 % in both. Nominals are read from the device.
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace v2gbench::drivers::modbus::ea {

inline constexpr std::uint16_t kFullScale = 0xCCCC;    // 100 % of nominal
inline constexpr std::uint16_t kSetValueMax = 0xD0E5;  // 102 %
inline constexpr std::uint16_t kProtectionMax = 0xE147; // 110 %

// Nearest raw set value for `value` (same unit as nominal). Throws std::out_of_range for a
// negative value, a bad nominal or one above 102 %: the caller checks ratings first.
inline std::uint16_t toSetValue(double value, double nominal) {
    if (!(nominal > 0.0) || !std::isfinite(value) || value < 0.0)
        throw std::out_of_range("set value " + std::to_string(value) + " with nominal " + std::to_string(nominal));
    const double raw = std::round(value / nominal * kFullScale);
    if (raw > kSetValueMax)
        throw std::out_of_range("set value " + std::to_string(value) + " is above 102 % of nominal " + std::to_string(nominal));
    return static_cast<std::uint16_t>(raw);
}

inline double fromSetValue(std::uint16_t raw, double nominal) { return raw * nominal / kFullScale; }
inline double fromActualValue(std::uint16_t raw, double nominal) { return raw * nominal / kFullScale; }
// One count of a set value, in the nominal's unit: the resolution of a round trip.
inline double resolution(double nominal) { return nominal / kFullScale; }

} // namespace v2gbench::drivers::modbus::ea
