#pragma once
// The simulated charger's control unit: its GB/T 27930 stack (ChargerStateMachine) on the lab's
// CAN bus, its hardware sequence (GB/T 18487.1-2015 Annex B: lock, K3/K4, self-check with the
// insulation monitor, bleeder, pre-charge, K1/K2, the end sequence), supervision of the
// connection circuit, PE, mains and the output against the vehicle's limits, and the commands it
// gives its hardware. Stepped by the plant every plant step, in plant time. Behaviour switches
// and defects come from PlantParameters.
//
// Sequence (conforming): detection point 1 in its window (state 3) and mains → lock, feedback →
// K3/K4 → CHM. After BHM: refuse on a battery-side voltage >= residualVoltageLimit or a BHM max
// below the charger's minimum; else K1/K2 close, output raised to min(BHM max, rated max), the
// monitor judges Rt (ohm/V: > 500 ok, 100..500 warning, <= 100 refuse), bleeder to < 60 V, K1/K2
// open → CRM … BRO 0xAA (the vehicle closes K5/K6) → inlet vs BCP battery voltage (±5 %, within
// the rating; else CRO stays 0x00) → pre-charge to prechargeOffset below the inlet → K1/K2 close →
// CRO 0xAA → charging. End: the current ramps down, K1/K2 open at <= 4 A (limit 5 A), bleeder, CSD → K3/K4
// open → lock released.
// Reactions: S open → cut at emergencyCutRate and CST "connector fault"; CC1 broken → CST at once
// and cut; detection point 1 otherwise outside [cc1Low, cc1High] → no session / CST; PE lost →
// cut and CST "other fault"; mains lost → CST "energy cannot be delivered", latched (no resume);
// declared fault → CST "emergency stop" / "fault stop" and cut; output above the vehicle's BCP
// maximum for overvoltageDebounce → CST "voltage abnormal"; protocol timeouts are the machine's
// (K1/K2 open once the current is off; the third → K3/K4 open too).
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/protocols/gbt27930/charger_fault_rules.hpp"
#include "v2gbench/protocols/gbt27930/charger_state_machine.hpp"
#include "v2gbench/sim/debounce.hpp"
#include "v2gbench/sim/plant_parameters.hpp"
#include "v2gbench/sim/sim_can_bus.hpp"

#include <limits>
#include <optional>
#include <string>

namespace v2gbench::sim {

// What the control unit measures.
struct ChargerInputs {
    bool plugged = false;
    double detectionVoltage = 0.0; // V at detection point 1
    double outputVoltage = 0.0;    // V, converter output (charger side of K1/K2)
    double inletVoltage = 0.0;     // V, vehicle side of K1/K2
    double outputCurrent = 0.0;    // A, measured, bench sign
    bool gridOk = false;
    bool peOk = true;
    bool lockEngaged = false;      // lock feedback
    double insulationResistance = std::numeric_limits<double>::infinity(); // ohm, DC+ or DC- to PE (the lower)
    std::optional<core::DeclaredFault> declaredFault;
};

// What the control unit commands its hardware.
struct ChargerCommands {
    bool lock = false;
    bool k3k4 = false;
    bool k1k2 = false;
    bool converterOn = false;       // voltage source (self-check, pre-charge): output → converterSetpoint
    double converterSetpoint = 0.0; // V
    bool bleeder = false;
    bool deliver = false;           // current source: follow the vehicle's demand (K1/K2 closed)
    bool holdCurrent = false;       // stopping but not ramping yet (stopDelay)
    bool emergencyCut = false;      // ramp down at emergencyCutRate instead of stopSlewRate
};

class ChargerControl {
public:
    ChargerControl(const core::DutRatings& ratings, const PlantParameters& params, SimCanBus& bus);

