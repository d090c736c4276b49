#pragma once
// The composition root's one place that names concrete drivers: every driver family the
// executables offer is registered here, explicitly.
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::app {

void registerAllDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::app
