#include "v2gbench/protocols/gbt27930/tp_monitor.hpp"

#include <algorithm>
#include <cstdio>

namespace v2gbench::protocols::gbt27930 {

namespace {
std::string msText(std::chrono::microseconds t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(t.count()) / 1000.0);
    return buf;
}
} // namespace

TpMonitor::TpMonitor(TpTimers timers, bool checkTimers) : m_timers(timers), m_checkTimers(checkTimers) {}

TpMonitor::Connection* TpMonitor::find(std::uint8_t source, std::uint8_t destination) {
    for (auto& c : m_connections)
        if (c.source == source && c.destination == destination) return &c;
    return nullptr;
}

void TpMonitor::close(const Connection* c) {
    auto it = m_connections.begin() + (c - m_connections.data());
    m_connections.erase(it);
}

std::string TpMonitor::describe(const Connection& c) const {
    return std::string(c.broadcast ? "BAM" : "connection") + " for PGN " + formatPgn(c.pgn) + " from " +
           std::to_string(c.source) + " to " + std::to_string(c.destination) + " (" + std::to_string(c.size) +
           " bytes, " + std::to_string(c.packets) + " packets)";
}

TpError TpMonitor::error(const Connection& c, TpErrorKind kind, std::string message, std::chrono::microseconds now,
                         std::optional<AbortReason> reason) const {
    return TpError{kind, std::move(message), c.pgn, c.source, c.destination, now, reason};
}

