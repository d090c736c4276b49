#include "v2gbench/simwire/iio/adc_waveform.hpp"

#include <cmath>
#include <numbers>

namespace v2gbench::simwire::iio {

namespace {
constexpr double kTwoPi = 2.0 * std::numbers::pi;
// cos/sin of 120 degrees: phase B lags A by 120, C leads A by 120.
constexpr double kCos120 = -0.5;
const double kSin120 = std::sqrt(3.0) / 2.0;

// sin(5x) from sin(x): the 5th harmonic without another transcendental call per sample.
inline double sin5(double s) {
    const double s2 = s * s;
    return s * (5.0 + s2 * (-20.0 + 16.0 * s2));
}
} // namespace

WaveformState WaveformState::fromPlant(const sim::Plant& plant) {
    WaveformState w;
    const auto snap = plant.snapshot();
    const auto& params = plant.parameters();
    if (snap.grid.outputOn) {
        w.gridVoltage = snap.grid.voltage.value;
        w.gridFrequency = snap.grid.frequency.value;
        w.activePower = snap.gridPower.value;
    }
    w.powerFactor = params.powerFactor;
    w.currentThd = params.currentThd;
    w.phases = plant.ratings().acPhases == 1 ? 1 : 3;
    if (snap.batteryOn) {
        w.dcVoltage = snap.dcVoltage.value;
        w.dcCurrent = snap.dcCurrent.value;
        w.rippleFraction = params.rippleFraction;
        w.rippleFrequency = params.rippleFrequency;
    }
    return w;
}

AdcWaveform::AdcWaveform(double sampleRate, double startTime)
    : m_rate(sampleRate), m_theta(0.0), m_ripplePhase(0.0) {
    // Phases as the plant's own time would give them at 50 Hz / 300 Hz; only continuity matters.
    m_theta = std::fmod(kTwoPi * 50.0 * startTime, kTwoPi);
    m_ripplePhase = std::fmod(kTwoPi * 300.0 * startTime, kTwoPi);
}

void AdcWaveform::generate(const WaveformState& s, std::size_t count, double* frames) {
    const double vPeak = std::sqrt(2.0) * s.gridVoltage;
    const int phases = s.phases == 1 ? 1 : 3;
    // Per-phase fundamental current: S = |P| / PF shared by the phases; angle psi = atan2(Q, P)
    // so that P = V I cos(psi), Q = V I sin(psi) (lagging current = positive Q) for either sign of P.
    const double pf = s.powerFactor > 0.0 && s.powerFactor <= 1.0 ? s.powerFactor : 1.0;
    const double apparent = std::abs(s.activePower) / pf;
    const double reactive = apparent * std::sqrt(std::max(0.0, 1.0 - pf * pf));
    const double iPeak = s.gridVoltage > 0.0 ? std::sqrt(2.0) * apparent / (phases * s.gridVoltage) : 0.0;
    const double psi = std::atan2(reactive, s.activePower);
    const double cosPsi = std::cos(psi), sinPsi = std::sin(psi);
    const double h5 = s.currentThd;
    const double dTheta = kTwoPi * s.gridFrequency / m_rate;
    const double dRipple = kTwoPi * s.rippleFrequency / m_rate;
    const double ripplePeak = s.rippleFraction * s.dcVoltage;

    for (std::size_t n = 0; n < count; ++n) {
        double* f = frames + n * kSignalCount;
        const double sa = std::sin(m_theta), ca = std::cos(m_theta);
        // sin(theta -+ 120deg) by rotation.
        const double sb = sa * kCos120 - ca * kSin120;
        const double sc = sa * kCos120 + ca * kSin120;
        const double cb = ca * kCos120 + sa * kSin120;
        const double cc = ca * kCos120 - sa * kSin120;
        // sin(x - psi) = sin x cos psi - cos x sin psi
        const double ja = sa * cosPsi - ca * sinPsi;
        const double jb = sb * cosPsi - cb * sinPsi;
        const double jc = sc * cosPsi - cc * sinPsi;
        f[VA] = vPeak * sa;
        f[IA] = iPeak * (ja + h5 * sin5(ja));
        if (phases == 3) {
            f[VB] = vPeak * sb;
            f[VC] = vPeak * sc;
            f[IB] = iPeak * (jb + h5 * sin5(jb));
            f[IC] = iPeak * (jc + h5 * sin5(jc));
        } else {
            f[VB] = f[VC] = f[IB] = f[IC] = 0.0;
        }
        f[VDC] = s.dcVoltage + ripplePeak * std::sin(m_ripplePhase);
        f[IDC] = s.dcCurrent;
        m_theta += dTheta;
        if (m_theta >= kTwoPi) m_theta -= kTwoPi;
        m_ripplePhase += dRipple;
        if (m_ripplePhase >= kTwoPi) m_ripplePhase -= kTwoPi;
    }
    m_next += static_cast<std::int64_t>(count);
}

} // namespace v2gbench::simwire::iio
