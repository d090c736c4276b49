#include "v2gbench/protocols/gbt27930/tp_sender.hpp"

#include <algorithm>
#include <stdexcept>

namespace v2gbench::protocols::gbt27930 {

TpSender::TpSender(std::uint8_t localAddress, TpTimers timers) : m_local(localAddress), m_timers(timers) {}

std::string TpSender::describeConnection() const {
    return "PGN " + formatPgn(m_pgn) + " to " + std::to_string(m_peer) + " (" + std::to_string(m_data.size()) +
           " bytes, " + std::to_string(m_packets) + " packets)";
}

TpOutput TpSender::start(std::uint8_t destination, std::uint32_t pgn, std::vector<std::uint8_t> data,
                         std::chrono::microseconds now, std::uint8_t maxPerCts) {
    if (m_open) throw std::logic_error("TP sender busy with " + describeConnection());
    if (data.size() < 9 || data.size() > kTpMaxSize)
        throw std::invalid_argument("the transport protocol carries 9..1785 bytes, not " + std::to_string(data.size()));
    m_open = true;
    m_holding = false;
    m_peer = destination;
    m_pgn = pgn;
    m_data = std::move(data);
    m_packets = packetCount(m_data.size());
    m_highestSent = 0;
    m_started = now;
    m_deadline = now + m_timers.t3;
    TpConnectionManagement cm;
    cm.control = TpControl::Rts;
    cm.size = static_cast<std::uint16_t>(m_data.size());
    cm.packets = m_packets;
    cm.maxPerCts = maxPerCts;
    cm.pgn = pgn;
    TpOutput out;
    out.frames.push_back(makeTpCm(m_local, m_peer, cm, now));
    return out;
}

TpOutput TpSender::abort(AbortReason reason, TpErrorKind kind, std::string message, std::chrono::microseconds now) {
    TpOutput out;
    TpConnectionManagement cm;
    cm.control = TpControl::Abort;
    cm.reason = reason;
    cm.pgn = m_pgn;
    out.frames.push_back(makeTpCm(m_local, m_peer, cm, now));
    out.error = TpError{kind, std::move(message), m_pgn, m_local, m_peer, now, reason};
    m_open = false;
    return out;
}

TpOutput TpSender::onFrame(const transports::CanFrame& frame) {
    TpOutput out;
    if (!frame.extended || frame.error || frame.remote) return out;
    const J1939Id id = J1939Id::fromCanId(frame.id);
    if (id.destination != m_local || id.pgn != kPgnTpCm) return out;
    const auto now = frame.timestamp;
    std::string why;
    auto cm = parseTpCm(frame, &why);
    if (!cm) {
        out.error = TpError{TpErrorKind::UnexpectedControl, why, 0, m_local, id.source, now, std::nullopt};
        return out;
    }
    if (cm->control == TpControl::Rts || cm->control == TpControl::Bam) return out; // a receiver's business
    if (!m_open || id.source != m_peer) {
        out.error = TpError{TpErrorKind::UnexpectedControl,
                            std::string(cm->control == TpControl::Abort ? "Conn_Abort" : "TP.CM") + " for PGN " +
                                formatPgn(cm->pgn) + " from " + std::to_string(id.source) + " without an open connection",
                            cm->pgn, m_local, id.source, now,
                            cm->control == TpControl::Abort ? std::optional(cm->reason) : std::nullopt};
        return out;
    }
    if (cm->control == TpControl::Abort) {
        out.error = TpError{TpErrorKind::Aborted,
                            "receiver aborted " + describeConnection() + ", reason " + describe(cm->reason), m_pgn,
                            m_local, m_peer, now, cm->reason};
        m_open = false;
        return out;
    }
    if (cm->pgn != m_pgn)
        return abort(AbortReason::Other, TpErrorKind::SizeMismatch,
                     "TP.CM for PGN " + formatPgn(cm->pgn) + " during " + describeConnection(), now);
    if (cm->control == TpControl::Cts) {
        if (cm->packets == 0) { // hold the connection open
            m_holding = true;
            m_deadline = now + m_timers.t4;
            return out;
        }
        const unsigned first = cm->nextSequence, last = first + cm->packets - 1u;
        if (first < 1 || last > m_packets)
            return abort(AbortReason::Other, TpErrorKind::SizeMismatch,
                         "CTS asks for packets " + std::to_string(first) + ".." + std::to_string(last) + " of " +
                             describeConnection(),
                         now);
        for (unsigned s = first; s <= last; ++s)
            out.frames.push_back(makeTpDt(m_local, m_peer, static_cast<std::uint8_t>(s), m_data, now));
        m_highestSent = std::max(m_highestSent, last);
        m_holding = false;
        m_deadline = now + m_timers.t3;
        return out;
    }
    // EndOfMsgAck
    if (m_highestSent < m_packets)
        return abort(AbortReason::Other, TpErrorKind::MissingPackets,
                     "EndOfMsgAck after only " + std::to_string(m_highestSent) + " packets of " + describeConnection(),
                     now);
    if (cm->size != m_data.size() || cm->packets != m_packets) {
        out.error = TpError{TpErrorKind::SizeMismatch,
                            "EndOfMsgAck acknowledges " + std::to_string(cm->size) + " bytes in " +
                                std::to_string(cm->packets) + " packets for " + describeConnection(),
                            m_pgn, m_local, m_peer, now, std::nullopt};
        m_open = false;
        return out;
    }
    out.message = TpMessage{m_pgn, m_local, m_peer, m_data, m_packets, false, m_started, now};
    m_open = false;
    return out;
}

TpOutput TpSender::poll(std::chrono::microseconds now) {
    if (!m_open || now <= m_deadline) return {};
    const char* timer = m_holding ? "T4" : "T3";
    const auto limit = m_holding ? m_timers.t4 : m_timers.t3;
    return abort(AbortReason::Timeout, TpErrorKind::Timeout,
                 std::string(timer) + " (" + std::to_string(limit.count() / 1000) + " ms) expired waiting for " +
                     (m_highestSent == m_packets ? "EndOfMsgAck" : "CTS") + " of " + describeConnection(),
                 now);
}

} // namespace v2gbench::protocols::gbt27930
