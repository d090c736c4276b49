#pragma once
// Registers the CAN drivers with a composition root's registry:
//   "can-monitor" (role "can"): CanBusMonitor on socketcand://HOST:PORT/BUS or
//   socketcan://IFNAME[?bitrate=N]. Option "timeout" (default 2 s): connect/handshake/send bound.
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::drivers::can {

inline constexpr const char* canMonitorDriverName = "can-monitor";

void registerCanDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::drivers::can
