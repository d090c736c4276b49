#pragma once
// Role "evse": the charger emulator — the bench's side of GB/T 27930 when the device under test is
// the vehicle's BMS (GB/T 34658 BP/BN cases). It speaks the charger's protocol to the vehicle on
// the bench's CAN channel; the plan connects the vehicle through the ev role's connection circuit
// (ev.connect / ev.disconnect) or the fault box, and judges the vehicle's frames with bus_check.
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"

#include <string>

namespace v2gbench::core {

struct ChargerEmulatorStatus {
    std::string protocolState; // the charger state machine's state ("waiting BRM", "charging", ...)
    unsigned faults = 0;       // declarative faults in force
};

class ChargerEmulator : public Instrument {
public:
    // A declarative protocol fault on the charger side (`evse.fault`): the EV emulator's fault
    // struct, mirrored (silence, substitute, corrupt, tp_break with mode no-cts or abort; see
    // protocols/gbt27930/charger_fault_rules.hpp). Throws CapabilityError naming the fault when it
    // cannot be applied; nothing changes then. Faults stay until clearFaults().
    virtual void injectFault(const EvFault& fault) = 0;
    virtual void clearFaults() = 0;
    virtual ChargerEmulatorStatus status() = 0;
    // Safe state: faults cleared.
};

} // namespace v2gbench::core
