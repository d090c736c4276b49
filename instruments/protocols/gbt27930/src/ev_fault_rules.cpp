#include "v2gbench/protocols/gbt27930/ev_fault_rules.hpp"

#include "fault_rule_text.hpp"

#include "v2gbench/core/closest_match.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

namespace {

// The messages the BMS state machine sends (BMV, BMT, BSP are optional and not sent).
constexpr std::string_view kEvMessages[] = {"BHM", "BRM", "BCP", "BRO", "BCL", "BCS", "BSM", "BST", "BSD", "BEM"};
constexpr std::string_view kPhaseNames[] = {"handshake", "configuration", "charging", "end"};
// What a stale fault can repeat: the messages a BMS sends while it waits for the charger, and BCL
// for the charging state (BCL, BCS, BSM go on whatever the charger does: no CCS timeout).
constexpr std::string_view kStaleMessages[] = {"BHM", "BRM", "BCP", "BCL"};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> out;
    std::string word;
    for (char c : s + " ") {
        if (c == ' ') {
            if (!word.empty()) out.push_back(std::exchange(word, {}));
        } else {
            word += c;
        }
    }
    return out;
}

using fault_text::quotedList;

[[noreturn]] void reject(const core::EvFault& fault, const std::string& why) { fault_text::reject("EV", fault, why); }

std::vector<std::string_view> fieldNames(const MessageSpec& spec, bool statusOnly) {
    std::vector<std::string_view> names;
    for (const FieldSpec& f : spec.fields)
        if (!statusOnly || f.kind == FieldKind::Status2) names.emplace_back(f.name);
    return names;
}

const FieldSpec* findField(const MessageSpec& spec, std::string_view name) {
    for (const FieldSpec& f : spec.fields)
        if (name == f.name) return &f;
    return nullptr;
}

const MessageSpec* requireEvMessage(const core::EvFault& fault) {
    if (fault.message.empty()) reject(fault, "no message given (one of " + quotedList(kEvMessages) + ")");
    const MessageSpec* spec = findMessage(fault.message);
    if (!spec) {
        std::vector<std::string_view> all;
        for (const MessageSpec& m : messageTable()) all.emplace_back(m.name);
        reject(fault, "unknown GB/T 27930 message \"" + fault.message + "\"" + didYouMean(fault.message, all) +
                          "; the EV sends " + quotedList(kEvMessages));
    }
    if (spec->direction != Direction::BmsToCharger)
        reject(fault, "not applicable: " + fault.message + " is sent by the charger, not the EV");
    if (std::find(std::begin(kEvMessages), std::end(kEvMessages), fault.message) == std::end(kEvMessages))
        reject(fault, "not applicable: " + fault.message + " is optional and this EV emulator does not send it");
    return spec;
}

} // namespace

std::optional<TpBreakMode> tpBreakModeFromName(std::string_view name) {
    for (std::size_t i = 0; i < kTpBreakModeNames.size(); ++i)
        if (name == kTpBreakModeNames[i]) return static_cast<TpBreakMode>(i);
    return std::nullopt;
}

std::optional<Phase> phaseFromName(std::string_view name) {
    if (name == "handshake") return Phase::Handshake;
    if (name == "configuration") return Phase::Configuration;
    if (name == "charging") return Phase::Charging;
    if (name == "end") return Phase::End;
    return std::nullopt;
}

std::string didYouMean(std::string_view given, std::span<const std::string_view> candidates) {
    const std::string g = lower(given);
    const auto gWords = words(g);
    // Close by meaning first (one contains the other, same words, same beginning), then by typing.
    std::vector<std::string_view> close, typo;
    for (std::string_view c : candidates) {
        const std::string l = lower(c);
        const auto lWords = words(l);
        const bool sameWords = std::all_of(gWords.begin(), gWords.end(), [&](const std::string& w) {
            return std::find(lWords.begin(), lWords.end(), w) != lWords.end();
        });
        std::size_t prefix = 0;
        while (prefix < g.size() && prefix < l.size() && g[prefix] == l[prefix]) ++prefix;
        if ((g.size() >= 3 && l.find(g) != std::string::npos) || (l.size() >= 3 && g.find(l) != std::string::npos) ||
            (!gWords.empty() && sameWords) || prefix >= 5)
            close.push_back(c);
        else if (core::editDistance(g, l) <= (g.size() <= 4 ? 1u : 2u))
            typo.push_back(c);
    }
    const auto& best = close.empty() ? typo : close;
    if (best.empty()) return {};
    std::string out = " (did you mean ";
    for (std::size_t i = 0; i < best.size(); ++i) out += (i ? " or " : "") + std::string(best[i]);
    return out + "?)";
}

