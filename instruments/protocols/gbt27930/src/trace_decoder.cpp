#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

#include <charconv>
#include <cstdio>

namespace v2gbench::protocols::gbt27930 {

namespace {

void appendUnsigned(std::uint64_t v, std::string& out) {
    char buf[24];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    (void)ec;
    out.append(buf, p);
}

} // namespace

TraceDecoder::TraceDecoder(const DecodeOptions& options)
    : m_codec(options.profile), m_monitor(options.timers, options.checkTpTimers) {}

void TraceDecoder::noteTpError(TpError error, std::size_t line) {
    for (auto& g : m_tpErrors)
        if (g.first.kind == error.kind && g.first.pgn == error.pgn) {
            ++g.count;
            return;
        }
    m_tpErrors.push_back({std::move(error), line, 1}); // bounded: one per kind and PGN
}

const DecodedEntry& TraceDecoder::decode(const transports::TraceFrame& tf) {
    const transports::CanFrame& frame = tf.frame;
    if (m_frames == 0) m_firstTime = frame.timestamp;
    else if (frame.timestamp != m_firstTime) m_timesDiffer = true;
    ++m_frames;
    m_lastLine = tf.line;
    m_entryErrors.clear();
    DecodedEntry& entry = m_entry;
    entry.line = tf.line;
    entry.frame = frame;
    entry.direction = Direction::Other;
    if (entry.message) {
        m_spareMessage = std::move(*entry.message); // its buffers serve the next message
        entry.message.reset();
    }
    entry.reassembled = false;
    entry.note.clear();
    if (frame.error || frame.remote || !frame.extended) {
        entry.kind = frame.error ? EntryKind::ErrorFrame : EntryKind::Foreign;
        entry.phase = m_phases.phase();
        return entry;
    }
    const J1939Id id = J1939Id::fromCanId(frame.id);
    entry.direction = id.direction();
    m_events.clear();
    if (m_monitor.onFrame(frame, m_events)) {
        entry.kind = id.pgn == kPgnTpCm ? EntryKind::TpControl : EntryKind::TpData;
        if (entry.kind == EntryKind::TpControl) {
            if (auto cm = parseTpCm(frame)) {
                appendTpCm(*cm, entry.note);
                if (cm->control == TpControl::Rts || cm->control == TpControl::Bam)
                    if (const MessageSpec* spec = findMessage(cm->pgn))
                        m_phases.onTransferStart(*spec, frame.timestamp, tf.line);
            }
        } else {
            entry.note += "TP.DT ";
            appendUnsigned(frame.dlc ? frame.data[0] : 0, entry.note);
        }
        for (auto& ev : m_events) {
            if (ev.error) {
                if (!entry.note.empty()) entry.note += "; ";
                entry.note += std::string("TP error: ") + ev.error->message;
                m_entryErrors.push_back(*ev.error);
                noteTpError(std::move(*ev.error), tf.line);
            }
            if (ev.message) {
                if (const MessageSpec* spec = findMessage(ev.message->pgn)) {
                    J1939Id mid{spec->priority, spec->pgn, ev.message->destination, ev.message->source};
                    DecodedMessage m = m_codec.decode(*spec, ev.message->data, mid);
                    m_phases.onMessage(m, frame.timestamp, tf.line);
                    ++m_messages;
                    ++m_reassembled;
                    entry.message = std::move(m);
                    entry.reassembled = true;
                }
            }
        }
    } else if (findMessage(id.pgn)) {
        entry.kind = EntryKind::Message;
        entry.message.emplace(std::move(m_spareMessage));
        m_codec.decodeInto(frame, *entry.message);
        m_phases.onMessage(*entry.message, frame.timestamp, tf.line);
        ++m_messages;
    } else {
        entry.kind = EntryKind::Foreign;
    }
    entry.phase = m_phases.phase();
    return entry;
}

std::vector<TpError> TraceDecoder::finish() {
    m_events.clear();
    m_monitor.finish(m_events);
    std::vector<TpError> errors;
    for (auto& ev : m_events)
        if (ev.error) {
            errors.push_back(*ev.error);
            noteTpError(std::move(*ev.error), m_lastLine);
        }
    return errors;
}

void appendTpCm(const TpConnectionManagement& cm, std::string& out) {
    const MessageSpec* spec = findMessage(cm.pgn);
    const auto appendWhat = [&] {
        if (spec) out += spec->name;
        else out += "PGN " + formatPgn(cm.pgn);
    };
    const auto appendSizeAndPackets = [&] {
        out += ' ';
        appendUnsigned(cm.size, out);
        out += " bytes, ";
        appendUnsigned(cm.packets, out);
        out += " packets";
    };
    switch (cm.control) {
    case TpControl::Rts:
        out += "TP.CM RTS ";
        appendWhat();
        appendSizeAndPackets();
        return;
    case TpControl::Cts:
        out += "TP.CM CTS ";
        appendWhat();
        out += ' ';
        appendUnsigned(cm.packets, out);
        out += " packets from ";
        appendUnsigned(cm.nextSequence, out);
        return;
    case TpControl::EndOfMsgAck:
        out += "TP.CM EndOfMsgAck ";
        appendWhat();
        appendSizeAndPackets();
        return;
    case TpControl::Bam:
        out += "TP.CM BAM ";
        appendWhat();
        appendSizeAndPackets();
        return;
    case TpControl::Abort:
        out += "TP.CM Conn_Abort ";
        appendWhat();
        out += ", reason " + describe(cm.reason);
        return;
    }
    out += "TP.CM";
}

std::string describeTpCm(const TpConnectionManagement& cm) {
    std::string out;
    appendTpCm(cm, out);
    return out;
}

namespace {

// "%.6f" of the seconds without going through printf (the decode hot path).
void appendSeconds(std::chrono::microseconds t, std::string& out) {
    long long us = t.count();
    if (us < 0) {
        out += '-';
        us = -us;
    }
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, us / 1'000'000);
    (void)ec;
    out.append(buf, p);
    char frac[7] = {'.', '0', '0', '0', '0', '0', '0'};
    long long f = us % 1'000'000;
    for (int i = 6; i >= 1; --i, f /= 10) frac[i] = static_cast<char>('0' + f % 10);
    out.append(frac, 7);
}

} // namespace

