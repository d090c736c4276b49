#pragma once
// Follows the session phases of GB/T 27930 chapter 8 (handshake → configuration → charging → end)
// from the messages seen, counts handshake restarts after BEM/CEM (reconnect attempts, at most 3
// per Fig. A.9) and reports order violations. Clock-agnostic: fed messages with their time.
#include "v2gbench/protocols/gbt27930/codec.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

struct PhaseChange {
    Phase phase = Phase::Unknown;
    std::chrono::microseconds time{0};
    std::size_t line = 0;
    std::string trigger; // "CRM 0x00", "BCP", "restart after BEM"
};

struct OrderViolation {
    std::size_t line = 0;
    std::chrono::microseconds time{0};
    std::string message;
};

class PhaseTracker {
public:
    // A decoded message (single frame or reassembled). Returns the phase after it.
    Phase onMessage(const DecodedMessage& message, std::chrono::microseconds time, std::size_t line);
    // An RTS announcing a multi-packet message (the BMS restarting BRM counts as a retry).
    void onTransferStart(const MessageSpec& spec, std::chrono::microseconds time, std::size_t line);

    Phase phase() const { return m_phase; }
    const std::vector<PhaseChange>& changes() const { return m_changes; }
    const std::vector<OrderViolation>& violations() const { return m_violations; }
    unsigned reconnectAttempts() const { return m_reconnects; }
    unsigned sessions() const { return m_sessions; } // handshakes started (1 + restarts)
    bool sawChm() const { return m_sawChm; }
    bool sawBhm() const { return m_sawBhm; }

private:
    void enter(Phase phase, std::chrono::microseconds time, std::size_t line, std::string trigger);
    void restart(std::chrono::microseconds time, std::size_t line, std::string trigger);

    Phase m_phase = Phase::Unknown;
    std::vector<PhaseChange> m_changes;
    std::vector<OrderViolation> m_violations;
    unsigned m_reconnects = 0;
    unsigned m_sessions = 0;
    bool m_errorEpisode = false; // BEM/CEM seen, no handshake retry yet
    bool m_brmComplete = false;
    bool m_broReady = false, m_croReady = false;
    bool m_reportedEarlyCharging = false, m_reportedEarlyCrm = false;
    bool m_sawChm = false, m_sawBhm = false;
};

} // namespace v2gbench::protocols::gbt27930
