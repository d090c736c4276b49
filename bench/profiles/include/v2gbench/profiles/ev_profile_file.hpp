#pragma once
// An EV profile file (testplans/evs/*.yaml) read for what the EV emulator states: its values as
// session settings "ev.<key>" with their units, and its quantities in SI. The engine builds its
// EvProfile (the plans' vehicle.* names, bench/ev_profile.hpp) on it; the wire-level simulated lab
// (v2gbench-sim --ev) reads the same file through it without linking the engine.
#include "v2gbench/core/quantity.hpp"

#include <map>
#include <string>
#include <vector>

namespace v2gbench::bench {

// The profile's quantities: key, dimension, and the unit its setting is written in. One table for
// the reader, the plans' vehicle.* types and the did-you-mean hints.
struct EvQuantityKey {
    const char* name;
    core::Dimension dimension;
    const char* unit;
};
const std::vector<EvQuantityKey>& evProfileQuantities();

struct EvProfileFile {
    std::string id;
    std::string title;
    std::string file;
    std::string sourceText;                              // the very bytes parsed
    std::map<std::string, std::string> settings;         // "ev.battery_type" → "LFP", "ev.rated_voltage" → "350 V"
    std::map<std::string, core::Quantity> quantities;    // "max_charge_voltage" → 420 V, "soc" → 0.3, SI
};

// Throws core::ConfigError at file:line:column (unknown keys, wrong units, unknown battery type,
// a SoC outside 0–100 %, a VIN that is not 17 characters).
EvProfileFile loadEvProfileFile(const std::string& path);

} // namespace v2gbench::bench
