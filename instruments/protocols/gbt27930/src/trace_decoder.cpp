#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

#include <cstdio>
#include <ostream>

namespace v2gbench::protocols::gbt27930 {

namespace {

// The shared walk over a trace; Sink receives each entry (or nothing in the counting path).
template <bool Record>
void walk(const TraceLog& log, const DecodeOptions& options, DecodeReport& report) {
    const Codec codec(options.profile);
    const bool flattened = timestampsFlattened(log);
    TpMonitor monitor(options.timers, !flattened);
    std::vector<TpEvent> events;
    report.timestampsFlattened = flattened;
    if constexpr (Record) report.entries.reserve(log.frames.size());
    for (const auto& tf : log.frames) {
        const auto& frame = tf.frame;
        DecodedEntry entry;
        entry.line = tf.line;
        if constexpr (Record) entry.frame = frame;
        if (frame.error || frame.remote || !frame.extended) {
            entry.kind = frame.error ? EntryKind::ErrorFrame : EntryKind::Foreign;
            entry.phase = report.phases.phase();
            if constexpr (Record) report.entries.push_back(std::move(entry));
            continue;
        }
        const J1939Id id = J1939Id::fromCanId(frame.id);
        entry.direction = id.direction();
        events.clear();
        if (monitor.onFrame(frame, events)) {
            entry.kind = id.pgn == kPgnTpCm ? EntryKind::TpControl : EntryKind::TpData;
            if (entry.kind == EntryKind::TpControl) {
                if (auto cm = parseTpCm(frame)) {
                    if constexpr (Record) entry.note = describeTpCm(*cm);
                    if (cm->control == TpControl::Rts || cm->control == TpControl::Bam)
                        if (const MessageSpec* spec = findMessage(cm->pgn))
                            report.phases.onTransferStart(*spec, frame.timestamp, tf.line);
                }
            } else if constexpr (Record) {
                entry.note = "TP.DT " + std::to_string(frame.dlc ? frame.data[0] : 0);
            }
            for (auto& ev : events) {
                if (ev.error) {
                    if constexpr (Record) {
                        if (!entry.note.empty()) entry.note += "; ";
                        entry.note += std::string("TP error: ") + ev.error->message;
                    }
                    report.tpErrors.push_back(std::move(*ev.error));
                    report.tpErrorLines.push_back(tf.line);
                }
                if (ev.message) {
                    if (const MessageSpec* spec = findMessage(ev.message->pgn)) {
                        J1939Id mid{spec->priority, spec->pgn, ev.message->destination, ev.message->source};
                        DecodedMessage m = codec.decode(*spec, ev.message->data, mid);
                        report.phases.onMessage(m, frame.timestamp, tf.line);
                        ++report.messages;
                        ++report.reassembled;
                        if constexpr (Record) {
                            entry.message = std::move(m);
                            entry.reassembled = true;
                        }
                    }
                    if constexpr (Record) report.transfers.push_back(std::move(*ev.message));
                }
            }
        } else if (const MessageSpec* spec = findMessage(id.pgn)) {
            entry.kind = EntryKind::Message;
            auto m = codec.decode(frame);
            report.phases.onMessage(*m, frame.timestamp, tf.line);
            ++report.messages;
            if constexpr (Record) entry.message = std::move(m);
            (void)spec;
        } else {
            entry.kind = EntryKind::Foreign;
        }
        entry.phase = report.phases.phase();
        if constexpr (Record) report.entries.push_back(std::move(entry));
    }
    events.clear();
    monitor.finish(events);
    for (auto& ev : events)
        if (ev.error) {
            report.tpErrors.push_back(std::move(*ev.error));
            report.tpErrorLines.push_back(log.frames.empty() ? 0 : log.frames.back().line);
        }
}

std::string seconds(std::chrono::microseconds t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(t.count()) / 1e6);
    return buf;
}

} // namespace

std::string describeTpCm(const TpConnectionManagement& cm) {
    const MessageSpec* spec = findMessage(cm.pgn);
    std::string what = spec ? spec->name : "PGN " + formatPgn(cm.pgn);
    switch (cm.control) {
    case TpControl::Rts:
        return "TP.CM RTS " + what + " " + std::to_string(cm.size) + " bytes, " + std::to_string(cm.packets) + " packets";
    case TpControl::Cts:
        return "TP.CM CTS " + what + " " + std::to_string(cm.packets) + " packets from " + std::to_string(cm.nextSequence);
    case TpControl::EndOfMsgAck:
        return "TP.CM EndOfMsgAck " + what + " " + std::to_string(cm.size) + " bytes, " + std::to_string(cm.packets) +
               " packets";
    case TpControl::Bam:
        return "TP.CM BAM " + what + " " + std::to_string(cm.size) + " bytes, " + std::to_string(cm.packets) + " packets";
    case TpControl::Abort: return "TP.CM Conn_Abort " + what + ", reason " + describe(cm.reason);
    }
    return "TP.CM";
}

DecodeReport decodeLog(const TraceLog& log, const DecodeOptions& options) {
    DecodeReport report;
    report.path = log.path;
    report.format = log.format;
    report.profile = options.profile;
    report.problems = log.problems;
    walk<true>(log, options, report);
    return report;
}

DecodeReport decodeTrace(const std::string& path, const DecodeOptions& options) {
    return decodeLog(readTrace(path), options);
}

std::size_t decodeCount(const TraceLog& log, const DecodeOptions& options) {
    DecodeReport report;
    walk<false>(log, options, report);
    return report.messages;
}

void printDecoded(const DecodeReport& r, std::ostream& out) {
    out << "# " << r.path << " (" << toString(r.format) << "), " << r.entries.size() << " frames, " << r.messages
        << " GB/T 27930 messages (" << r.reassembled << " reassembled from TP), profile "
        << (r.profile == Profile::Strict2015 ? "strict 2015" : "tolerant") << "\n";
    if (r.timestampsFlattened) out << "# timestamps are flattened to one value: times and TP timers cannot be judged\n";
    for (const auto& p : r.problems) out << "# malformed line " << p.line << ": " << p.message << "\n";
    for (const auto& e : r.entries) {
        out << seconds(e.frame.timestamp) << "  L" << e.line << "  " << toString(e.direction) << "  ";
        if (e.message) {
            const auto& m = *e.message;
            out << m.spec->name << (e.reassembled ? " (reassembled, " + std::to_string(m.length) + " bytes)" : "") << "  ["
                << toString(e.phase) << "]";
            for (const auto& f : m.fields) {
                if (!f.present) continue;
                out << "  " << f.name() << "=" << f.formatValue();
            }
            for (const auto& i : m.issues) out << "  {" << toString(i.severity) << ": " << i.text << "}";
            if (!e.note.empty()) out << "  (" << e.note << ")";
        } else {
            switch (e.kind) {
            case EntryKind::TpControl:
            case EntryKind::TpData: out << e.note << "  [" << toString(e.phase) << "]"; break;
            case EntryKind::ErrorFrame: out << "CAN error frame " << transports::toCanUtilsString(e.frame); break;
            default: out << "not GB/T 27930: " << transports::toCanUtilsString(e.frame); break;
            }
        }
        out << "\n";
    }
    for (const auto& t : r.tpErrors) out << "# TP " << toString(t.kind) << ": " << t.message << "\n";
}

} // namespace v2gbench::protocols::gbt27930
