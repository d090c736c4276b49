#pragma once
// The EV profile's session settings ("ev.rated_voltage" = "350 V", see bench/ev_profile.hpp) as
// the BMS emulator's configuration. Keys not given keep the emulator's defaults.
#include "v2gbench/core/session_context.hpp"
#include "v2gbench/protocols/gbt27930/bms_state_machine.hpp"

namespace v2gbench::sim {

// Throws std::invalid_argument naming the setting for a value that does not parse.
protocols::gbt27930::BmsConfig bmsConfigFromSettings(const core::SessionContext& session);

} // namespace v2gbench::sim
