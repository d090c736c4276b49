#pragma once
// Registers the SCPI drivers (scheme "tcp": "TCPIP0::host::port::SOCKET" or "tcp://host:port";
// the port defaults to the instrument's usual one):
//   chroma-61800      grid     Chroma 61800 grid simulator        port 2101
//   ametek-mx         grid     AMETEK / California Instruments MX port 5025
//   itech-it6000c     battery  ITECH IT6000C bidirectional supply port 30000
//   zes-lmg600        analyzer ZES LMG600 power analyzer          port 5025
//   v2gbench-ev-scpi  ev       v2gbench EV emulator               port 5027
// Options (declared in scpi_driver_options.cpp; `v2gbench list drivers` shows them): timeout
// (default 2 s), connect_timeout (3 s), check_errors (true: SYST:ERR? after every command);
// zes-lmg600 also ac_phases (3) and dc_channel (4).
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::drivers::scpi {

void registerScpiDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::drivers::scpi