bool TpMonitor::onFrame(const transports::CanFrame& frame, std::vector<TpEvent>& events) {
    if (!frame.extended || frame.error || frame.remote) return false;
    const J1939Id id = J1939Id::fromCanId(frame.id);
    if (id.pgn != kPgnTpCm && id.pgn != kPgnTpDt) return false;
    const auto now = frame.timestamp;
    if (m_checkTimers) poll(now, events);

    if (id.pgn == kPgnTpDt) {
        Connection* c = find(id.source, id.destination);
        const unsigned seq = frame.dlc ? frame.data[0] : 0;
        if (!c || c->state == State::WaitAck) {
            events.push_back({std::nullopt, TpError{TpErrorKind::UnexpectedData,
                                                    "TP.DT sequence " + std::to_string(seq) + " from " +
                                                        std::to_string(id.source) + " to " +
                                                        std::to_string(id.destination) + " without an open connection",
                                                    0, id.source, id.destination, now, std::nullopt}});
            return true;
        }
        if (c->state == State::WaitCts) {
            events.push_back({std::nullopt, error(*c, TpErrorKind::UnexpectedData,
                                                  "TP.DT sequence " + std::to_string(seq) + " before any CTS in " +
                                                      describe(*c),
                                                  now)});
            close(c);
            return true;
        }
        if (frame.dlc != 8) {
            events.push_back({std::nullopt, error(*c, TpErrorKind::UnexpectedData,
                                                  "TP.DT with DLC " + std::to_string(frame.dlc) + " in " + describe(*c),
                                                  now)});
            close(c);
            return true;
        }
        if (seq != c->next) {
            TpErrorKind kind = seq + 1 == c->next ? TpErrorKind::DuplicateSequence : TpErrorKind::WrongSequence;
            std::string what = "TP.DT sequence " + std::to_string(seq) + " where " + std::to_string(c->next) +
                               " was expected in " + describe(*c);
            if (seq > c->next && seq <= c->packets)
                what += " (packets " + std::to_string(c->next) + ".." + std::to_string(seq - 1) + " missing)";
            events.push_back({std::nullopt, error(*c, kind, std::move(what), now)});
            close(c);
            return true;
        }
        if (seq > c->windowEnd) {
            events.push_back({std::nullopt, error(*c, TpErrorKind::UnexpectedData,
                                                  "TP.DT sequence " + std::to_string(seq) +
                                                      " beyond the CTS window ending at " +
                                                      std::to_string(c->windowEnd) + " in " + describe(*c),
                                                  now)});
            close(c);
            return true;
        }
        const std::size_t start = (seq - 1) * 7;
        for (std::size_t i = 0; i < 7 && start + i < c->size; ++i) c->data[start + i] = frame.data[1 + i];
        ++c->next;
        c->last = now;
        if (seq == c->packets) {
            // A copy: until the EndOfMsgAck, a CTS may ask for a retransmission, whose TP.DT are
            // written into c->data again (fuzz/regressions/gbt27930/tp-monitor-cts-after-last-packet).
            TpMessage m{c->pgn, c->source, c->destination, c->data, c->packets, c->broadcast, c->started, now};
            events.push_back({std::move(m), std::nullopt});
            if (c->broadcast)
                close(c);
            else
                c->state = State::WaitAck;
        }
        return true;
    }

    std::string why;
    auto cm = parseTpCm(frame, &why);
    if (!cm) {
        events.push_back({std::nullopt, TpError{TpErrorKind::UnexpectedControl, why + " from " + std::to_string(id.source),
                                                0, id.source, id.destination, now, std::nullopt}});
        return true;
    }
    switch (cm->control) {
    case TpControl::Rts:
    case TpControl::Bam: {
        const bool bam = cm->control == TpControl::Bam;
        if (Connection* old = find(id.source, id.destination)) {
            if (old->state != State::WaitAck)
                events.push_back({std::nullopt,
                                  error(*old, TpErrorKind::SessionOverlap,
                                        std::string(bam ? "BAM" : "RTS") + " for PGN " + formatPgn(cm->pgn) + " while " +
                                            describe(*old) + " was open after " + std::to_string(old->next - 1) +
                                            " packets",
                                        now)});
            close(old);
        }
        if (cm->size < 9 || cm->size > kTpMaxSize || cm->packets != packetCount(cm->size)) {
            events.push_back({std::nullopt, TpError{TpErrorKind::SizeMismatch,
                                                    std::string(bam ? "BAM" : "RTS") + " for PGN " + formatPgn(cm->pgn) +
                                                        " from " + std::to_string(id.source) + " announces " +
                                                        std::to_string(cm->size) + " bytes in " +
                                                        std::to_string(cm->packets) + " packets (needs 9..1785 bytes, " +
                                                        std::to_string(packetCount(cm->size)) + " packets)",
                                                    cm->pgn, id.source, id.destination, now, std::nullopt}});
            return true;
        }
        Connection c;
        c.source = id.source;
        c.destination = id.destination;
        c.pgn = cm->pgn;
        c.size = cm->size;
        c.packets = cm->packets;
        c.broadcast = bam;
        c.state = bam ? State::WaitData : State::WaitCts;
        c.windowEnd = bam ? c.packets : 0;
        c.data.assign(c.size, 0xFF);
        c.started = c.last = now;
        m_connections.push_back(std::move(c));
        return true;
    }
    case TpControl::Cts: {
        // A CTS travels from the data receiver (frame source) to the data sender.
        Connection* c = find(id.destination, id.source);
        if (!c || c->broadcast) {
            events.push_back({std::nullopt, TpError{TpErrorKind::UnexpectedControl,
                                                    "CTS for PGN " + formatPgn(cm->pgn) + " from " +
                                                        std::to_string(id.source) + " without an open connection",
                                                    cm->pgn, id.destination, id.source, now, std::nullopt}});
            return true;
        }
        if (m_checkTimers && c->state == State::WaitCts && now - c->last > m_timers.tr)
            events.push_back({std::nullopt, error(*c, TpErrorKind::Timeout,
                                                  "CTS " + msText(now - c->last) + " after the RTS of " + describe(*c) +
                                                      " (Tr " + msText(m_timers.tr) + ")",
                                                  now)});
        if (cm->pgn != c->pgn) {
            events.push_back({std::nullopt, error(*c, TpErrorKind::SizeMismatch,
                                                  "CTS names PGN " + formatPgn(cm->pgn) + " in " + describe(*c), now)});
            close(c);
            return true;
        }
        c->last = now;
        if (cm->packets == 0) { // hold
            c->state = State::WaitData;
            c->windowEnd = c->next - 1;
            return true;
        }
        const unsigned first = cm->nextSequence, last = first + cm->packets - 1u;
        if (first < 1 || last > c->packets || first > c->next) {
            events.push_back({std::nullopt, error(*c, TpErrorKind::SizeMismatch,
                                                  "CTS asks for packets " + std::to_string(first) + ".." +
                                                      std::to_string(last) + " of " + describe(*c) +
                                                      " (next expected " + std::to_string(c->next) + ")",
                                                  now)});
            close(c);
            return true;
        }
        c->next = first; // a CTS may ask for a retransmission
        c->windowEnd = last;
        c->state = State::WaitData;
        return true;
    }
    case TpControl::EndOfMsgAck: {
        Connection* c = find(id.destination, id.source);
        if (!c) {
            events.push_back({std::nullopt, TpError{TpErrorKind::UnexpectedControl,
                                                    "EndOfMsgAck for PGN " + formatPgn(cm->pgn) + " from " +
                                                        std::to_string(id.source) + " without an open connection",
                                                    cm->pgn, id.destination, id.source, now, std::nullopt}});
            return true;
        }
        if (c->state != State::WaitAck)
            events.push_back({std::nullopt, error(*c, TpErrorKind::MissingPackets,
                                                  "EndOfMsgAck after " + std::to_string(c->next - 1) + " of " +
                                                      describe(*c),
                                                  now)});
        else if (cm->size != c->size || cm->packets != c->packets || cm->pgn != c->pgn)
            events.push_back({std::nullopt, error(*c, TpErrorKind::SizeMismatch,
                                                  "EndOfMsgAck acknowledges " + std::to_string(cm->size) + " bytes in " +
                                                      std::to_string(cm->packets) + " packets of PGN " +
                                                      formatPgn(cm->pgn) + " for " + describe(*c),
                                                  now)});
        close(c);
        return true;
    }
    case TpControl::Abort: {
        Connection* c = find(id.source, id.destination);
        if (!c) c = find(id.destination, id.source);
        if (!c) {
            events.push_back({std::nullopt, TpError{TpErrorKind::Aborted,
                                                    "Conn_Abort for PGN " + formatPgn(cm->pgn) + " from " +
                                                        std::to_string(id.source) + " without an open connection, reason " +
                                                        gbt27930::describe(cm->reason),
                                                    cm->pgn, id.source, id.destination, now, cm->reason}});
            return true;
        }
        events.push_back({std::nullopt, error(*c, TpErrorKind::Aborted,
                                              "Conn_Abort from " + std::to_string(id.source) + " for " + describe(*c) +
                                                  " after " + std::to_string(c->next - 1) + " packets, reason " +
                                                  gbt27930::describe(cm->reason),
                                              now, cm->reason)});
        close(c);
        return true;
    }
    }
    return true;
}

