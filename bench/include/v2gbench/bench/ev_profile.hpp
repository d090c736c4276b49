#pragma once
// The EV profile: the vehicle the EV emulator presents to the charger (GB/T 27930 BRM/BHM/BCP:
// battery type, capacity, voltages, limits, SoC, VIN). A YAML file (testplans/evs/*.yaml) named
// by `--ev` or the bench profile's `ev_profile:`; its values reach the EV emulator's driver as
// session settings "ev.<key>" with their units ("ev.rated_voltage" = "350 V"), and to plans as
// `vehicle.<key>` names (vehicle.max_charge_voltage = 420 V, the BHM/BCP maximum the vehicle states),
// so a plan tests each vehicle's own limits instead of a constant.
#include "v2gbench/bench/expression.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct EvProfile {
    std::string id;
    std::string title;
    std::string file;
    std::string sourceText;
    std::map<std::string, std::string> settings; // "ev.battery_type" → "LFP", "ev.rated_voltage" → "350 V"
    std::map<std::string, Value> values;         // "vehicle.max_charge_voltage" → 420 V (quantities only)

    // The profile's value of a vehicle.* name; nullopt when this profile does not set it.
    std::optional<Value> lookup(const std::string& name) const;
    // Static types of every vehicle.* name an EV profile can define (independent of a profile).
    static std::optional<ValueType> typeOf(const std::string& name);
    // Every vehicle.* name, for did-you-mean hints.
    static std::vector<std::string> names();
};

// Throws core::ConfigError at file:line:column (unknown keys, wrong units, unknown battery type,
// a SoC outside 0–100 %, a VIN that is not 17 characters).
EvProfile loadEvProfile(const std::string& path);

} // namespace v2gbench::bench