    void step(double now, const ChargerInputs& in);
    // The plug was pulled: the session ends at once, even if it is plugged again before the next step.
    void unplugged();
    // The operator pressed the charger's stop control: at the next step a running session ends as a
    // manual stop (CST "manual stop"; a normal end, not a fault). Without a session nothing happens.
    void operatorStop() { m_operatorStop = true; }

    const ChargerCommands& commands() const { return m_cmd; }
    // The power stage may deliver current (contactors closed, session charging, nothing wrong).
    bool outputEnabled() const { return m_cmd.deliver; }
    bool emergencyCut() const { return m_cmd.emergencyCut; }
    // The vehicle's demand the charger acts on (BCL, after the charger's reaction delay), charging
    // positive; nullopt before the first BCL.
    std::optional<core::ChargeDemand> demand() const;
    // "charging", "self-check: insulation", "stopping: connector fault", "refused: …" ...
    std::string stateText() const;
    // Empty while healthy; the reason of the last protection stop or refusal otherwise.
    const std::string& fault() const { return m_fault; }
    // The insulation monitor's last judgement: "ok", "warning", "fault", or empty before any.
    const std::string& insulationVerdict() const { return m_insulation; }
    // The test voltage of the last insulation check (V; 0 before any).
    double insulationTestVoltage() const { return m_testVoltage; }
    bool sessionActive() const { return m_machine.has_value(); }
    const protocols::gbt27930::ChargerStateMachine* machine() const { return m_machine ? &*m_machine : nullptr; }
    // The charger emulator's declarative faults (role evse), applied to every frame the charger
    // sends after its frame defects; kept across sessions.
    // Its node on the plant's bus (the plant takes it off for v2gbench-sim --bus-dut external).
    SimCanBus::NodeId busNode() const { return m_node; }
    protocols::gbt27930::ChargerFaultFilter& protocolFaults() { return m_protocolFaults; }
    const protocols::gbt27930::ChargerFaultFilter& protocolFaults() const { return m_protocolFaults; }

private:
    enum class Cc1 { Normal, SOpen, Broken, OutOfWindow };
    enum class SelfCheck { Waiting, Raising, Measuring, Discharging, Done };
    Cc1 classify(double volts) const;
    void startSession(double now);
    void stepSelfCheck(double now, const ChargerInputs& in);
    void stepReadiness(const ChargerInputs& in);
    void stepOutput(double now, const ChargerInputs& in);
    void stepEnd(double now, const ChargerInputs& in);
    void updateDemand(double now);
    void protect(double now, const ChargerInputs& in);
    void stopFor(const char* cstField, const std::string& why);
    void refuse(const std::string& why);
    bool stopping() const;

    core::DutRatings m_ratings;
    const PlantParameters& m_p;
    SimCanBus& m_bus;
    SimCanBus::NodeId m_node;
    std::optional<protocols::gbt27930::ChargerStateMachine> m_machine;
    protocols::gbt27930::ChargerFaultFilter m_protocolFaults;
    ChargerCommands m_cmd;
    bool m_cutOutput = false;   // protection: current must go to zero whatever the protocol says
    bool m_latched = false;     // a stop that needs a re-plug (mains lost, declared fault, refusal)
    std::optional<double> m_auxSince; // K3/K4 closed for a session not yet started (bench time)
    bool m_operatorStop = false;      // the operator pressed stop; acted on at the next step
    bool m_refused = false;
    std::string m_fault;
    Debounce m_overvoltage, m_peLost, m_declared; // protections' reaction delays
    SelfCheck m_selfCheck = SelfCheck::Waiting;
    double m_phaseSince = 0.0;
    double m_testVoltage = 0.0;
    std::string m_insulation;
    bool m_precharging = false;
    double m_stopSince = -1.0;     // first step of the present stop with K1/K2 closed
    double m_currentOffSince = -1.0;
    bool m_commTimeoutStop = false;
    bool m_mainsLossStop = false;
    std::optional<core::ChargeDemand> m_applied, m_pending;
    double m_pendingAt = 0.0;
};

} // namespace v2gbench::sim
