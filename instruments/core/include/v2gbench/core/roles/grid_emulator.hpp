#pragma once
// Role "grid": a programmable AC source emulating the grid at the charger's input.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <vector>

namespace v2gbench::core {

struct GridSetpoint {
    units::Volts voltage{230.0};  // line-to-neutral RMS, applied to every phase
    units::Hertz frequency{50.0};
};

struct GridState {
    bool outputOn = false;
    // Programmed line-to-neutral RMS and frequency. While or after a sequence the simulated lab
    // reports the sequence's present value; SCPI sources report what the instrument answers to
    // its fixed-mode queries (their list values are visible to the analyzer).
    units::Volts voltage{};
    units::Hertz frequency{};
};

// One step of a list/sequence (Chroma LIST, AMETEK transient list): the output goes to `voltage`
// (L-N RMS, all phases) and `frequency` and stays there for `duration`. With ramp = true it moves
// linearly from the value at the start of the step (the previous step's, or the present output
// for the first step) to the step's values over the whole duration instead of jumping.
struct GridSequenceStep {
    units::Seconds duration{};
    units::Volts voltage{};
    units::Hertz frequency{};
    bool ramp = false;
};

class GridEmulator : public Instrument {
public:
    // Programs voltage and frequency and switches the output on. Throws CapabilityError when the
    // setpoint is outside the source's range. Aborts a running sequence.
    virtual void apply(const GridSetpoint& setpoint) = 0;
    // Output off. The emulator stops sourcing and sinking power. Aborts a running sequence.
    virtual void off() = 0;
    virtual GridState state() = 0;
    // Safe state: a running sequence aborted, output off.

    // List/sequence mode (capability::listMode): sags, swells, frequency steps and ramps timed by
    // the instrument, not by the bench. Starts the sequence with the output on and returns at
    // once (it does not wait for the steps); the instrument times the steps on its own clock
    // (the simulated lab's: virtual or real time). When the last step ends the output holds the
    // last step's values. A sequence started while one runs replaces it.
    // Throws CapabilityError before anything is sent when the driver has no list mode, when a
    // step is outside the source's ranges, a duration is not positive, or there are more steps
    // than the instrument holds (never silently clamped or truncated); InstrumentError for link
    // failures. makeSafe() aborts a running sequence and switches the output off.
    virtual void runSequence(const std::vector<GridSequenceStep>& steps) {
        (void)steps;
        throw CapabilityError(identity().model + ": grid emulator has no list mode (sequence refused)");
    }
    // True while a sequence started by runSequence() is still stepping.
    virtual bool sequenceRunning() { throw CapabilityError(identity().model + ": grid emulator has no list mode"); }
};

} // namespace v2gbench::core
