#include "v2gbench/drivers/iio/cycle_analyzer.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>

namespace v2gbench::drivers::iio {

namespace {
// FFTW's planner is not thread-safe; execution of a finished plan is.
std::mutex& plannerMutex() {
    static std::mutex m;
    return m;
}
constexpr std::size_t kAcSignals = 6; // v_a v_b v_c i_a i_b i_c
} // namespace

CycleAnalyzer::CycleAnalyzer(const CycleAnalyzerConfig& config)
    : m_config(config), m_points(config.resamplePoints) {
    if (!(config.sampleRate > 0.0)) throw std::invalid_argument("CycleAnalyzer: sample rate must be positive");
    if (config.phases != 1 && config.phases != 3) throw std::invalid_argument("CycleAnalyzer: phases must be 1 or 3");
    if (!(config.minFrequency > 0.0) || !(config.maxFrequency > config.minFrequency))
        throw std::invalid_argument("CycleAnalyzer: need 0 < minFrequency < maxFrequency");
    if (config.harmonics < 2 || m_points < static_cast<std::size_t>(2 * config.harmonics + 2))
        throw std::invalid_argument("CycleAnalyzer: resamplePoints must exceed twice the harmonic order");
    if (config.sampleRate / config.maxFrequency < 8.0)
        throw std::invalid_argument("CycleAnalyzer: fewer than 8 samples per cycle");
    m_minPeriod = config.sampleRate / config.maxFrequency;
    m_maxPeriod = config.sampleRate / config.minFrequency;
    m_history.reserve(static_cast<std::size_t>(2 * m_maxPeriod + 16) * kSignalCount);

    const std::size_t bins = m_points / 2 + 1;
    std::lock_guard lock(plannerMutex());
    m_fftIn = fftw_alloc_real(kAcSignals * m_points);
    auto* out = fftw_alloc_complex(kAcSignals * bins);
    m_fftOut = out;
    const int n = static_cast<int>(m_points);
    m_plan = fftw_plan_many_dft_r2c(1, &n, static_cast<int>(kAcSignals), m_fftIn, nullptr, 1, n, out, nullptr, 1,
                                    static_cast<int>(bins), FFTW_ESTIMATE);
    if (!m_plan) throw std::runtime_error("CycleAnalyzer: FFTW could not plan the transform");
}

CycleAnalyzer::~CycleAnalyzer() {
    std::lock_guard lock(plannerMutex());
    fftw_destroy_plan(static_cast<fftw_plan>(m_plan));
    fftw_free(m_fftIn);
    fftw_free(m_fftOut);
}

void CycleAnalyzer::reset() {
    m_history.clear();
    m_base = m_index;
    m_havePrev = false;
    m_armed = false;
    m_peak = m_lastPeak = 0.0;
    m_windowStart = static_cast<double>(m_index) - 0.5;
    m_synced = false;
    m_pending = false;
}

void CycleAnalyzer::trim(std::int64_t keepFrom) {
    if (keepFrom <= m_base) return;
    const auto drop = static_cast<std::size_t>(std::min(keepFrom, m_index) - m_base);
    m_history.erase(m_history.begin(), m_history.begin() + static_cast<std::ptrdiff_t>(drop * kSignalCount));
    m_base += static_cast<std::int64_t>(drop);
}

void CycleAnalyzer::feed(const double* frames, std::size_t count, const Sink& sink) {
    const double hysteresis = std::max(0.5 * m_config.minAmplitude, 0.1 * m_lastPeak);
    CycleResult result;
    for (std::size_t k = 0; k < count; ++k) {
        const double* f = frames + k * kSignalCount;
        m_history.insert(m_history.end(), f, f + kSignalCount);
        const double x = f[VoltageA];
        const double ax = std::abs(x);
        if (ax > m_peak) m_peak = ax;
        if (x < -hysteresis) m_armed = true;
        if (m_armed && m_havePrev && m_prev <= 0.0 && x > 0.0) {
            const double crossing = static_cast<double>(m_index - 1) + (-m_prev) / (x - m_prev);
            m_armed = false;
            if (m_synced) {
                const double period = crossing - m_windowStart;
                if (period >= m_minPeriod && period <= m_maxPeriod && m_peak >= m_config.minAmplitude) {
                    m_pendingWindow = {m_windowStart, crossing, true};
                    // Cubic resampling near the end needs two samples past the crossing.
                    m_pendingReadyAt = static_cast<std::int64_t>(std::floor(crossing)) + 3;
                    m_pending = true;
                }
            }
            // A crossing after a fixed window (or the first one) starts synchronisation; the
            // part-window before it is not measured.
            m_windowStart = crossing;
            m_synced = true;
            m_lastPeak = m_peak;
            m_peak = 0.0;
        }
        m_prev = x;
        m_havePrev = true;
        ++m_index;

        if (m_pending && m_index >= m_pendingReadyAt) {
            m_pending = false;
            analyse(m_pendingWindow, result);
            sink(result);
            trim(static_cast<std::int64_t>(std::floor(m_windowStart)) - 2);
        } else if (!m_pending && static_cast<double>(m_index) - 0.5 - m_windowStart >= m_maxPeriod) {
            // No cycle within the longest period: no usable AC. Measure a fixed window.
            const Window w{m_windowStart, static_cast<double>(m_index) - 0.5, false};
            analyse(w, result);
            sink(result);
            m_windowStart = w.end;
            m_synced = false;
            m_lastPeak = m_peak;
            m_peak = 0.0;
            trim(m_index - 2);
        }
    }
}

void CycleAnalyzer::analyse(const Window& w, CycleResult& r) {
    r = CycleResult{};
    const double span = w.end - w.start;
    r.start = w.start / m_config.sampleRate;
    r.duration = span / m_config.sampleRate;
    r.synchronised = w.synchronised;
    r.frequency = w.synchronised ? m_config.sampleRate / span : 0.0;

    // Integrals over the window; sample n's cell is [n - 0.5, n + 0.5).
    double sv2[3] = {}, si2[3] = {}, svi[3] = {};
    double sdv = 0.0, sdi = 0.0, sdp = 0.0;
    const auto first = static_cast<std::int64_t>(std::floor(w.start + 0.5));
    const auto last = std::min(static_cast<std::int64_t>(std::floor(w.end + 0.5)), m_index - 1);
    for (std::int64_t n = std::max(first, m_base); n <= last; ++n) {
        const double lo = std::max(static_cast<double>(n) - 0.5, w.start);
        const double hi = std::min(static_cast<double>(n) + 0.5, w.end);
        const double weight = hi - lo;
        if (weight <= 0.0) continue;
        const double* f = frame(n);
        for (int p = 0; p < 3; ++p) {
            const double v = f[VoltageA + p], i = f[CurrentA + p];
            sv2[p] += weight * v * v;
            si2[p] += weight * i * i;
            svi[p] += weight * v * i;
        }
        sdv += weight * f[DcVoltage];
        sdi += weight * f[DcCurrent];
        sdp += weight * f[DcVoltage] * f[DcCurrent];
    }
    const int phases = m_config.phases;
    for (int p = 0; p < phases; ++p) {
        auto& ph = r.phase[static_cast<std::size_t>(p)];
        ph.voltageRms = std::sqrt(sv2[p] / span);
        ph.currentRms = std::sqrt(si2[p] / span);
        ph.activePower = svi[p] / span;
        ph.apparentPower = ph.voltageRms * ph.currentRms;
    }
    r.dcVoltage = sdv / span;
    r.dcCurrent = sdi / span;
    r.dcPower = sdp / span;

    if (w.synchronised) harmonics(w, r);

    int carrying = 0;
    for (int p = 0; p < phases; ++p) {
        const auto& ph = r.phase[static_cast<std::size_t>(p)];
        r.voltageRms += ph.voltageRms / phases;
        r.currentRms += ph.currentRms / phases;
        r.activePower += ph.activePower;
        r.reactivePower += ph.reactivePower;
        r.apparentPower += ph.apparentPower;
        if (ph.currentThd > 0.0) {
            r.currentThd += ph.currentThd;
            ++carrying;
        }
    }
    if (carrying > 0) r.currentThd /= carrying;
    r.powerFactor = r.apparentPower > 0.0 ? std::abs(r.activePower) / r.apparentPower : 0.0;
}

void CycleAnalyzer::harmonics(const Window& w, CycleResult& r) {
    const std::size_t m = m_points;
    const double span = w.end - w.start;
    // Resample each AC signal at m points evenly spread over exactly one cycle (Catmull-Rom).
    for (std::size_t k = 0; k < m; ++k) {
        const double t = w.start + span * static_cast<double>(k) / static_cast<double>(m);
        const auto i0 = static_cast<std::int64_t>(std::floor(t));
        const double u = t - static_cast<double>(i0);
        const double u2 = u * u, u3 = u2 * u;
        const double c0 = -0.5 * u3 + u2 - 0.5 * u;
        const double c1 = 1.5 * u3 - 2.5 * u2 + 1.0;
        const double c2 = -1.5 * u3 + 2.0 * u2 + 0.5 * u;
        const double c3 = 0.5 * u3 - 0.5 * u2;
        const auto at = [&](std::int64_t n) { return frame(std::clamp(n, m_base, m_index - 1)); };
        const double* a = at(i0 - 1);
        const double* b = at(i0);
        const double* c = at(i0 + 1);
        const double* d = at(i0 + 2);
        for (std::size_t s = 0; s < kAcSignals; ++s)
            m_fftIn[s * m + k] = c0 * a[s] + c1 * b[s] + c2 * c[s] + c3 * d[s];
    }
    fftw_execute(static_cast<fftw_plan>(m_plan));
    const std::size_t bins = m / 2 + 1;
    const auto* out = static_cast<const fftw_complex*>(m_fftOut);
    const double toRms = std::sqrt(2.0) / static_cast<double>(m); // bin -> RMS phasor
    const auto maxOrder = std::min<std::size_t>(static_cast<std::size_t>(m_config.harmonics), bins - 1);
    auto thd = [&](std::size_t signal) {
        const fftw_complex* x = out + signal * bins;
        const double fundamental = std::hypot(x[1][0], x[1][1]);
        if (fundamental * toRms < 1e-9) return 0.0;
        double sum = 0.0;
        for (std::size_t h = 2; h <= maxOrder; ++h) sum += x[h][0] * x[h][0] + x[h][1] * x[h][1];
        return std::sqrt(sum) / fundamental;
    };
    for (int p = 0; p < m_config.phases; ++p) {
        const auto ps = static_cast<std::size_t>(p);
        const fftw_complex& v1 = out[(VoltageA + ps) * bins + 1];
        const fftw_complex& i1 = out[(CurrentA + ps) * bins + 1];
        // Q1 = Im(V1 conj(I1)) with RMS phasors.
        const double q = (v1[1] * i1[0] - v1[0] * i1[1]) * toRms * toRms;
        auto& ph = r.phase[ps];
        ph.reactivePower = q;
        ph.voltageThd = thd(VoltageA + ps);
        // A current too small to have a meaningful spectrum has no THD.
        ph.currentThd = ph.currentRms > 1e-3 ? thd(CurrentA + ps) : 0.0;
    }
}

} // namespace v2gbench::drivers::iio
