#include "v2gbench/protocols/gbt27930/session_core.hpp"

#include "v2gbench/protocols/gbt27930/session_fields.hpp"

#include <stdexcept>
#include <utility>

namespace v2gbench::protocols::gbt27930 {

bool SessionCore::advance(double now) {
    m_now = now;
    if (m_started) return false;
    m_started = true;
    return true;
}

void SessionCore::entered(double now, std::initializer_list<Periodic*> periodics) {
    m_enteredAt = now;
    for (Periodic* p : periodics) p->restart();
}

void SessionCore::send(transports::CanFrame frame, double now) {
    frame.timestamp = toMicros(now);
    m_out.push_back(frame);
}

void SessionCore::send(std::string_view message, const FieldValues& values, double now) {
    send(m_codec.encodeFrame(message, values), now);
}

void SessionCore::sendStatus(std::string_view message, std::string_view active, double now) {
    send(m_codec.encodeFrame(message, statusFields(message, active)), now);
}

std::vector<transports::CanFrame> SessionCore::takeOutgoing() { return std::exchange(m_out, {}); }

bool SessionCore::countTimeout(std::string reason) {
    m_lastTimeout = std::move(reason);
    ++m_timeouts;
    return m_timeouts >= kMaxTimeouts;
}

void requireStatusField(std::string_view message, std::string_view field) {
    const MessageSpec* spec = findMessage(message);
    if (!spec) throw std::invalid_argument("unknown GB/T 27930 message \"" + std::string(message) + "\"");
    std::string names;
    for (const FieldSpec& f : spec->fields) {
        if (f.kind != FieldKind::Status2) continue;
        if (field == f.name) return;
        names += names.empty() ? "" : ", ";
        names += std::string("\"") + f.name + "\"";
    }
    throw std::invalid_argument("\"" + std::string(field) + "\" is not a status field of " + std::string(message) +
                                " (valid: " + names + ")");
}

} // namespace v2gbench::protocols::gbt27930