const MessageSpec* validateEvFault(const core::EvFault& fault) {
    using K = core::EvFaultKind;
    switch (fault.kind) {
    case K::Silence: return requireEvMessage(fault);
    case K::Period: {
        const MessageSpec* spec = requireEvMessage(fault);
        const double period = fault.period.value;
        if (!(period > 0.0) || !std::isfinite(period))
            reject(fault, "period must be a positive number of seconds, not " + std::to_string(period));
        if (spec->multiPacket && period * 1000.0 < spec->periodMs)
            reject(fault, "not applicable: a multi-packet message (" + fault.message +
                              ") can only be slowed down, not sent faster than its " + std::to_string(spec->periodMs) +
                              " ms period");
        return spec;
    }
    case K::Delay: {
        const MessageSpec* spec = requireEvMessage(fault);
        const double delay = fault.delay.value;
        if (!(delay > 0.0) || !std::isfinite(delay))
            reject(fault, "delay must be a positive number of seconds, not " + std::to_string(delay));
        return spec;
    }
    case K::Corrupt: {
        const MessageSpec* spec = requireEvMessage(fault);
        const FieldSpec* field = findField(*spec, fault.field);
        if (!field) {
            const auto names = fieldNames(*spec, false);
            reject(fault, "unknown field \"" + fault.field + "\"" + didYouMean(fault.field, names) + "; " +
                              fault.message + " has " + quotedList(names));
        }
        if (field->bitLength > 52)
            reject(fault, "not applicable: field \"" + fault.field + "\" has " + std::to_string(field->bitLength) +
                              " bits; corrupt takes a raw number of at most 52 bits");
        const double maxRaw = std::ldexp(1.0, field->bitLength) - 1.0;
        if (!(fault.value >= 0.0) || fault.value > maxRaw || std::floor(fault.value) != fault.value)
            reject(fault, "raw value " + std::to_string(fault.value) + " does not fit field \"" + fault.field + "\" (" +
                              std::to_string(field->bitLength) + " bits: an integer 0.." +
                              std::to_string(static_cast<unsigned long long>(maxRaw)) + ")");
        if (!(fault.after.value >= 0.0) || !std::isfinite(fault.after.value))
            reject(fault, "after must be a time >= 0 s, not " + std::to_string(fault.after.value));
        return spec;
    }
    case K::WrongDlc: {
        const MessageSpec* spec = requireEvMessage(fault);
        if (fault.dlc < 0 || fault.dlc > 8) reject(fault, "dlc must be 0..8, not " + std::to_string(fault.dlc));
        if (spec->multiPacket)
            reject(fault, "not applicable: " + fault.message +
                              " travels by the transport protocol (use tp_break), not as one frame");
        return spec;
    }
    case K::BreakTransport: {
        const MessageSpec* spec = requireEvMessage(fault);
        if (!spec->multiPacket)
            reject(fault, "not applicable: " + fault.message +
                              " is a single-frame message; the multi-packet ones the EV sends are BRM, BCP and BCS");
        if (!tpBreakModeFromName(fault.mode))
            reject(fault, "unknown transport-protocol break mode \"" + fault.mode + "\"" +
                              didYouMean(fault.mode, kTpBreakModeNames) + "; valid: " + quotedList(kTpBreakModeNames));
        return spec;
    }
    case K::SendBem: {
        if (!fault.message.empty() && fault.message != "BEM")
            reject(fault, "a bem fault sends BEM; message must be empty or \"BEM\"");
        const MessageSpec* bem = findMessage("BEM");
        const auto names = fieldNames(*bem, true);
        if (std::find(names.begin(), names.end(), fault.field) == names.end())
            reject(fault, "unknown BEM field \"" + fault.field + "\"" + didYouMean(fault.field, names) + "; valid: " +
                              quotedList(names));
        return nullptr;
    }
    case K::Substitute: {
        const MessageSpec* spec = requireEvMessage(fault);
        core::EvFault instead = fault;
        instead.message = fault.with;
        if (fault.with.empty()) reject(fault, "no replacement given ('with': the message sent instead, e.g. BHM)");
        const MessageSpec* with = requireEvMessage(instead);
        if (with == spec) reject(fault, "the replacement must be another message than " + fault.message);
        if (with->multiPacket || with->name == std::string_view("BEM"))
            reject(fault, "not applicable: the replacement " + fault.with +
                              " must be a single-frame message other than BEM (BHM, BRO, BCL, BSM, BST, BSD)");
        return spec;
    }
    case K::Stale: {
        const MessageSpec* spec = requireEvMessage(fault);
        if (std::find(std::begin(kStaleMessages), std::end(kStaleMessages), fault.message) == std::end(kStaleMessages))
            reject(fault, "not applicable: the EV waits with " + quotedList(kStaleMessages) + " only; " + fault.message +
                              " cannot be kept stale");
        return spec;
    }
    case K::StopAnswering:
        if (!phaseFromName(fault.phase))
            reject(fault, "unknown phase \"" + fault.phase + "\"" + didYouMean(fault.phase, kPhaseNames) +
                              "; valid: " + quotedList(kPhaseNames));
        return nullptr;
    }
    reject(fault, "unknown fault kind");
}

} // namespace v2gbench::protocols::gbt27930
