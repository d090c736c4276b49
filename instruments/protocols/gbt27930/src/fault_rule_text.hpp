#pragma once
// The wording both fault validators use (ev.fault, evse.fault), so that a rejected fault reads
// the same whichever emulator it was written for. Private to the protocol library.
#include "v2gbench/core/roles/ev_emulator.hpp"

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace v2gbench::protocols::gbt27930::fault_text {

// "\"CHM\", \"CRM\"".
inline std::string quotedList(std::span<const std::string_view> names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", \"" : "\"") + std::string(names[i]) + "\"";
    return out;
}

// Throws std::invalid_argument "<who> fault <kind> on <message>: <why>" (who: "EV", "charger").
[[noreturn]] inline void reject(std::string_view who, const core::EvFault& fault, const std::string& why) {
    throw std::invalid_argument(std::string(who) + " fault " + core::toString(fault.kind) +
                                (fault.message.empty() ? std::string() : " on " + fault.message) + ": " + why);
}

} // namespace v2gbench::protocols::gbt27930::fault_text
