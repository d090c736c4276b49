#pragma once
// Strong SI unit types for driver and role APIs. A raw double never crosses a role boundary:
// a Volts cannot be passed where Amperes is expected. Values are always in the SI base unit
// named by the type (V, A, W, var, s, Hz, Ohm, J, fraction for Ratio).
#include <cmath>
#include <compare>

namespace v2gbench::units {

template <class Tag>
struct Unit {
    double value = 0.0;

    constexpr Unit() = default;
    constexpr explicit Unit(double v) : value(v) {}

    constexpr Unit operator+(Unit o) const { return Unit(value + o.value); }
    constexpr Unit operator-(Unit o) const { return Unit(value - o.value); }
    constexpr Unit operator-() const { return Unit(-value); }
    constexpr Unit operator*(double k) const { return Unit(value * k); }
    constexpr Unit operator/(double k) const { return Unit(value / k); }
    constexpr double operator/(Unit o) const { return value / o.value; }
    constexpr Unit& operator+=(Unit o) { value += o.value; return *this; }
    constexpr Unit& operator-=(Unit o) { value -= o.value; return *this; }
    constexpr auto operator<=>(const Unit&) const = default;
};

template <class Tag>
constexpr Unit<Tag> abs(Unit<Tag> u) { return Unit<Tag>(u.value < 0 ? -u.value : u.value); }

struct VoltTag {};
struct AmpereTag {};
struct WattTag {};
struct VarTag {};
struct SecondTag {};
struct HertzTag {};
struct OhmTag {};
struct JouleTag {};
struct RatioTag {};  // dimensionless fraction: 0.5 == 50 %
struct DegreeTag {}; // phase angle in degrees (the unit instruments use)
struct AmpereHourTag {};

using Volts = Unit<VoltTag>;
using Amperes = Unit<AmpereTag>;
using Watts = Unit<WattTag>;
using Vars = Unit<VarTag>;
using Seconds = Unit<SecondTag>;
using Hertz = Unit<HertzTag>;
using Ohms = Unit<OhmTag>;
using Joules = Unit<JouleTag>;
using Ratio = Unit<RatioTag>;
using Degrees = Unit<DegreeTag>;
using AmpereHours = Unit<AmpereHourTag>;

constexpr Watts operator*(Volts v, Amperes a) { return Watts(v.value * a.value); }
constexpr Watts operator*(Amperes a, Volts v) { return Watts(v.value * a.value); }
constexpr Amperes operator/(Watts p, Volts v) { return Amperes(p.value / v.value); }
constexpr Volts operator*(Amperes a, Ohms r) { return Volts(a.value * r.value); }

namespace literals {
constexpr Volts operator""_V(long double v) { return Volts(static_cast<double>(v)); }
constexpr Volts operator""_V(unsigned long long v) { return Volts(static_cast<double>(v)); }
constexpr Amperes operator""_A(long double v) { return Amperes(static_cast<double>(v)); }
constexpr Amperes operator""_A(unsigned long long v) { return Amperes(static_cast<double>(v)); }
constexpr Watts operator""_W(long double v) { return Watts(static_cast<double>(v)); }
constexpr Watts operator""_W(unsigned long long v) { return Watts(static_cast<double>(v)); }
constexpr Watts operator""_kW(long double v) { return Watts(static_cast<double>(v) * 1e3); }
constexpr Watts operator""_kW(unsigned long long v) { return Watts(static_cast<double>(v) * 1e3); }
constexpr Seconds operator""_s(long double v) { return Seconds(static_cast<double>(v)); }
constexpr Seconds operator""_s(unsigned long long v) { return Seconds(static_cast<double>(v)); }
constexpr Seconds operator""_ms(long double v) { return Seconds(static_cast<double>(v) * 1e-3); }
constexpr Seconds operator""_ms(unsigned long long v) { return Seconds(static_cast<double>(v) * 1e-3); }
constexpr Hertz operator""_Hz(long double v) { return Hertz(static_cast<double>(v)); }
constexpr Hertz operator""_Hz(unsigned long long v) { return Hertz(static_cast<double>(v)); }
constexpr Ohms operator""_Ohm(long double v) { return Ohms(static_cast<double>(v)); }
constexpr Ohms operator""_Ohm(unsigned long long v) { return Ohms(static_cast<double>(v)); }
} // namespace literals

} // namespace v2gbench::units
