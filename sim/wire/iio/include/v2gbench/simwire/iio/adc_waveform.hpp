#pragma once
// Waveforms of the simulated ADC front-end, synthesised from the plant state: three phase voltages
// at the grid's RMS and frequency, three line currents carrying the charger's grid power at the
// plant's power factor with a 5th harmonic giving its current THD, and the DC link's voltage
// (with its ripple) and current. Phase-continuous across calls, so a stream assembled from many
// blocks is one clean signal even when the plant state changes between blocks.
#include "v2gbench/sim/plant.hpp"

#include <cstddef>
#include <cstdint>

namespace v2gbench::simwire::iio {

// Channel order of every frame this generator produces.
enum AdcSignal : std::size_t { VA, VB, VC, IA, IB, IC, VDC, IDC, kSignalCount };

struct WaveformState {
    double gridVoltage = 0.0;   // V, line-to-neutral RMS; 0 when the grid is off
    double gridFrequency = 50.0; // Hz
    double activePower = 0.0;   // W, total, positive = grid into the charger
    double powerFactor = 1.0;   // displacement, current lagging (inductive, Q > 0)
    double currentThd = 0.0;    // fraction, all of it 5th harmonic
    int phases = 3;             // 1: everything on phase A
    double dcVoltage = 0.0;     // V
    double dcCurrent = 0.0;     // A, positive = into the battery
    double rippleFraction = 0.0; // peak ripple, fraction of dcVoltage
    double rippleFrequency = 300.0; // Hz

    // Noise-free state of the plant (its measure() adds noise; an ADC adds none of its own here).
    static WaveformState fromPlant(const sim::Plant& plant);
};

class AdcWaveform {
public:
    // startTime: plant time of sample 0, s (sets the initial phases).
    AdcWaveform(double sampleRate, double startTime);

    // Writes `count` frames of kSignalCount SI values (V, A) for the next samples.
    void generate(const WaveformState& state, std::size_t count, double* frames);

    std::int64_t nextSample() const { return m_next; }
    double sampleRate() const { return m_rate; }

private:
    double m_rate;
    double m_theta;        // fundamental phase of V_a, rad, in [0, 2pi)
    double m_ripplePhase;  // rad
    std::int64_t m_next = 0;
};

} // namespace v2gbench::simwire::iio
