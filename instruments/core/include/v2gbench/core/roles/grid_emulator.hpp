#pragma once
// Role "grid": a programmable AC source emulating the grid at the charger's input.
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

namespace v2gbench::core {

struct GridSetpoint {
    units::Volts voltage{230.0};  // line-to-neutral RMS, applied to every phase
    units::Hertz frequency{50.0};
};

struct GridState {
    bool outputOn = false;
    units::Volts voltage{};       // programmed line-to-neutral RMS
    units::Hertz frequency{};
};

class GridEmulator : public Instrument {
public:
    // Programs voltage and frequency and switches the output on. Throws CapabilityError when the
    // setpoint is outside the source's range.
    virtual void apply(const GridSetpoint& setpoint) = 0;
    // Output off. The emulator stops sourcing and sinking power.
    virtual void off() = 0;
    virtual GridState state() = 0;
    // Safe state: output off.
};

} // namespace v2gbench::core
