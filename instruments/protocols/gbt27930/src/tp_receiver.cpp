#include "v2gbench/protocols/gbt27930/tp_receiver.hpp"

#include <algorithm>

namespace v2gbench::protocols::gbt27930 {

namespace {
long long ms(std::chrono::microseconds t) { return static_cast<long long>(t.count() / 1000); }
} // namespace

TpReceiver::TpReceiver(std::uint8_t localAddress, TpTimers timers, std::uint8_t packetsPerCts)
    : m_local(localAddress), m_timers(timers), m_packetsPerCts(packetsPerCts ? packetsPerCts : 1) {}

std::string TpReceiver::describeConnection() const {
    return "PGN " + formatPgn(m_pgn) + " from " + std::to_string(m_peer) + " (" + std::to_string(m_size) + " bytes, " +
           std::to_string(m_packets) + " packets)";
}

TpOutput TpReceiver::abort(AbortReason reason, TpErrorKind kind, std::string message, std::chrono::microseconds now) {
    TpOutput out;
    TpConnectionManagement cm;
    cm.control = TpControl::Abort;
    cm.reason = reason;
    cm.pgn = m_pgn;
    out.frames.push_back(makeTpCm(m_local, m_peer, cm, now));
    out.error = TpError{kind, std::move(message), m_pgn, m_peer, m_local, now, reason};
    m_open = false;
    return out;
}

transports::CanFrame TpReceiver::cts(std::chrono::microseconds now) {
    unsigned remaining = m_packets - m_next + 1;
    unsigned window = std::min<unsigned>({remaining, m_packetsPerCts, m_maxPerCts});
    m_windowEnd = m_next + window - 1;
    m_deadline = now + m_timers.t2;
    m_timer = "T2";
    TpConnectionManagement cm;
    cm.control = TpControl::Cts;
    cm.packets = static_cast<std::uint8_t>(window);
    cm.nextSequence = static_cast<std::uint8_t>(m_next);
    cm.pgn = m_pgn;
    return makeTpCm(m_local, m_peer, cm, now);
}

TpOutput TpReceiver::onFrame(const transports::CanFrame& frame) {
    TpOutput out;
    if (!frame.extended || frame.error || frame.remote) return out;
    const J1939Id id = J1939Id::fromCanId(frame.id);
    if (id.destination != m_local || (id.pgn != kPgnTpCm && id.pgn != kPgnTpDt)) return out;
    const auto now = frame.timestamp;

    if (id.pgn == kPgnTpCm) {
        std::string why;
        auto cm = parseTpCm(frame, &why);
        if (!cm) {
            out.error = TpError{TpErrorKind::UnexpectedControl, why, 0, id.source, m_local, now, std::nullopt};
            return out;
        }
        switch (cm->control) {
        case TpControl::Rts: {
            std::optional<TpError> overlap;
            if (m_open && m_peer == id.source)
                overlap = TpError{TpErrorKind::SessionOverlap,
                                  "new RTS for PGN " + formatPgn(cm->pgn) + " while " + describeConnection() +
                                      " was open after " + std::to_string(m_next - 1) + " packets; the old one is dropped",
                                  m_pgn, m_peer, m_local, now, std::nullopt};
            m_open = true;
            m_peer = id.source;
            m_pgn = cm->pgn;
            m_size = cm->size;
            m_packets = cm->packets;
            m_maxPerCts = cm->maxPerCts ? cm->maxPerCts : 0xFF;
            m_started = now;
            if (cm->size > kTpMaxSize)
                return abort(AbortReason::TooLarge, TpErrorKind::SizeMismatch,
                             "RTS announces " + std::to_string(cm->size) + " bytes for PGN " + formatPgn(cm->pgn) +
                                 "; the transport protocol carries at most 1785",
                             now);
            if (cm->size < 9 || cm->packets != packetCount(cm->size))
                return abort(AbortReason::Other, TpErrorKind::SizeMismatch,
                             "RTS for PGN " + formatPgn(cm->pgn) + " announces " + std::to_string(cm->size) +
                                 " bytes in " + std::to_string(cm->packets) + " packets; " + std::to_string(cm->size) +
                                 " bytes need " + std::to_string(packetCount(cm->size)) + " (and at least 9 bytes)",
                             now);
            m_data.assign(m_size, 0xFF);
            m_next = 1;
            out.frames.push_back(cts(now));
            out.error = std::move(overlap);
            return out;
        }
        case TpControl::Abort:
            if (m_open && id.source == m_peer) {
                out.error = TpError{TpErrorKind::Aborted,
                                    "sender aborted " + describeConnection() + " after " + std::to_string(m_next - 1) +
                                        " packets, reason " + describe(cm->reason),
                                    m_pgn, m_peer, m_local, now, cm->reason};
                m_open = false;
            } else {
                out.error = TpError{TpErrorKind::Aborted,
                                    "Conn_Abort for PGN " + formatPgn(cm->pgn) + " without an open connection, reason " +
                                        describe(cm->reason),
                                    cm->pgn, id.source, m_local, now, cm->reason};
            }
            return out;
        default:
            out.error = TpError{TpErrorKind::UnexpectedControl,
                                "TP.CM control " + std::to_string(static_cast<unsigned>(cm->control)) +
                                    " sent to a receiving node for PGN " + formatPgn(cm->pgn),
                                cm->pgn, id.source, m_local, now, std::nullopt};
            return out;
        }
    }

    // TP.DT
    if (!m_open || id.source != m_peer) {
        out.error = TpError{TpErrorKind::UnexpectedData,
                            "TP.DT sequence " + std::to_string(frame.data[0]) + " from " + std::to_string(id.source) +
                                " without an open connection",
                            0, id.source, m_local, now, std::nullopt};
        return out;
    }
    if (frame.dlc != 8)
        return abort(AbortReason::UnexpectedDataTransfer, TpErrorKind::UnexpectedData,
                     "TP.DT with DLC " + std::to_string(frame.dlc) + " in " + describeConnection() + " (J1939 requires 8)",
                     now);
    const unsigned seq = frame.data[0];
    if (seq != m_next) {
        if (seq + 1 == m_next)
            return abort(AbortReason::DuplicateSequence, TpErrorKind::DuplicateSequence,
                         "TP.DT sequence " + std::to_string(seq) + " repeated in " + describeConnection(), now);
        std::string what = "TP.DT sequence " + std::to_string(seq) + " where " + std::to_string(m_next) +
                           " was expected in " + describeConnection();
        if (seq > m_next && seq <= m_packets)
            what += " (packets " + std::to_string(m_next) + ".." + std::to_string(seq - 1) + " missing)";
        if (seq > m_packets) what += " (beyond the last packet)";
        return abort(AbortReason::BadSequence, TpErrorKind::WrongSequence, std::move(what), now);
    }
    const std::size_t start = (seq - 1) * 7;
    for (std::size_t i = 0; i < 7 && start + i < m_size; ++i) m_data[start + i] = frame.data[1 + i];
    ++m_next;
    if (seq == m_packets) {
        TpConnectionManagement cm;
        cm.control = TpControl::EndOfMsgAck;
        cm.size = m_size;
        cm.packets = m_packets;
        cm.pgn = m_pgn;
        out.frames.push_back(makeTpCm(m_local, m_peer, cm, now));
        out.message = TpMessage{m_pgn, m_peer, m_local, std::move(m_data), m_packets, false, m_started, now};
        m_data = {};
        m_open = false;
        return out;
    }
    if (seq == m_windowEnd) {
        out.frames.push_back(cts(now));
    } else {
        m_deadline = now + m_timers.t1;
        m_timer = "T1";
    }
    return out;
}

TpOutput TpReceiver::poll(std::chrono::microseconds now) {
    if (!m_open || now <= m_deadline) return {};
    const auto limit = std::string(m_timer) == "T1" ? m_timers.t1 : m_timers.t2;
    return abort(AbortReason::Timeout, TpErrorKind::Timeout,
                 std::string(m_timer) + " (" + std::to_string(ms(limit)) + " ms) expired waiting for TP.DT " +
                     std::to_string(m_next) + " of " + describeConnection(),
                 now);
}

} // namespace v2gbench::protocols::gbt27930
