#pragma once
// Adds the Modbus drivers to a registry (called by composition roots):
//   "ea-psb10000"     role battery, modbus-tcp://host:port?unit=1&timeout_ms=500
//   "sunspec-charger" role dut,     modbus-tcp://host:port?unit=1&timeout_ms=500
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::drivers::modbus {

void registerModbusDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::drivers::modbus
