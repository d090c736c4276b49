#pragma once
// The charger emulator's declarative protocol faults (role "evse", GB/T 34658 BMS-side negative
// cases): the mirror of the EV emulator's ev.fault, applied to the frames a ChargerStateMachine
// produced, after it produced them, so the machine stays standard. The fault struct is the EV's
// (core::EvFault: kind, message, field, value, mode, with) — one vocabulary for both emulators.
//
// Kinds the charger side applies (one per kind and message; a new one replaces the old):
// - silence M: M (CHM, CRM, CTS, CML, CRO, CCS, CST, CSD, CEM) never reaches the bus.
// - substitute M with W: every M goes out as the charger's single-frame message W (fields not set).
//   "substitute CRM with CHM" is the stale CHM of a charger that never recognises the vehicle.
// - corrupt M field raw: M carries `raw` in that field ("corrupt CRM recognition 0" keeps the
//   CRM at 0x00 after the BRM; "corrupt CRM recognition 170" sends 0xAA before any BRM).
// - dlc M n: M goes out with n data bytes (0..8): cut short (a too-short CRM or CML counts as not
//   received) or filled with 0xFF.
// - tp_break M mode, M the vehicle's BRM, BCP or BCS (the charger is their TP receiver):
//   "no-cts" — the charger never answers the vehicle's RTS (no TP.CM_CTS, no EndOfMsgAck);
//   "abort"  — it answers the RTS with Conn_Abort instead of CTS.
// `after` (silence, substitute, corrupt, dlc): the fault strikes only from `after` past the first M
// since the fault was set or the vehicle was plugged (restart()); before, M goes out intact. "silence
// CRO after 1 s" is a CRO stream that stops; "corrupt CRM recognition 0x55 after 1 ms" keeps the first
// CRM(0x00) and spoils the ones that should turn 0xAA.
// Other kinds (period, delay, bem, stop_answering, stale) are the EV emulator's; the charger
// emulator refuses them with a text that says so.
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/message_table.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

// Throws std::invalid_argument ("charger fault silence on BHM: not applicable: BHM is sent by the
// EV, not the charger") unless the fault is complete and one the charger emulator applies.
void validateChargerFault(const core::EvFault& fault);

class ChargerFaultFilter {
public:
    // Throws std::invalid_argument (validateChargerFault) for a fault that cannot be applied.
    void add(const core::EvFault& fault);
    void clear() {
        m_faults.clear();
        m_firstSent.clear();
    }
    // A new session (plug-in): `after` counts again from each message's next first frame.
    void restart() { m_firstSent.clear(); }
    const std::vector<core::EvFault>& faults() const { return m_faults; }

    // The frame as the faulty charger sends it; nullopt when it does not reach the bus. Frames are
    // given in the order they are sent (their timestamps time `after`).
    std::optional<transports::CanFrame> apply(transports::CanFrame frame);

private:
    // The fault of that kind on `message` when it strikes this frame (`after` elapsed).
    const core::EvFault* find(core::EvFaultKind kind, std::string_view message, std::chrono::microseconds sent) const;
    std::vector<core::EvFault> m_faults;
    std::map<std::string, std::chrono::microseconds, std::less<>> m_firstSent; // per message, for `after`
    Codec m_codec;
};

} // namespace v2gbench::protocols::gbt27930
