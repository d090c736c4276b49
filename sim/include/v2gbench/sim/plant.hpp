#pragma once
// The simulated lab's plant: grid, bidirectional DC charger (the DUT), battery emulator and EV
// emulator, advanced in fixed steps. The charger and the EV emulator talk GB/T 27930 over the
// plant's in-memory CAN bus (bus()); the charger's power stage follows what its protocol stack
// and its protection allow. Plain class, no I/O, no locking; allocation only when frames travel.
// SimLab owns it and serialises access. Values are SI; sign convention bench-wide: positive current/power =
// from the grid into the EV battery.
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/core/roles/charger_emulator.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/core/roles/fault_box.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/bms_emulator.hpp"
#include "v2gbench/sim/charger_control.hpp"
#include "v2gbench/sim/connection_circuit.hpp"
#include "v2gbench/sim/daq_recorder.hpp"
#include "v2gbench/sim/noise_source.hpp"
#include "v2gbench/sim/plant_parameters.hpp"
#include "v2gbench/sim/sim_can_bus.hpp"

#include <memory>
#include <optional>

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
    double cc1Voltage = 0.0;   // detection point 1 (0 when unplugged, as the EV emulator reports it)
    double cc2Voltage = 0.0;   // detection point 2
    int connectionState = 0;   // GB/T 18487.1 Table B.1 state 0..3
    bool lockEngaged = false;  // lock feedback
    bool k1k2Closed = false, k3k4Closed = false, k5k6Closed = false;
    double auxVoltage = 0.0;       // V, K3/K4 auxiliary supply at the vehicle
    double converterVoltage = 0.0; // V, charger side of K1/K2
    double inletVoltage = 0.0;     // V, vehicle side of K1/K2
    double dcPlusPeVoltage = 0.0;  // V
    bool bleederOn = false;
    bool peOk = true;
    std::string insulationVerdict; // "ok", "warning", "fault" or empty before the check
    double insulationTestVoltage = 0.0;
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

    // EV emulator: a BMS emulator on the bus plus the vehicle side of the connection circuit.
    // The vehicle's parameters (BRM/BCP/BHM) for the next plug-in; defaults: an LFP 350 V pack.
    void evConfigure(const protocols::gbt27930::BmsConfig& config);
    const protocols::gbt27930::BmsConfig& evConfig() const { return m_evConfig; }
    void evConnect();
    void evDemand(const core::ChargeDemand& demand);
    void evStop();
    void evDisconnect();
    void evPause();
    void evResume();
    // Throws std::invalid_argument for a fault the BMS emulator cannot apply.
    void evInjectFault(const core::EvFault& fault);
    void evClearFaults();
    // The simulated BMS's own defects (sim.defect of side bms): faults of its frames that every
    // plug-in carries and ev.clear_faults does not remove. Throws std::invalid_argument as above.
    void setVehicleDefects(std::vector<core::EvFault> faults);

    // The charger emulator (role evse): declarative faults on the charger's frames (see
    // protocols/gbt27930/charger_fault_rules.hpp). Throws std::invalid_argument for a fault it
    // cannot apply. They stay across plug-ins until evseClearFaults().
    void evseInjectFault(const core::EvFault& fault);
    void evseClearFaults();
    core::ChargerEmulatorStatus evseStatus() const;
    void evSetSwitchS(bool closed);
    void evSetCc1(const core::Cc1Setting& setting);
    core::EvStatus evStatus() const;

    // The charger↔EV CAN bus (listeners: the `can` role's recorder, the wire bridge). A frame
    // injected from outside (the wire hub) reaches the charger and the EV at the next step.
    SimCanBus& bus() { return m_bus; }
    void injectFrame(const transports::CanFrame& frame);
    // The device on the bus is external (a BMS under test and the bench's charger emulator, both
    // outside the plant): the lab's charger and EV emulator are taken off the bus — they neither
    // send nor receive — while the connection circuit (ev.connect, CC1, switch S, the fault box)
    // works as before. Off (default): they talk to each other and to the wire hub.
    void setExternalBusDevices(bool external);
    bool externalBusDevices() const { return m_externalBusDevices; }
    // Plug-ins so far (evConnect that plugged the vehicle in): an outside BMS that reads the
    // connection circuit sees a re-plug even between two of its polls.
    std::uint64_t plugIns() const { return m_plugIns; }
    bool plugged() const { return m_circuit.plugged; }

    // The test system's fault box (role fault_box): coupler lines, R4, insulation fault Rt. Throws
    // std::invalid_argument for a short on a line other than S+/S- or a resistance that is not
    // positive and finite.
    void faultBoxSetLine(core::CouplerLine line, core::LineState state);
    void faultBoxSetR4(double ohms);
    void faultBoxSetInsulation(core::InsulationFaultPlace place, double ohms);
    core::FaultBoxState faultBoxState() const { return m_faultBox; }
    // The EV emulator's welded K5/K6 (capability vehicle-contactors): held closed whatever the
    // vehicle's sequence does, so the battery is on the inlet before the insulation check (D0.2001).
    void evSetContactorsWelded(bool welded) { m_k5k6Forced = welded; }

    // Acquisition (role daq): every channel of core::daqChannels(), noise-free, at this instant.
    DaqValues daqValues() const;
    // The acquisition unit; enable() it to record (sim-daq does, with its memory depth).
    DaqRecorder& daq() { return m_daq; }

    // Charger control interface.
    // The manufacturer-declared fault's test mode (D0.4506): nullopt clears it.
    void setDeclaredFault(std::optional<core::DeclaredFault> fault) { m_declaredFault = fault; }
    // The charger's stop control (the operator ends the session, D0.5001 a).
    void operatorStop();
    std::optional<core::DeclaredFault> declaredFault() const { return m_declaredFault; }
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
    void stepProtocol();
    void stepVehicle();
    void stepPower();
    void stepConverter(const ChargerCommands& cmd, bool path);
    double inletVoltage() const;
    double insulationResistance() const;
    void stepSchedule();
    void setGrid(double voltage, double frequency);
    double demandTarget(double ocv) const;
    double dispatchTarget(double ocv);
    double chargeLimit(double vout) const;
    double dischargeLimit(double vout) const;

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

    // The charger↔EV bus, the EV emulator and the charger's control unit (declared in this order:
    // the control unit and the EV node attach to the bus).
    SimCanBus m_bus;
    SimCanBus::NodeId m_evNode = 0;
    SimCanBus::NodeId m_outsideNode = 0; // frames injected from the wire hub
    bool m_externalBusDevices = false;
    std::uint64_t m_plugIns = 0;
    protocols::gbt27930::BmsConfig m_evConfig;
    protocols::gbt27930::BmsEmulator m_ev;
    std::vector<core::EvFault> m_vehicleDefects; // the simulated BMS's own defects (sim.defect)
    ConnectionCircuit m_circuit;
    std::unique_ptr<ChargerControl> m_control;
    core::ChargeDemand m_evDemand;  // what the EV emulator was told (its BCL carries V/I/mode)
    core::ChargeDemand m_demand;    // what the charger follows: BCL, plus the V2G discharge allowance

    // Hardware of the power and connection circuit.
    bool m_k1k2 = false, m_k5k6 = false, m_k5k6Forced = false;
    bool m_pathClosed = false;      // K1/K2 and K5/K6 closed with the battery supply on: current may flow
    bool m_lockEngaged = false;
    double m_lockTimer = 0.0;
    double m_converterVoltage = 0.0; // V, charger side of K1/K2
    double m_inrush = 0.0;           // A, decaying transient after the path closed
    double m_inrushDecay = 0.0;      // per step
    double m_decaySelf = 0.0, m_decayBleed = 0.0; // per-step voltage factors of the output capacitance
    bool m_peOk = true;
    bool m_cc2StopSent = false;
    core::FaultBoxState m_faultBox;
    std::optional<core::DeclaredFault> m_declaredFault;
    DaqRecorder m_daq;

    // Charger.
    double m_current = 0.0; // A, DC output, signed
    bool m_dispatchActive = false;
    double m_dispatchSetpoint = 0.0; // W, grid side, as commanded
    double m_powerCommand = 0.0;     // W, grid side, after the power loop's response
    double m_dispatchEff = 0.955;    // warm start of the efficiency inversion
};

} // namespace v2gbench::sim
