#pragma once
// The EV profile's session settings ("ev.rated_voltage" = "350 V", see bench/ev_profile.hpp) as
// the BMS emulator's configuration. Keys not given keep the emulator's defaults.
#include "v2gbench/core/session_context.hpp"
#include "v2gbench/protocols/gbt27930/bms_state_machine.hpp"

#include <map>
#include <string>

namespace v2gbench::sim {

// Throws std::invalid_argument naming the setting for a value that does not parse.
protocols::gbt27930::BmsConfig bmsConfigFromSettings(const core::SessionContext& session);

// The configuration as ev.* settings, in the EV profile's units: what the emulator was given,
// read back for the run folder.
std::map<std::string, std::string> evSettingsOf(const protocols::gbt27930::BmsConfig& config);

} // namespace v2gbench::sim
