#include "v2gbench/protocols/gbt27930/phase_tracker.hpp"

namespace v2gbench::protocols::gbt27930 {

void PhaseTracker::enter(Phase phase, std::chrono::microseconds time, std::size_t line, std::string trigger) {
    if (phase == Phase::Handshake && m_phase != Phase::Handshake) ++m_sessions;
    m_phase = phase;
    m_changes.push_back({phase, time, line, std::move(trigger)});
}

void PhaseTracker::restart(std::chrono::microseconds time, std::size_t line, std::string trigger) {
    if (m_errorEpisode) {
        ++m_reconnects;
        m_errorEpisode = false;
        trigger += " (reconnect attempt " + std::to_string(m_reconnects) + ")";
    }
    m_brmComplete = m_broReady = m_croReady = false;
    m_reportedEarlyCharging = m_reportedEarlyCrm = false;
    if (m_phase == Phase::Handshake) {
        m_changes.push_back({Phase::Handshake, time, line, std::move(trigger)});
        ++m_sessions;
    } else {
        enter(Phase::Handshake, time, line, std::move(trigger));
    }
}

void PhaseTracker::onTransferStart(const MessageSpec& spec, std::chrono::microseconds time, std::size_t line) {
    // The BMS starting BRM again after it reported an error is its retry of the handshake.
    if (spec.pgn == 0x0200 && m_errorEpisode) restart(time, line, "BRM restarted after BEM/CEM");
}

Phase PhaseTracker::onMessage(const DecodedMessage& m, std::chrono::microseconds time, std::size_t line) {
    const MessageSpec& spec = *m.spec;
    const std::string name = spec.name;
    if (spec.pgn == 0x2600) m_sawChm = true;
    if (spec.pgn == 0x2700) m_sawBhm = true;
    if (spec.pgn == 0x1E00 || spec.pgn == 0x1F00) { // BEM / CEM: any phase
        m_errorEpisode = true;
        return m_phase;
    }
    auto firstByte = [&]() -> int {
        const DecodedField* f = m.fields.empty() ? nullptr : &m.fields.front();
        return f && f->present ? static_cast<int>(f->raw) : -1;
    };
    if (spec.pgn == 0x0200) m_brmComplete = true;
    if (spec.pgn == 0x0900 && firstByte() == 0xAA) m_broReady = true;
    if (spec.pgn == 0x0A00 && firstByte() == 0xAA) m_croReady = true;

    const Phase p = spec.phase;
    if (m_phase == Phase::Unknown) {
        enter(p, time, line, name);
        return m_phase;
    }
    if (p == Phase::Handshake) {
        // The charger (CHM, CRM 0x00) or the BMS (BHM) starting over after a later phase, or after
        // an error report, is a new handshake.
        const bool chargerRestart = spec.pgn == 0x2600 || (spec.pgn == 0x0100 && firstByte() == 0x00);
        if (m_phase != Phase::Handshake && (chargerRestart || spec.pgn == 0x2700))
            restart(time, line, name + (spec.pgn == 0x0100 ? " 0x00" : ""));
        else if (m_errorEpisode && spec.pgn == 0x2700)
            restart(time, line, "BHM after BEM/CEM");
        if (spec.pgn == 0x0100 && firstByte() == 0xAA && !m_brmComplete && !m_reportedEarlyCrm) {
            m_violations.push_back({line, time, "CRM 0xAA before a complete BRM was received"});
            m_reportedEarlyCrm = true;
        }
        return m_phase;
    }
    if (p == Phase::Charging && !(m_broReady && m_croReady) && !m_reportedEarlyCharging) {
        m_violations.push_back({line, time,
                                name + " in the charging phase before " +
                                    (m_broReady ? "CRO 0xAA" : m_croReady ? "BRO 0xAA" : "BRO 0xAA and CRO 0xAA")});
        m_reportedEarlyCharging = true;
    }
    if (p > m_phase) {
        if (static_cast<int>(p) > static_cast<int>(m_phase) + 1)
            m_violations.push_back({line, time,
                                    name + " (" + toString(p) + ") while the session was still in the " +
                                        toString(m_phase) + " phase"});
        enter(p, time, line, name);
    }
    return m_phase;
}

} // namespace v2gbench::protocols::gbt27930
