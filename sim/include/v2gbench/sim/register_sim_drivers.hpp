#pragma once
// Makes the simulated lab available to a composition root: drivers sim-grid, sim-battery, sim-ev,
// sim-analyzer, sim-dut (URI scheme "sim", e.g. sim://lab) and clocks sim-virtual, sim-realtime.
// All of them share one SimLab per session (SimLab::forSession). Create the clock first and hand
// it to the drivers in DriverRequest::clock; they refuse a request whose clock is not a sim clock
// of the session's lab, since the plant would not advance. None of them takes options.
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::sim {

void registerSimDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::sim
