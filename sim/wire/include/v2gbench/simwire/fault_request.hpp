#pragma once
// One validation of a fault request for both ways to inject one — the control port's
// `fault <service> <kind> [value]` and v2gbench-sim's `--fault NAME:KIND[:VALUE]` — so both
// accept and refuse the same requests with the same text (issue 9: `--fault can-hub:delay:-5`
// was accepted at start and refused on the control port). Numbers are parsed strictly: the whole
// token, decimal digits only, range-checked; nothing is clamped.
#include "v2gbench/simwire/fault_injector.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::simwire {

// A service and the fault kinds it implements.
struct FaultTarget {
    std::string service;
    std::vector<FaultKind> kinds;
};

inline constexpr int kMaxDelayMs = 3'600'000; // an hour: longer than any driver timeout

// `text` as a whole decimal number in [min, max] (no sign for min >= 0, no blanks, no '+'),
// nullopt otherwise.
std::optional<std::uint64_t> parseUnsigned(std::string_view text, std::uint64_t min, std::uint64_t max);

// Throws std::invalid_argument with the reason ("no service 'x'", "usage: ...", "delay needs a
// time in ms, 1..3600000: '-5' is not one", "grid-scpi does not implement modbus-exception
// (it implements drop, delay, garbage, stall)").
Fault parseFaultRequest(const std::string& service, const std::string& kind, const std::optional<std::string>& value,
                        const std::vector<FaultTarget>& targets);

// "drop|delay <ms>|garbage|modbus-exception <code>|stall"
std::string faultUsage();

} // namespace v2gbench::simwire
