#pragma once
// Registers the CAN drivers with a composition root's registry:
//   "can-monitor" (role "can"): CanBusMonitor on socketcand://HOST:PORT/BUS or
//   socketcan://IFNAME[?bitrate=N]. Option "timeout" (default 2 s): connect/handshake/send bound.
//   "can-evse" (role "evse"): CanChargerEmulator on the same URIs; options timeout and the CML
//   limits max_output_voltage, min_output_voltage, max_output_current.
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::drivers::can {

inline constexpr const char* canMonitorDriverName = "can-monitor";
inline constexpr const char* canEvseDriverName = "can-evse";

void registerCanDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::drivers::can
