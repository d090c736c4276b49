#pragma once
// Role "daq": hardware-timed acquisition of the charger's connection and power circuit on one time
// base with the CAN frames (GB/T 34657.1 D0.2001, D0.3101, D0.45xx, D0.5101, D0.6001 time their
// results from a frame or an edge to a contactor or current event).
//
// Contract (in addition to instrument.hpp):
// - Channels are the fixed vocabulary below (daqChannels(): one table, its names are the plan's
//   `daq.<name>` signals). A driver lists the ones it acquires (channels()); asking for another
//   throws CapabilityError.
// - Time base: every sample's time is in bench-clock seconds (the session clock's time base, the
//   same one the `can` role stamps frames with), taken by the instrument's own sample clock, not
//   when the host received the data. resolution() is the sample period actually running: it is
//   the uncertainty of any time read from a capture.
// - read(): the latest sample of every channel the driver acquires (for live signals and
//   `measure`); blocks at most one exchange.
// - arm() starts a capture and returns at once; the instrument waits for its trigger and fills
//   pre- and post-trigger samples by itself. fetch() returns nullopt while the capture is not
//   complete and the whole capture once it is (non-blocking). A trigger that never comes is the
//   caller's timeout, not the instrument's. Re-arming discards an unfinished capture.
// - Triggers: immediate, an analog/digital edge on a channel, or a CAN frame with a given 29-bit
//   identifier's PGN (the capability "daq-can-trigger": a unit with a CAN input). A driver without
//   the trigger kind asked for throws CapabilityError from arm() before anything changes.
// - Safe state (makeSafe): acquisition stopped. The daq never drives the circuit.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::core {

enum class DaqChannelKind { Voltage, Current, Digital }; // digital: 1 = closed / engaged / present

struct DaqChannelInfo {
    const char* name;        // plan signal daq.<name>
    DaqChannelKind kind;
    const char* description; // where it is measured
};

// The channel vocabulary (one source: the plan catalogue, the drivers and the wire face read it).
//   inlet_voltage      V  DC+ to DC- at the vehicle inlet (vehicle side of K1/K2, charger side of K5/K6)
//   output_voltage     V  DC+ to DC- at the charger's converter output (charger side of K1/K2)
//   contactor_voltage  V  across K1/K2: output_voltage - inlet_voltage
//   output_current     A  DC output current, bench sign (positive = into the vehicle)
//   cc1_voltage        V  detection point 1 (charger side)
//   cc2_voltage        V  detection point 2 (vehicle side)
//   aux_voltage        V  auxiliary supply A+/A- (K3/K4, 12 V)
//   k1k2_closed        -  K1/K2 auxiliary contacts (1 = closed)
//   k3k4_closed        -  K3/K4 auxiliary contacts
//   k5k6_closed        -  vehicle K5/K6 (the EV emulator's contactors)
//   lock_engaged       -  electronic lock feedback (1 = locked)
//   dc_plus_pe_voltage V  DC+ to PE (insulation check voltage)
const std::vector<DaqChannelInfo>& daqChannels();
const DaqChannelInfo* daqChannel(const std::string& name); // nullptr when unknown

struct DaqSample {
    double time = 0.0;          // bench-clock seconds
    std::vector<double> values; // in the order of the capture's (or read()'s) channel list; SI units
};

enum class DaqTriggerKind { Immediate, Rising, Falling, CanFrame };

struct DaqTrigger {
    DaqTriggerKind kind = DaqTriggerKind::Immediate;
    std::string channel;      // Rising / Falling: a channel name
    double level = 0.0;       // Rising / Falling: threshold in the channel's unit (crossing it triggers)
    std::uint32_t pgn = 0;    // CanFrame: the PGN of the message (e.g. BST = 0x1900), any source address
};

struct DaqCaptureRequest {
    std::vector<std::string> channels; // names from daqChannels()
    units::Seconds samplePeriod{1e-3};
    units::Seconds preTrigger{0.0};    // kept before the trigger
    units::Seconds postTrigger{1.0};   // acquired after it
    DaqTrigger trigger;
};

struct DaqCapture {
    std::vector<std::string> channels;
    double triggerTime = 0.0;       // bench-clock seconds of the trigger (the edge's sample or the frame's timestamp)
    units::Seconds resolution{0.0}; // sample period the instrument actually ran
    std::vector<DaqSample> samples; // ordered by time
};

class Daq : public Instrument {
public:
    virtual std::vector<std::string> channels() const = 0;
    virtual units::Seconds resolution() const = 0;
    // Latest sample, values in the order of channels().
    virtual DaqSample read() = 0;
    // Throws CapabilityError for an unknown channel, a sample period the unit cannot run (it never
    // rounds silently), or a trigger kind it lacks.
    virtual void arm(const DaqCaptureRequest& request) = 0;
    virtual std::optional<DaqCapture> fetch() = 0;
};

} // namespace v2gbench::core
