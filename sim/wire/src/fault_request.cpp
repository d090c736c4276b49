#include "v2gbench/simwire/fault_request.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace v2gbench::simwire {

std::optional<std::uint64_t> parseUnsigned(std::string_view text, std::uint64_t min, std::uint64_t max) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt; // out of range included
    if (v < min || v > max) return std::nullopt;
    return v;
}

std::string faultUsage() { return "drop|delay <ms>|garbage|modbus-exception <code>|stall"; }

Fault parseFaultRequest(const std::string& service, const std::string& kindText,
                        const std::optional<std::string>& value, const std::vector<FaultTarget>& targets) {
    const auto kind = faultKindFromString(kindText);
    if (service.empty() || !kind)
        throw std::invalid_argument("usage: fault <service> " + faultUsage() +
                                    (kindText.empty() ? "" : " ('" + kindText + "' is no fault kind)"));
    const auto target = std::find_if(targets.begin(), targets.end(), [&](const FaultTarget& t) { return t.service == service; });
    if (target == targets.end()) throw std::invalid_argument("no service '" + service + "'");
    if (std::find(target->kinds.begin(), target->kinds.end(), *kind) == target->kinds.end()) {
        std::string kinds;
        for (auto k : target->kinds) kinds += (kinds.empty() ? "" : ", ") + toString(k);
        throw std::invalid_argument(service + " does not implement " + kindText +
                                    (kinds.empty() ? " (it takes no faults)" : " (it implements " + kinds + ")"));
    }
    Fault fault{*kind, 0};
    switch (*kind) {
    case FaultKind::DelayReplies: {
        const auto ms = value ? parseUnsigned(*value, 1, kMaxDelayMs) : std::nullopt;
        if (!ms)
            throw std::invalid_argument("delay needs a time in ms, 1.." + std::to_string(kMaxDelayMs) +
                                        (value ? ": '" + *value + "' is not one" : ""));
        fault.value = static_cast<int>(*ms);
        break;
    }
    case FaultKind::ModbusException: {
        const auto code = value ? parseUnsigned(*value, 1, 255) : std::nullopt;
        if (!code)
            throw std::invalid_argument("modbus-exception needs a code 1..255" +
                                        (value ? ": '" + *value + "' is not one" : std::string()));
        fault.value = static_cast<int>(*code);
        break;
    }
    case FaultKind::DropConnection:
    case FaultKind::Garbage:
    case FaultKind::StallStream:
        if (value) throw std::invalid_argument(kindText + " takes no value (got '" + *value + "')");
        break;
    }
    return fault;
}

} // namespace v2gbench::simwire
