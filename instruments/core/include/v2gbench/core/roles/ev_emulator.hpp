#pragma once
// Role "ev": the EV emulator — connection circuit (CC1 detection voltage, switch S) and the
// charging protocol with the charger (GB/T 27930, BMS side). It states the vehicle's demand; the
// charger follows it.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

#include <optional>
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

// A declarative fault the EV emulator injects into its side of the protocol, from a plan step
// (`ev.fault`). One fault per message and kind; a new one of the same kind and message replaces
// the old. Faults stay until clearFaults() or disconnect().
enum class EvFaultKind {
    Silence,       // stop sending `message`
    Period,        // send `message` every `period` instead of its nominal period
    Delay,         // send every `message` `delay` late
    Corrupt,       // send `message` with `field` set to the raw value `value` (from `after` past its first frame on)
    WrongDlc,      // send `message` with `dlc` bytes (single-frame messages)
    BreakTransport,// break the J1939 TP transfer of `message` ("abort", "missing-packet", "wrong-sequence", "no-end")
    SendBem,       // send BEM with the timeout bit `field` set (e.g. "CRM timeout"), once per period
    StopAnswering, // from phase `phase` on, send nothing at all ("handshake", "configuration", "charging", "end")
    Substitute,    // send the single-frame message `with` in place of every `message` (the wrong message type)
    Stale,         // keep sending `message` (BHM, BRM, BCP; BCL: the charging messages) once it is sent:
                   // the EV ignores the charger's progress (GB/T 34658 DN.1003, DN.1004, DN.2006, DN.3001-3004)
};
// "silence", "period", "delay", "corrupt", "dlc", "tp_break", "bem", "stop_answering", "substitute", "stale"
std::string toString(EvFaultKind kind);
std::optional<EvFaultKind> evFaultKindFromString(const std::string& text);

struct EvFault {
    EvFaultKind kind = EvFaultKind::Silence;
    std::string message;        // GB/T 27930 message name: "BRM", "BCL", ...
    units::Seconds period{0.0}; // Period
    units::Seconds delay{0.0};  // Delay
    std::string field;          // Corrupt: field name; SendBem: BEM field
    double value = 0.0;         // Corrupt: raw value on the wire
    int dlc = -1;               // WrongDlc: 0..8
    std::string mode;           // BreakTransport: how
    std::string phase;          // StopAnswering: from which phase
    std::string with;           // Substitute: the message sent instead
    units::Seconds after{0.0};  // Corrupt: the corruption starts this long after the message's first frame
};

// Detection point 1 as the EV emulator presents it. Natural: 4 V when plugged with S closed.
struct Cc1Setting {
    bool broken = false;                 // vehicle interface disconnected (CC1 open)
    std::optional<units::Volts> voltage; // forced detection-point-1 voltage (D0.6002); nullopt: natural
};

struct EvStatus {
    EvPhase phase = EvPhase::Disconnected;
    ChargeDemand demand{};
    units::Volts chargerVoltage{}; // as reported by the charger over the protocol
    units::Amperes chargerCurrent{}; // sign convention of the bench: positive = charging
    std::string detail;            // last protocol event or fault reason
    units::Volts cc1Voltage{};     // detection point 1 (0 when unplugged)
    bool switchSClosed = true;
    bool paused = false;           // BSM "charging not permitted"
    unsigned timeouts = 0;         // protocol timeouts (BEM) in this plug-in
    bool contactorsClosed = false; // the vehicle's K5/K6 as read back
    bool contactorsWelded = false; // K5/K6 held closed by setContactorsWelded(true)
    std::string protocolState;     // the BMS state machine's state ("charging", "waiting CRM", ...)
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

    // Optional features: a driver without them throws CapabilityError (the plan names the
    // capability in requires.capabilities so the bench refuses it before anything runs).
    // capability "ev-pause": BSM "charging permitted" off / on.
    virtual void pause() { throw CapabilityError("this EV emulator cannot pause (capability ev-pause)"); }
    virtual void resume() { throw CapabilityError("this EV emulator cannot resume (capability ev-pause)"); }
    // capability "protocol-faults". Throws CapabilityError for an unknown message or field.
    virtual void injectFault(const EvFault&) {
        throw CapabilityError("this EV emulator cannot inject protocol faults (capability protocol-faults)");
    }
    virtual void clearFaults() {}
    // capability "connection-circuit".
    virtual void setSwitchS(bool /*closed*/) {
        throw CapabilityError("this EV emulator cannot operate switch S (capability connection-circuit)");
    }
    virtual void setCc1(const Cc1Setting&) {
        throw CapabilityError("this EV emulator cannot drive CC1 (capability connection-circuit)");
    }
    // capability "vehicle-contactors": welded = the vehicle's K5/K6 held closed whatever its
    // sequence asks, so the battery is on the inlet from plug-in on (the abnormal self-check of
    // GB/T 34657.1 D0.2001: 10 V or more outside the contactors before the insulation check).
    // false hands K5/K6 back to the vehicle's sequence. Blocks until the emulator reads the new
    // setting back; a unit that does not confirm throws InstrumentError. Stays across plug-ins.
    virtual void setContactorsWelded(bool /*welded*/) {
        throw CapabilityError("this EV emulator cannot hold its contactors closed (capability vehicle-contactors)");
    }
    // Safe state: demand zero, session stopped, faults cleared, unplugged, contactors not welded.
};

} // namespace v2gbench::core
