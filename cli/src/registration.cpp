#include "v2gbench/app/registration.hpp"

#include "v2gbench/drivers/can/can_drivers.hpp"
#include "v2gbench/drivers/iio/register_iio_drivers.hpp"
#include "v2gbench/drivers/modbus/register_modbus_drivers.hpp"
#include "v2gbench/drivers/scpi/register_scpi_drivers.hpp"
#include "v2gbench/sim/register_sim_drivers.hpp"
#include "v2gbench/simwire/control/lab_control_client.hpp"

namespace v2gbench::app {

void registerAllDrivers(core::DriverRegistry& registry) {
    // Real instruments, one protocol family at a time...
    drivers::scpi::registerScpiDrivers(registry);
    drivers::modbus::registerModbusDrivers(registry);
    drivers::can::registerCanDrivers(registry);
    drivers::iio::registerIioDrivers(registry);
    // ...and the simulated lab's in-process drivers and clocks, chosen the same way by a bench profile.
    sim::registerSimDrivers(registry);
    // The simulated lab on the wire: its control port reads the lab's settings back.
    simwire::registerLabControls(registry);
}

} // namespace v2gbench::app
