#pragma once
// The EV profile: the vehicle the EV emulator presents to the charger (GB/T 27930 BRM/BHM/BCP:
// battery type, capacity, voltages, limits, SoC, VIN). A YAML file (testplans/evs/*.yaml) named
// by `--ev` or the bench profile's `ev_profile:`; its values reach the EV emulator's driver as
// session settings "ev.<key>" with their units ("ev.rated_voltage" = "350 V").
#include <map>
#include <string>

namespace v2gbench::bench {

struct EvProfile {
    std::string id;
    std::string title;
    std::string file;
    std::string sourceText;
    std::map<std::string, std::string> settings; // "ev.battery_type" → "LFP", "ev.rated_voltage" → "350 V"
};

// Throws core::ConfigError at file:line:column (unknown keys, wrong units, unknown battery type,
// a SoC outside 0–100 %, a VIN that is not 17 characters).
EvProfile loadEvProfile(const std::string& path);

} // namespace v2gbench::bench
