#pragma once
// The simulated charger's control unit: its GB/T 27930 stack (ChargerStateMachine) on the lab's
// CAN bus, supervision of the connection circuit (detection point 1) and of the output against
// the vehicle's limits, and the command it gives its power stage. Stepped by the plant every
// plant step, in plant time. Behaviour switches and defects come from PlantParameters.
//
// Reactions (conforming): S open → output cut at emergencyCutRate (≤ 5 A within 50 ms) and CST
// "connector fault"; CC1 broken → CST "connector fault" at once and output cut; detection point 1
// outside [cc1Low, cc1High] → no session (before charging) or CST (during); output above the
// vehicle's BCP maximum for overvoltageDebounce → CST "voltage abnormal"; grid lost → CST
// "energy cannot be delivered"; the protocol's own timeouts are the state machine's.
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/protocols/gbt27930/charger_state_machine.hpp"
#include "v2gbench/sim/plant_parameters.hpp"
#include "v2gbench/sim/sim_can_bus.hpp"

#include <optional>
#include <string>

namespace v2gbench::sim {

struct ChargerInputs {
    bool plugged = false;
    double detectionVoltage = 0.0; // V at detection point 1
    double outputVoltage = 0.0;    // V, measured
    double outputCurrent = 0.0;    // A, measured, bench sign
    bool gridOk = false;
};

class ChargerControl {
public:
    ChargerControl(const core::DutRatings& ratings, const PlantParameters& params, SimCanBus& bus);

    void step(double now, const ChargerInputs& in);
    // The plug was pulled: the session ends at once, even if it is plugged again before the next step.
    void unplugged();

    // The power stage may deliver current (contactors closed, session charging, nothing wrong).
    bool outputEnabled() const;
    // The output must be cut at the emergency rate rather than ramped down (S opened).
    bool emergencyCut() const { return m_emergencyCut; }
    // The vehicle's last demand (BCL), charging positive; nullopt before the first BCL.
    std::optional<core::ChargeDemand> demand() const;
    // "charging", "handshake", "stopping: connector fault", "failed: BCL timeout" ...
    std::string stateText() const;
    // Empty while healthy; the reason of the last protection stop otherwise.
    const std::string& fault() const { return m_fault; }
    bool sessionActive() const { return m_machine.has_value(); }
    const protocols::gbt27930::ChargerStateMachine* machine() const { return m_machine ? &*m_machine : nullptr; }

private:
    enum class Cc1 { Normal, SOpen, Broken, OutOfWindow };
    Cc1 classify(double volts) const;
    void protect(double now, const ChargerInputs& in);
    void stopFor(const char* cstField, const std::string& why);

    core::DutRatings m_ratings;
    const PlantParameters& m_p;
    SimCanBus& m_bus;
    SimCanBus::NodeId m_node;
    std::optional<protocols::gbt27930::ChargerStateMachine> m_machine;
    bool m_emergencyCut = false;
    bool m_cutOutput = false;   // protection: current must go to zero whatever the protocol says
    std::string m_fault;
    double m_overvoltageSince = -1.0;
};

} // namespace v2gbench::sim
