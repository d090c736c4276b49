#pragma once
// The EV side as the bench drives it: a BmsStateMachine per plug-in, plus the declarative
// protocol faults of the "ev" role (core::EvFault) for the GB/T 34658 negative cases. Faults act
// on the frames the state machine produced, after it produced them, so the machine stays
// standard: silence, re-timing (period), delay, raw field corruption, wrong DLC, broken TP
// transfers, extra BEM, and going silent from a phase on. Clock-agnostic like the machine: fed
// frames and "now" (seconds); takeOutgoing() hands out what is due.
//
// Fault semantics (one fault per kind and message; a new one replaces the old; they stay across
// plugIn and end with clearFaults() or unplug()):
// - silence M: M is never sent. A TP transfer of M is swallowed before its RTS (the machine's TP
//   sender is released internally, nothing reaches the bus).
// - period M p: M goes out every p seconds while the machine sends it (latest content). For the
//   multi-packet BRM/BCP/BCS only p >= the nominal period is possible (transfers are skipped).
// - delay M d: every frame of M (for TP: RTS and TP.DT) leaves d seconds after it was produced.
// - corrupt M field raw: the field's bits carry `raw` (also inside a TP transfer's data).
// - dlc M n: M (single-frame) is sent with n bytes (missing bytes are cut, extra ones are 0xFF).
// - tp_break M mode: every transfer of M breaks: "abort" (Conn_Abort instead of the data),
//   "missing-packet" (TP.DT 2 skipped), "wrong-sequence" (each TP.DT numbered +1), "no-end"
//   (only TP.DT 1).
// - bem field: BEM with that timeout bit every 250 ms, besides the normal traffic.
// - stop_answering phase: nothing at all is sent once the session has reached that phase
//   ("handshake", "configuration", "charging", "end"); immediate if already reached.
// - substitute M with W: every M is replaced by one frame of the single-frame message W (fields
//   0 / not set), at M's time; a TP transfer of M is swallowed and W goes out at its RTS.
// - stale M (BHM, BRM, BCP; BCL for the charging state): once the machine sends M it stays in that
//   state (BmsStateMachine::holdIn), repeating M (BCL: BCL, BCS, BSM) and ignoring the charger,
//   its own timeouts included (a BMS simulator that does not time out on the missing CCS).
// - corrupt M field raw after t: as corrupt, from t past M's first frame of this plug-in on
//   (BRO(0x00) after BRO(0xAA), GB/T 34658 DN.2009).
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/protocols/gbt27930/bms_state_machine.hpp"
#include "v2gbench/protocols/gbt27930/ev_fault_rules.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

class BmsEmulator {
public:
    explicit BmsEmulator(BmsConfig config = {}, Profile profile = Profile::Tolerant);

    void plugIn(double now);  // starts a session from scratch (fresh state machine, timeouts 0)
    void unplug(double now);  // sends nothing more, drops what was pending; faults cleared
    bool pluggedIn() const { return m_machine.has_value(); }

    void onFrame(const transports::CanFrame& frame, double now);
    void poll(double now);
    // Frames due by the latest poll/onFrame time, faults and delays applied, in bus order.
    std::vector<transports::CanFrame> takeOutgoing();

    // Volts, amperes (>= 0, charging); maxDischargeCurrent is kept but not sent (2015 has no
    // field for it). Throws std::invalid_argument for negative values. Kept across plug-ins.
    void setDemand(double voltage, double current, ChargeMode mode, double maxDischargeCurrent = 0.0);
    void pause();  // BSM "charge permitted" = 00; kept across plug-ins
    void resume();
    void stop();   // BST "SOC target reached"

    // Throws std::invalid_argument (see validateEvFault) for a fault that cannot be applied.
    void addFault(const core::EvFault& fault);
    void clearFaults();
    const std::vector<core::EvFault>& faults() const { return m_faults; }

    BmsState state() const { return m_machine ? m_machine->state() : BmsState::Unplugged; }
    Phase phase() const { return m_machine ? m_machine->phase() : Phase::Unknown; }
    bool paused() const { return m_paused; }
    const std::optional<ChargerOutput>& chargerOutput() const;
    unsigned timeouts() const { return m_machine ? m_machine->timeouts() : 0u; }
    // The last protocol event: "charging", "BEM: CRO timeout", "CST received: connector fault",
    // "not answering (fault: stop_answering from charging)", "unplugged", ...
    std::string detail() const;
    const BmsConfig& config() const { return m_config; }

private:
    struct Pending {
        double due = 0.0;
        transports::CanFrame frame;
    };
    // The machine's TP transfer in progress (its TpSender runs one at a time).
    struct Transfer {
        const MessageSpec* spec = nullptr;
        bool swallowed = false;
    };

    const core::EvFault* find(core::EvFaultKind kind, const std::string& message) const;
    void drainMachine();
    void route(transports::CanFrame frame);
    void shape(transports::CanFrame frame, const MessageSpec* spec);
    void releaseDue();
    void emitGenerated();
    void swallowTransfer(std::uint32_t pgn);
    void updateSilence();
    void applyStale();
    bool corruptNow(const core::EvFault& fault, const std::string& message, const transports::CanFrame& frame);
    double frameTime(const transports::CanFrame& frame) const;

    BmsConfig m_config;
    Profile m_profile;
    Codec m_codec;
    std::optional<BmsStateMachine> m_machine;
    bool m_paused = false;
    double m_now = 0.0;
    std::vector<core::EvFault> m_faults;
    Phase m_furthestPhase = Phase::Unknown;
    bool m_silent = false; // stop_answering took effect (until the next plugIn)
    Transfer m_transfer;
    std::map<std::string, double, std::less<>> m_firstSent; // per message: its first frame's time this plug-in
    std::map<std::string, transports::CanFrame, std::less<>> m_latest; // period: latest content
    std::map<std::string, Periodic, std::less<>> m_periodGrid;         // period: own grid
    Periodic m_bemGrid{0.25};
    std::vector<Pending> m_pending;
    std::vector<transports::CanFrame> m_ready;
};

} // namespace v2gbench::protocols::gbt27930