void appendDecoded(const DecodedEntry& e, std::string& out) {
    appendSeconds(e.frame.timestamp, out);
    out += "  L";
    char buf[24];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, e.line);
    (void)ec;
    out.append(buf, p);
    out += "  ";
    out += toString(e.direction);
    out += "  ";
    if (e.message) {
        const auto& m = *e.message;
        out += m.spec->name;
        if (e.reassembled) out += " (reassembled, " + std::to_string(m.length) + " bytes)";
        out += "  [";
        out += toString(e.phase);
        out += ']';
        for (const auto& f : m.fields) {
            if (!f.present) continue;
            out += "  ";
            f.appendName(out);
            out += '=';
            f.appendValue(out);
        }
        for (const auto& i : m.issues) {
            out += "  {";
            out += toString(i.severity);
            out += ": ";
            out += i.text;
            out += '}';
        }
        if (!e.note.empty()) {
            out += "  (";
            out += e.note;
            out += ')';
        }
    } else {
        switch (e.kind) {
        case EntryKind::TpControl:
        case EntryKind::TpData:
            out += e.note;
            out += "  [";
            out += toString(e.phase);
            out += ']';
            break;
        case EntryKind::ErrorFrame: out += "CAN error frame " + transports::toCanUtilsString(e.frame); break;
        default: out += "not GB/T 27930: " + transports::toCanUtilsString(e.frame); break;
        }
    }
    out += '\n';
}

DecodeReport decodeFrames(std::span<const transports::TraceFrame> frames, DecodeOptions options) {
    DecodeReport report;
    report.profile = options.profile;
    bool flattened = frames.size() < 2;
    if (!flattened) {
        flattened = true;
        for (const auto& f : frames) flattened = flattened && f.frame.timestamp == frames.front().frame.timestamp;
    }
    report.timestampsFlattened = flattened;
    if (flattened) options.checkTpTimers = false;
    TraceDecoder decoder(options);
    report.entries.reserve(frames.size());
    for (const auto& f : frames) {
        report.entries.push_back(decoder.decode(f));
        for (const auto& e : decoder.entryTpErrors()) {
            report.tpErrors.push_back(e);
            report.tpErrorLines.push_back(f.line);
        }
    }
    for (auto& e : decoder.finish()) {
        report.tpErrors.push_back(std::move(e));
        report.tpErrorLines.push_back(frames.empty() ? 0 : frames.back().line);
    }
    report.phases = decoder.phases().changes();
    report.messages = decoder.messages();
    report.reassembled = decoder.reassembled();
    return report;
}

} // namespace v2gbench::protocols::gbt27930
