#pragma once
// Role "battery": a bidirectional DC supply emulating the EV battery behind the charger's output.
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <optional>

namespace v2gbench::core {

struct BatteryEmulation {
    units::Volts voltage{400.0};             // open-circuit voltage at the start SoC
    units::Ratio soc{0.5};                   // state of charge at start, 0..1
    units::AmpereHours capacity{150.0};
    // Unset: the supply behaves as it does without a battery model (a stiff source). Set: the
    // supply must emulate it (capability "battery-model"), or emulate() refuses.
    std::optional<units::Ohms> internalResistance;
    units::Amperes maxChargeCurrent{250.0};  // supply sink limit (current into the "battery")
    units::Amperes maxDischargeCurrent{250.0}; // supply source limit (current out of the "battery")
};

struct BatteryReading {
    bool outputOn = false;
    units::Volts voltage{};   // terminal voltage
    units::Amperes current{}; // positive = into the battery (charging), negative = discharging
    units::Ratio soc{};
};

class BatteryEmulator : public Instrument {
public:
    // Starts emulating a battery with the given model. Throws CapabilityError when the voltage or
    // current limits exceed the supply's range.
    virtual void emulate(const BatteryEmulation& model) = 0;
    // Output off: the supply neither sources nor sinks.
    virtual void off() = 0;
    virtual BatteryReading read() = 0;
    // Safe state: output off.
};

} // namespace v2gbench::core
