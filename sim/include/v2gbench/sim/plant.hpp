#pragma once
// The simulated lab's plant: grid, bidirectional DC charger (the DUT), battery emulator and EV,
// advanced in fixed steps. Plain class, no I/O, no locking, no allocation per step; SimLab owns
// it and serialises access. Values are SI; sign convention bench-wide: positive current/power =
// from the grid into the EV battery.
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"
#include "v2gbench/sim/noise_source.hpp"
#include "v2gbench/sim/plant_parameters.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace v2gbench::sim {

// Noise-free view of the plant, for a GUI or a test.
struct PlantSnapshot {
    units::Seconds time{};
    core::GridState grid;
    bool batteryOn = false;
    units::Ratio soc{};
    units::Volts batteryOcv{};
    core::EvPhase evPhase = core::EvPhase::Disconnected;
    units::Volts dcVoltage{};
    units::Amperes dcCurrent{};
    units::Watts dcPower{};
    units::Watts gridPower{};
    std::string chargerState;
};

// One segment of a grid schedule: over `duration` the grid moves linearly from the start to the
// end values (equal values: a flat step). Wire models and SimGrid translate their list formats
// (Chroma start/end, AMETEK slew rates, GridSequenceStep ramps) into these.
struct GridSegment {
    double duration = 0.0;                           // s, > 0
    double voltageStart = 0.0, voltageEnd = 0.0;     // V L-N RMS
    double frequencyStart = 0.0, frequencyEnd = 0.0; // Hz
};

class Plant {
public:
    explicit Plant(const core::DutRatings& ratings, const PlantParameters& params = {}, std::uint64_t seed = 1);

    // Time.
    void step();
    void steps(std::int64_t n) {
        for (std::int64_t i = 0; i < n; ++i)
            step();
    }
    std::int64_t stepCount() const { return m_steps; }
    units::Seconds time() const { return units::Seconds(static_cast<double>(m_steps) * m_p.stepSize); }
    const PlantParameters& parameters() const { return m_p; }
    const core::DutRatings& ratings() const { return m_ratings; }

    // Grid emulator. Ranges are the drivers' business; the plant takes what it is given.
    void gridApply(units::Volts voltage, units::Hertz frequency);
    void gridOff();
    core::GridState gridState() const;
    // Grid list mode: switches the output on and steps through the segments on plant time (the
    // first segment's start values apply at once). Segment boundaries fall on whole plant steps
    // (durations rounded to the step). After the last segment the grid holds its end values.
    // gridApply()/gridOff()/gridStopSchedule() abort it (the grid keeps its present values on stop).
    // Allocates here, never per step.
    void gridRunSchedule(std::vector<GridSegment> segments, int repeat = 1);
    void gridStopSchedule() { m_schedule.clear(); }
    bool gridScheduleRunning() const { return !m_schedule.empty(); }

    // Battery emulator.
    void batteryEmulate(const core::BatteryEmulation& model);
    void batteryOff();
    core::BatteryReading batteryReading(); // noisy

    // EV emulator.
    void evConnect();
    void evDemand(const core::ChargeDemand& demand);
    void evStop();
    void evDisconnect();
    core::EvStatus evStatus() const;

    // Charger control interface.
    void dispatch(units::Watts setpoint);
    void releaseDispatch();
    core::ChargerStatus chargerStatus() const;

    // Analyzer: AC input and DC output of the charger, with noise and ripple; timestamp = plant time.
    core::AnalyzerReading measure();

    // True (noise-free) values.
    units::Amperes dcCurrent() const { return units::Amperes(m_current); }
    units::Volts dcVoltage() const;
    units::Watts dcPower() const { return dcVoltage() * dcCurrent(); }
    units::Watts gridPower() const;
    units::Volts batteryOcv() const;
    units::Ratio soc() const { return units::Ratio(m_soc); }
    // Conversion efficiency at a DC power magnitude.
    double efficiencyAt(double dcPowerMagnitude) const;
    PlantSnapshot snapshot() const;

private:
    void updateEv(double dt);
    void stepSchedule();
    void setGrid(double voltage, double frequency);
    double demandTarget(double ocv) const;
    double dispatchTarget(double ocv);
    double chargeLimit(double vout) const;
    double dischargeLimit(double vout) const;
    bool conducting() const { return m_phase == core::EvPhase::Charging || m_phase == core::EvPhase::Stopping; }
    void enterPhase(core::EvPhase phase, std::string detail);

    core::DutRatings m_ratings;
    PlantParameters m_p;
    NoiseSource m_noise;
    std::int64_t m_steps = 0;
    double m_alphaCurrent = 0.0; // 1 - exp(-dt/tau), per step
    double m_alphaPower = 0.0;

    // Grid.
    bool m_gridOn = false;
    double m_gridVoltage = 0.0;
    double m_gridFrequency = 0.0;
    bool m_gridOk = false;
    // Grid schedule: segments with their end as a plant step count relative to m_scheduleStart.
    struct ScheduledSegment {
        GridSegment segment;
        std::int64_t beginStep = 0;
        std::int64_t endStep = 0;
    };
    std::vector<ScheduledSegment> m_schedule; // empty: no schedule running
    std::size_t m_scheduleIndex = 0;
    std::int64_t m_scheduleStart = 0;

    // Battery.
    bool m_batteryOn = false;
    core::BatteryEmulation m_battery;
    double batteryResistance() const;
    double m_soc = 0.0;
    double m_ocvSlopeV = 0.0; // V per unit SoC
    double m_socPerAmpStep = 0.0;

    // EV session.
    core::EvPhase m_phase = core::EvPhase::Disconnected;
    double m_phaseTimer = 0.0;
    core::ChargeDemand m_demand;
    std::string m_detail;

    // Charger.
    double m_current = 0.0; // A, DC output, signed
    bool m_dispatchActive = false;
    double m_dispatchSetpoint = 0.0; // W, grid side, as commanded
    double m_powerCommand = 0.0;     // W, grid side, after the power loop's response
    double m_dispatchEff = 0.955;    // warm start of the efficiency inversion
    std::string m_fault;             // empty = no fault
};

} // namespace v2gbench::sim
