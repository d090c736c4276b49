#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"

#include "v2gbench/protocols/gbt27930/session_timing.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

#include <cstdio>
#include <string_view>
#include <utility>

namespace v2gbench::protocols::gbt27930 {

namespace {

const char* tpName(TpControl control) {
    switch (control) {
    case TpControl::Rts: return "TP.CM_RTS";
    case TpControl::Cts: return "TP.CM_CTS";
    case TpControl::EndOfMsgAck: return "TP.CM_EndOfMsgAck";
    case TpControl::Bam: return "TP.CM_BAM";
    case TpControl::Abort: return "TP.Conn_Abort";
    }
    return "TP.CM_?";
}

std::string hex(const transports::CanFrame& frame) {
    std::string out;
    char buf[4];
    for (std::size_t i = 0; i < frame.dlc && i < frame.data.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%02X", i ? " " : "", frame.data[i]);
        out += buf;
    }
    return out;
}

std::string canId(const transports::CanFrame& frame) {
    char buf[16];
    std::snprintf(buf, sizeof buf, frame.extended ? "0x%08X" : "0x%03X", static_cast<unsigned>(frame.id));
    return buf;
}

void addProblem(core::BusMessage& m, const std::string& text) {
    if (text.empty()) return;
    if (!m.problem.empty()) m.problem += "; ";
    m.problem += text;
}

core::BusField numberField(std::string name, double value, std::string text) {
    return core::BusField{std::move(name), value, "", std::move(text), true};
}

// Status-like fields that read "all is well" are left out of the summary.
bool quiet(const core::BusField& f, bool status) {
    if (!f.available) return true;
    return status && f.value == 0 && (f.text.rfind("normal", 0) == 0 || f.text.rfind("no ", 0) == 0);
}

} // namespace

const char* busParty(std::uint8_t address) {
    if (address == kChargerAddress) return "charger";
    if (address == kBmsAddress) return "ev";
    return "?";
}

std::string summarize(const core::BusMessage& message) { return summarize(message, {}); }

std::string summarize(const core::BusMessage& message, const std::string& detail) {
    // The receiver is not part of BusMessage: GB/T 27930 is point-to-point, so it is the other side.
    const std::string receiver = message.sender == "charger" ? "ev" : message.sender == "ev" ? "charger" : "?";
    char time[32];
    std::snprintf(time, sizeof time, "%.3f s", message.time);
    std::string out = std::string(time) + " " + message.sender + "→" + receiver + " " + message.name + " ";
    const MessageSpec* spec = findMessage(message.name);
    std::string fields;
    bool anyStatus = false;
    for (const core::BusField& f : message.fields) {
        bool status = false;
        if (spec)
            for (const FieldSpec& fs : spec->fields)
                if (f.name == fs.name) status = fs.kind == FieldKind::Status2;
        anyStatus = anyStatus || status;
        if (quiet(f, status)) continue;
        fields += (fields.empty() ? " " : ", ") + f.name + "=" + f.text;
    }
    if (fields.empty() && anyStatus) fields = " all normal";
    out += detail.empty() ? fields : " " + detail;
    if (!message.problem.empty()) out += "  [" + message.problem + "]";
    return out;
}

BusMessageDecoder::BusMessageDecoder(Profile profile, TpTimers timers) : m_codec(profile), m_monitor(timers, true) {}

core::BusMessage BusMessageDecoder::fromDecoded(const DecodedMessage& message, double time, std::uint8_t source,
                                                std::uint8_t) const {
    core::BusMessage out;
    out.time = time;
    out.name = message.spec ? message.spec->name : "?";
    out.sender = busParty(source);
    out.length = message.length;
    for (const DecodedField& f : message.fields) {
        const bool raw = f.spec && (f.spec->kind == FieldKind::Enum || f.spec->kind == FieldKind::Status2);
        out.fields.push_back(core::BusField{f.name(), raw ? static_cast<double>(f.raw) : f.value,
                                            f.spec ? symbol(f.spec->unit) : "", f.formatValue(),
                                            f.available && f.present});
    }
    for (const CodecIssue& issue : message.issues) {
        // Layout findings: every warning and error, and the 2011 layout even where a tolerant
        // decoder only notes it. A frame that carries every field but omits trailing fill (CCS in
        // 7 bytes, as public firmware sends it) is not one.
        const bool layoutFinding = issue.severity != Severity::Note || message.layout == Layout::Gbt2011;
        if (issue.severity != Severity::Note) addProblem(out, std::string(toString(issue.severity)) + ": " + issue.text);
        if (layoutFinding) out.layout += (out.layout.empty() ? "" : "; ") + issue.text;
    }
    return out;
}

void BusMessageDecoder::feed(const transports::CanFrame& received, double benchTime,
                             std::vector<core::BusMessage>& out) {
    transports::CanFrame frame = received;
    frame.timestamp = toMicros(benchTime);
    const std::size_t first = out.size();
    m_events.clear();
    m_monitor.poll(frame.timestamp, m_events); // timers that expired before this frame

    std::vector<std::string> details; // per record appended here: replaces the field list in the summary
    core::BusMessage m;
    m.time = benchTime;
    m.length = frame.dlc;
    m.name = "?";
    m.sender = "?";
    if (frame.error || frame.remote || !frame.extended) {
        if (frame.error) m.problem = "CAN error frame";
        details.push_back("id " + canId(frame) + " [" + std::to_string(frame.dlc) + "] " + hex(frame));
        out.push_back(std::move(m));
    } else {
        const J1939Id id = J1939Id::fromCanId(frame.id);
        m.sender = busParty(id.source);
        if (m_monitor.onFrame(frame, m_events)) {
            if (id.pgn == kPgnTpCm) {
                std::string why;
                if (auto cm = parseTpCm(frame, &why)) {
                    m.name = tpName(cm->control);
                    const MessageSpec* spec = findMessage(cm->pgn);
                    m.fields.push_back(numberField("PGN", cm->pgn,
                                                   (spec ? std::string(spec->name) + " " : std::string()) + "(" +
                                                       formatPgn(cm->pgn) + ")"));
                    if (cm->control == TpControl::Rts || cm->control == TpControl::EndOfMsgAck ||
                        cm->control == TpControl::Bam) {
                        m.fields.push_back(numberField("size", cm->size, std::to_string(cm->size) + " bytes"));
                        m.fields.push_back(numberField("packets", cm->packets, std::to_string(cm->packets)));
                    } else if (cm->control == TpControl::Cts) {
                        m.fields.push_back(numberField("packets", cm->packets, std::to_string(cm->packets)));
                        m.fields.push_back(
                            numberField("next sequence", cm->nextSequence, std::to_string(cm->nextSequence)));
                    } else {
                        m.fields.push_back(
                            numberField("reason", static_cast<double>(cm->reason), describe(cm->reason)));
                    }
                    details.push_back(describeTpCm(*cm).substr(std::string_view("TP.CM ").size())); // "RTS BRM 49 bytes, ..."
                } else {
                    m.name = "TP.CM_?";
                    addProblem(m, why);
                    details.push_back(hex(frame));
                }
            } else {
                m.name = "TP.DT";
                const unsigned sequence = frame.dlc ? frame.data[0] : 0;
                m.fields.push_back(numberField("sequence", sequence, std::to_string(sequence)));
                details.push_back("sequence " + std::to_string(sequence) + ": " + hex(frame));
            }
            out.push_back(std::move(m));
            for (TpEvent& ev : m_events) {
                if (!ev.message) continue;
                const MessageSpec* spec = findMessage(ev.message->pgn);
                if (!spec) continue; // a transfer of a foreign PGN: its TP frames were reported
                const J1939Id mid{spec->priority, spec->pgn, ev.message->destination, ev.message->source};
                core::BusMessage whole =
                    fromDecoded(m_codec.decode(*spec, ev.message->data, mid), benchTime, ev.message->source,
                                ev.message->destination);
                details.emplace_back();
                out.push_back(std::move(whole));
            }
        } else if (findMessage(id.pgn)) {
            const auto decoded = m_codec.decode(frame);
            core::BusMessage single = fromDecoded(*decoded, benchTime, id.source, id.destination);
            details.emplace_back();
            out.push_back(std::move(single));
        } else {
            details.push_back("id " + canId(frame) + " PGN " + formatPgn(id.pgn) + " [" + std::to_string(frame.dlc) +
                              "] " + hex(frame));
            out.push_back(std::move(m));
        }
    }
    // TP errors (from the timers or from this frame) belong to the first record of this frame.
    for (const TpEvent& ev : m_events)
        if (ev.error) addProblem(out[first], std::string("TP ") + toString(ev.error->kind) + ": " + ev.error->message);
    for (std::size_t i = first; i < out.size(); ++i) out[i].summary = summarize(out[i], details[i - first]);
}

} // namespace v2gbench::protocols::gbt27930
