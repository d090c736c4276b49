#include "v2gbench/protocols/gbt27930/charger_fault_rules.hpp"

#include "fault_rule_text.hpp"

#include "v2gbench/protocols/gbt27930/ev_fault_rules.hpp"
#include "v2gbench/protocols/gbt27930/j1939_id.hpp"
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace v2gbench::protocols::gbt27930 {

namespace {

using K = core::EvFaultKind;

// The messages the charger state machine sends, and the vehicle's TP messages it receives.
constexpr std::string_view kChargerMessages[] = {"CHM", "CRM", "CTS", "CML", "CRO", "CCS", "CST", "CSD", "CEM"};
constexpr std::string_view kReceivedTpMessages[] = {"BRM", "BCP", "BCS"};
constexpr std::string_view kTpBreakModes[] = {"no-cts", "abort"};

using fault_text::quotedList;

[[noreturn]] void reject(const core::EvFault& fault, const std::string& why) { fault_text::reject("charger", fault, why); }

bool listed(std::span<const std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

const MessageSpec* requireMessage(const core::EvFault& fault, const std::string& name,
                                  std::span<const std::string_view> allowed, const char* who) {
    if (name.empty()) reject(fault, "no message given (one of " + quotedList(allowed) + ")");
    const MessageSpec* spec = findMessage(name);
    if (!spec) {
        std::vector<std::string_view> all;
        for (const MessageSpec& m : messageTable()) all.emplace_back(m.name);
        reject(fault, "unknown GB/T 27930 message \"" + name + "\"" + didYouMean(name, all) + "; " + who + " " +
                          quotedList(allowed));
    }
    if (!listed(allowed, name)) reject(fault, "not applicable: " + name + " is not one of " + quotedList(allowed));
    return spec;
}

const FieldSpec* findField(const MessageSpec& spec, std::string_view name) {
    for (const FieldSpec& f : spec.fields)
        if (name == f.name) return &f;
    return nullptr;
}

void writeField(transports::CanFrame& frame, const FieldSpec& field, std::uint64_t raw) {
    for (unsigned i = 0; i < field.bitLength; ++i) {
        const std::size_t bit = field.bitOffset + i;
        if (bit / 8 >= frame.dlc) continue;
        std::uint8_t& target = frame.data[bit / 8];
        const auto mask = static_cast<std::uint8_t>(1u << (bit % 8));
        target = static_cast<std::uint8_t>(((raw >> i) & 1u) ? (target | mask) : (target & ~mask));
    }
}

} // namespace

void validateChargerFault(const core::EvFault& fault) {
    const char* sends = "the charger sends";
    const bool timed = fault.kind == K::Silence || fault.kind == K::Substitute || fault.kind == K::Corrupt ||
                       fault.kind == K::WrongDlc;
    if (timed && (!(fault.after.value >= 0.0) || !std::isfinite(fault.after.value)))
        reject(fault, "'after' must be a time >= 0, not " + std::to_string(fault.after.value));
    if (!timed && fault.after.value != 0.0)
        reject(fault, "'after' is applied to silence, substitute, corrupt and dlc only");
    switch (fault.kind) {
    case K::Silence: requireMessage(fault, fault.message, kChargerMessages, sends); return;
    case K::WrongDlc:
        requireMessage(fault, fault.message, kChargerMessages, sends);
        if (fault.dlc < 0 || fault.dlc > 8)
            reject(fault, "dlc " + std::to_string(fault.dlc) + " is not a CAN data length (0..8)");
        return;
    case K::Substitute:
        requireMessage(fault, fault.message, kChargerMessages, sends);
        requireMessage(fault, fault.with, kChargerMessages, sends);
        if (fault.with == fault.message) reject(fault, "substitute needs another message than " + fault.message);
        return;
    case K::Corrupt: {
        const MessageSpec* spec = requireMessage(fault, fault.message, kChargerMessages, sends);
        const FieldSpec* field = findField(*spec, fault.field);
        if (!field) {
            std::vector<std::string_view> names;
            for (const FieldSpec& f : spec->fields) names.emplace_back(f.name);
            reject(fault, "unknown field \"" + fault.field + "\"" + didYouMean(fault.field, names) + "; " +
                              fault.message + " has " + quotedList(names));
        }
        const double maxRaw = std::ldexp(1.0, std::min<int>(field->bitLength, 52)) - 1.0;
        if (!(fault.value >= 0.0) || fault.value > maxRaw || std::floor(fault.value) != fault.value)
            reject(fault, "raw value " + std::to_string(fault.value) + " does not fit field \"" + fault.field + "\" (" +
                              std::to_string(field->bitLength) + " bits)");
        return;
    }
    case K::BreakTransport:
        requireMessage(fault, fault.message, kReceivedTpMessages, "the charger receives by TP");
        if (!listed(kTpBreakModes, fault.mode))
            reject(fault, "unknown mode \"" + fault.mode + "\"; the charger emulator breaks a transfer with " +
                              quotedList(kTpBreakModes));
        return;
    case K::Period:
    case K::Delay:
    case K::SendBem:
    case K::StopAnswering:
    case K::Stale: break;
    }
    reject(fault, "not applicable: the charger emulator applies silence, substitute, corrupt, dlc and tp_break "
                  "(kind " + core::toString(fault.kind) + " is the EV emulator's)");
}

void ChargerFaultFilter::add(const core::EvFault& fault) {
    validateChargerFault(fault);
    std::erase_if(m_faults, [&](const core::EvFault& f) { return f.kind == fault.kind && f.message == fault.message; });
    m_faults.push_back(fault);
    m_firstSent.erase(fault.message); // `after` counts from the first frame since the fault was set
}

const core::EvFault* ChargerFaultFilter::find(core::EvFaultKind kind, std::string_view message,
                                              std::chrono::microseconds sent) const {
    for (const auto& f : m_faults)
        if (f.kind == kind && f.message == message) {
            const auto first = m_firstSent.find(message);
            const double since = first == m_firstSent.end() ? 0.0 : std::chrono::duration<double>(sent - first->second).count();
            return since >= f.after.value - 1e-9 ? &f : nullptr;
        }
    return nullptr;
}

std::optional<transports::CanFrame> ChargerFaultFilter::apply(transports::CanFrame frame) {
    if (m_faults.empty() || !frame.extended) return frame;
    const J1939Id id = J1939Id::fromCanId(frame.id);
    if (id.pgn == kPgnTpCm) {
        const auto cm = parseTpCm(frame);
        if (!cm || (cm->control != TpControl::Cts && cm->control != TpControl::EndOfMsgAck)) return frame;
        const MessageSpec* spec = findMessage(cm->pgn);
        if (!spec) return frame;
        const core::EvFault* f = find(K::BreakTransport, spec->name, frame.timestamp);
        if (!f) return frame;
        if (f->mode == "no-cts" || cm->control == TpControl::EndOfMsgAck) return std::nullopt;
        TpConnectionManagement abort;
        abort.control = TpControl::Abort;
        abort.reason = AbortReason::NoResources;
        abort.pgn = cm->pgn;
        return makeTpCm(kChargerAddress, kBmsAddress, abort, frame.timestamp);
    }
    const MessageSpec* spec = findMessage(id.pgn);
    if (!spec || spec->direction != Direction::ChargerToBms) return frame;
    const std::string_view name = spec->name;
    const auto sent = frame.timestamp;
    m_firstSent.try_emplace(std::string(name), sent);
    if (find(K::Silence, name, sent)) return std::nullopt;
    if (const core::EvFault* f = find(K::Substitute, name, sent)) {
        transports::CanFrame instead = m_codec.encodeFrame(f->with, FieldValues());
        instead.timestamp = frame.timestamp;
        return instead;
    }
    if (const core::EvFault* f = find(K::Corrupt, name, sent))
        writeField(frame, *findField(*spec, f->field), static_cast<std::uint64_t>(f->value));
    if (const core::EvFault* f = find(K::WrongDlc, name, sent)) {
        const auto dlc = static_cast<std::size_t>(f->dlc);
        // Bytes past the old length are the GB/T 27930 fill (0xFF); bytes cut off are no longer sent.
        for (std::size_t i = frame.dlc; i < dlc; ++i) frame.data[i] = 0xFF;
        for (std::size_t i = dlc; i < frame.data.size(); ++i) frame.data[i] = 0;
        frame.dlc = static_cast<std::uint8_t>(dlc);
    }
    return frame;
}

} // namespace v2gbench::protocols::gbt27930
