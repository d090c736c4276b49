#pragma once
// Role "dut": the charger's own control interface (e.g. SunSpec Modbus): nameplate ratings,
// grid-side active-power dispatch for V2G, and its own status.
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <string>

namespace v2gbench::core {

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
    // Safe state: dispatch released and setpoint zero.
};

} // namespace v2gbench::core
