#pragma once
// Turns the sampled waveforms of a power front-end into one measurement per mains cycle: RMS
// voltages and currents, active power, fundamental reactive power, apparent power, power factor,
// frequency, THD, and the DC link's mean voltage, current and power. Pure computation (no I/O,
// no clock), fed blocks of samples in SI units.
//
// Method. Cycles are delimited by the rising zero crossings of v_a (with hysteresis), located
// between samples by linear interpolation. Time-domain quantities integrate over exactly that
// fractional window (each sample weighs the part of its sampling cell inside the window), so a
// period that is not a whole number of samples costs no accuracy. Harmonics come from an FFT of
// the cycle resampled to a fixed number of points (cubic interpolation): synchronous sampling,
// so the fundamental sits in bin 1 and there is no leakage. Without AC (no crossing within
// 1/minFrequency) it falls back to fixed windows of that length, so the DC side is still measured.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace v2gbench::drivers::iio {

// Signal order of the frames CycleAnalyzer takes (kSignalCount values per sample).
enum Signal : std::size_t { VoltageA, VoltageB, VoltageC, CurrentA, CurrentB, CurrentC, DcVoltage, DcCurrent, kSignalCount };

struct CycleAnalyzerConfig {
    double sampleRate = 10000.0;  // Hz per channel
    int phases = 3;               // 1 or 3
    double minFrequency = 40.0;   // Hz: longer cycles are not cycles (fallback window)
    double maxFrequency = 70.0;   // Hz
    double minAmplitude = 5.0;    // V peak on v_a below which there is no AC to synchronise on
    int harmonics = 40;           // highest order in THD (IEC 61000-4-7 uses 40)
    std::size_t resamplePoints = 128; // per cycle, for the FFT; > 2 x harmonics
};

struct PhaseResult {
    double voltageRms = 0.0;     // V (true RMS)
    double currentRms = 0.0;     // A (true RMS)
    double activePower = 0.0;    // W, mean of v*i
    double reactivePower = 0.0;  // var, fundamental: Im(V1 conj(I1)), positive = lagging current
    double apparentPower = 0.0;  // VA, Vrms * Irms
    double voltageThd = 0.0;     // fraction of the fundamental
    double currentThd = 0.0;
};

struct CycleResult {
    double start = 0.0;          // s since stream sample 0
    double duration = 0.0;       // s
    bool synchronised = false;   // false: fixed window without AC cycle (frequency, Q, THD are 0)
    double frequency = 0.0;      // Hz
    std::array<PhaseResult, 3> phase{};
    double voltageRms = 0.0;     // mean of the phases
    double currentRms = 0.0;     // mean of the phases
    double activePower = 0.0;    // W, total
    double reactivePower = 0.0;  // var, total
    double apparentPower = 0.0;  // VA, arithmetic sum of the phases
    double powerFactor = 0.0;    // |P| / S; 0 without current
    double currentThd = 0.0;     // mean of the phases carrying current
    double dcVoltage = 0.0;      // V, mean
    double dcCurrent = 0.0;      // A, mean
    double dcPower = 0.0;        // W, mean of v*i
};

class CycleAnalyzer {
public:
    using Sink = std::function<void(const CycleResult&)>;

    // Throws std::invalid_argument for an inconsistent configuration.
    explicit CycleAnalyzer(const CycleAnalyzerConfig& config);
    ~CycleAnalyzer();
    CycleAnalyzer(const CycleAnalyzer&) = delete;
    CycleAnalyzer& operator=(const CycleAnalyzer&) = delete;

    // frames: count x kSignalCount values (V, A), continuing the stream. Calls sink once per
    // window completed by these samples, in order.
    void feed(const double* frames, std::size_t count, const Sink& sink);
    // Forgets the history (after a gap in the stream); sample numbering continues.
    void reset();

    std::int64_t samplesSeen() const { return m_index; }
    const CycleAnalyzerConfig& config() const { return m_config; }

private:
    struct Window {
        double start; // continuous sample index; sample n covers [n - 0.5, n + 0.5)
        double end;
        bool synchronised;
    };
    void analyse(const Window& w, CycleResult& r);
    void harmonics(const Window& w, CycleResult& r);
    const double* frame(std::int64_t n) const { return m_history.data() + (n - m_base) * kSignalCount; }
    void trim(std::int64_t keepFrom);

    CycleAnalyzerConfig m_config;
    double m_minPeriod, m_maxPeriod; // samples
    std::vector<double> m_history;   // frames from m_base to m_index - 1
    std::int64_t m_base = 0;
    std::int64_t m_index = 0;
    double m_prev = 0.0;
    bool m_havePrev = false;
    bool m_armed = false;
    double m_peak = 0.0;     // |v_a| max in the cycle being acquired
    double m_lastPeak = 0.0; // of the previous cycle
    double m_windowStart = -0.5; // sample 0's cell starts at -0.5
    bool m_synced = false;
    bool m_pending = false;
    Window m_pendingWindow{};
    std::int64_t m_pendingReadyAt = 0;

    // FFT of the six AC signals of one cycle (FFTW, planned once).
    std::size_t m_points;
    double* m_fftIn = nullptr;   // 6 x m_points
    void* m_fftOut = nullptr;    // 6 x (m_points / 2 + 1) fftw_complex
    void* m_plan = nullptr;      // fftw_plan
};

} // namespace v2gbench::drivers::iio