void TpMonitor::poll(std::chrono::microseconds now, std::vector<TpEvent>& events) {
    if (!m_checkTimers) return;
    for (std::size_t i = 0; i < m_connections.size();) {
        Connection& c = m_connections[i];
        std::chrono::microseconds limit{};
        const char* what = "";
        switch (c.state) {
        case State::WaitCts: limit = m_timers.t3; what = "no CTS (sender's T3)"; break;
        case State::WaitData:
            limit = c.next == 1 || c.next == c.windowEnd + 1 ? m_timers.t2 : m_timers.t1;
            what = limit == m_timers.t1 ? "no TP.DT (T1)" : "no TP.DT (T2)";
            if (c.broadcast) { limit = m_timers.t1; what = "no TP.DT (T1)"; }
            break;
        case State::WaitAck: limit = m_timers.t3; what = "no EndOfMsgAck (sender's T3)"; break;
        }
        if (now - c.last > limit) {
            events.push_back({std::nullopt, error(c, TpErrorKind::Timeout,
                                                  std::string(what) + " within " + msText(limit) + " in " + describe(c),
                                                  c.last + limit)});
            m_connections.erase(m_connections.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
}

void TpMonitor::finish(std::vector<TpEvent>& events) {
    for (const auto& c : m_connections) {
        if (c.state == State::WaitAck)
            events.push_back({std::nullopt, error(c, TpErrorKind::UnexpectedControl,
                                                  "the trace ends before the EndOfMsgAck of " + describe(c), c.last)});
        else
            events.push_back({std::nullopt, error(c, TpErrorKind::MissingPackets,
                                                  "the trace ends after " + std::to_string(c.next - 1) + " of " +
                                                      describe(c),
                                                  c.last)});
    }
    m_connections.clear();
}

} // namespace v2gbench::protocols::gbt27930
