#pragma once
// Physical dimension of a run-time quantity, as exponents over the bench's three base units
// (volt, ampere, second). W = V·A, Hz = s⁻¹, Ω = V/A, J = V·A·s, Ah = A·s. Power, reactive
// power and apparent power share one dimension; the signal name says which one it is.
#include <string>

namespace v2gbench::core {

struct Dimension {
    int volt = 0;
    int ampere = 0;
    int second = 0;

    constexpr bool operator==(const Dimension&) const = default;
    constexpr Dimension operator*(Dimension o) const { return {volt + o.volt, ampere + o.ampere, second + o.second}; }
    constexpr Dimension operator/(Dimension o) const { return {volt - o.volt, ampere - o.ampere, second - o.second}; }
    constexpr bool dimensionless() const { return volt == 0 && ampere == 0 && second == 0; }

    static constexpr Dimension none() { return {0, 0, 0}; }
    static constexpr Dimension voltage() { return {1, 0, 0}; }
    static constexpr Dimension current() { return {0, 1, 0}; }
    static constexpr Dimension time() { return {0, 0, 1}; }
    static constexpr Dimension power() { return {1, 1, 0}; }
    static constexpr Dimension frequency() { return {0, 0, -1}; }
    static constexpr Dimension resistance() { return {1, -1, 0}; }
    static constexpr Dimension energy() { return {1, 1, 1}; }
    static constexpr Dimension charge() { return {0, 1, 1}; }
    static constexpr Dimension currentRate() { return {0, 1, -1}; }  // A/s
    static constexpr Dimension voltageRate() { return {1, 0, -1}; }  // V/s
    static constexpr Dimension powerRate() { return {1, 1, -1}; }    // W/s
};

// Human name of a dimension for error messages: "voltage (V)", "current (A)", "V·A/s" ...
std::string describe(Dimension d);
// The SI unit symbol used when printing a value of that dimension ("V", "A", "W", "s", "Hz", "A/s").
std::string unitSymbol(Dimension d);

} // namespace v2gbench::core
