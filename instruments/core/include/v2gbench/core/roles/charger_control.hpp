#pragma once
// Role "dut": the charger's own control interface (e.g. SunSpec Modbus): nameplate ratings,
// grid-side active-power dispatch for V2G, and its own status.
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <optional>
#include <string>

namespace v2gbench::core {

// A non-continuable fault the manufacturer declares and lets a test trigger through its control
// interface's test mode (GB/T 34657.1-2017 Annex C, D0.4506): the charger must stop as it would
// for the real fault (CST within 100 ms, K1/K2 open).
enum class DeclaredFault { EmergencyStop, DeclaredFault };
std::string toString(DeclaredFault fault);                                   // "emergency-stop", "declared-fault"
std::optional<DeclaredFault> declaredFaultFromString(const std::string& text); // nullopt when unknown

struct ChargerStatus {
    bool dispatchActive = false;
    units::Watts dispatchSetpoint{}; // signed, grid side: positive = charging, negative = discharge
    units::Watts reportedPower{};    // the charger's own measurement of its grid-side active power
    std::string state;               // "idle", "charging", "discharging", "fault: ..."
};

class ChargerControl : public Instrument {
public:
    virtual DutRatings ratings() = 0;
    // Signed grid-side active-power setpoint; overrides the vehicle's demand while active.
    // Throws CapabilityError when the charger is not bidirectional and the setpoint is negative,
    // or when it exceeds the ratings.
    virtual void dispatchPower(units::Watts setpoint) = 0;
    // Ends dispatch: the charger follows the vehicle's demand again.
    virtual void releaseDispatch() = 0;
    virtual ChargerStatus status() = 0;
    // Capability "declared-faults": triggers the declared fault (it stays until clearDeclaredFault;
    // the charger does not resume by itself). A driver without the capability throws
    // CapabilityError and changes nothing (the default).
    virtual void triggerDeclaredFault(DeclaredFault fault) {
        throw CapabilityError(identity().model + ": no declared-fault test mode (trigger " + toString(fault) + ")");
    }
    virtual void clearDeclaredFault() {
        throw CapabilityError(identity().model + ": no declared-fault test mode (clear)");
    }
    // Capability "operator-stop": the operator ends the session at the charger (its stop button or
    // the control interface's stop command, GB/T 34657.1 D0.5001 a): a normal end, not a fault —
    // CST "manual stop", the current ramps down, K1/K2 open, the end sequence follows. Returns once
    // the command is accepted; the stop itself is observed on the bus and the daq. A driver without
    // the capability throws CapabilityError and changes nothing (the default).
    virtual void operatorStop() { throw CapabilityError(identity().model + ": no operator stop command"); }
    // Safe state: dispatch released and setpoint zero.
};

} // namespace v2gbench::core
