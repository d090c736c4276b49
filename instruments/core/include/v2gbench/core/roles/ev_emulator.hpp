#pragma once
// Role "ev": the EV emulator — connection circuit (CC1/CC2, switch S) and the charging protocol
// with the charger. It states the vehicle's demand; the charger follows it.
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <string>

namespace v2gbench::core {

enum class EvPhase { Disconnected, Connected, Handshake, Parameters, Charging, Stopping, Stopped, Fault };
std::string toString(EvPhase phase); // "disconnected", "connected", "handshake", "parameters", "charging", ...

enum class DemandMode { ConstantVoltage, ConstantCurrent };

struct ChargeDemand {
    units::Volts voltage{};   // requested output voltage (CV) or voltage limit (CC)
    units::Amperes current{}; // requested output current (CC) or current limit (CV); >= 0
    DemandMode mode = DemandMode::ConstantCurrent;
    units::Amperes maxDischargeCurrent{0.0}; // > 0 permits V2G discharge up to this current
};

struct EvStatus {
    EvPhase phase = EvPhase::Disconnected;
    ChargeDemand demand{};
    units::Volts chargerVoltage{}; // as reported by the charger over the protocol
    units::Amperes chargerCurrent{}; // sign convention of the bench: positive = charging
    std::string detail;            // last protocol event or fault reason
};

class EvEmulator : public Instrument {
public:
    // Plugs in and starts the charging session; returns once the plug is in (the session then
    // proceeds on its own: wait for phase "charging").
    virtual void connect() = 0;
    // Updates the vehicle's demand. Throws CapabilityError for a negative current.
    virtual void demand(const ChargeDemand& demand) = 0;
    // Requests a normal end of charging from the vehicle side.
    virtual void stop() = 0;
    // Unplugs.
    virtual void disconnect() = 0;
    virtual EvStatus status() = 0;
    // Safe state: demand zero, session stopped, unplugged.
};

} // namespace v2gbench::core
