#include "v2gbench/app/registration.hpp"

#include "v2gbench/sim/register_sim_drivers.hpp"

namespace v2gbench::app {

void registerAllDrivers(core::DriverRegistry& registry) {
    sim::registerSimDrivers(registry);
}

} // namespace v2gbench::app
