#include "service_catalog.hpp"

#include "v2gbench/simwire/can/can_hub.hpp"
#include "v2gbench/simwire/iio/iiod_service.hpp"
#include "v2gbench/sim/sim_fault_box.hpp"
#include "v2gbench/simwire/modbus/ea_battery_service.hpp"
#include "v2gbench/simwire/modbus/relay_module_service.hpp"
#include "v2gbench/simwire/modbus/sunspec_charger_service.hpp"
#include "v2gbench/simwire/scpi/scpi_services.hpp"

namespace v2gbench::simapp {

std::vector<ServiceEntry> serviceCatalog() {
    std::vector<ServiceEntry> entries;
    for (const auto& s : simwire::scpi::scpiServices()) {
        const auto name = s.name;
        entries.push_back({name, s.defaultPort, [name](simwire::WireContext& c) {
                               return simwire::scpi::makeScpiService(name, c);
                           }});
    }
    entries.push_back({"battery-modbus", simwire::modbus::kEaBatteryDefaultPort,
                       [](simwire::WireContext& c) { return simwire::modbus::makeEaBatteryService(c); }});
    entries.push_back({"dut-sunspec", simwire::modbus::kSunSpecDefaultPort,
                       [](simwire::WireContext& c) { return simwire::modbus::makeSunSpecChargerService(c); }});
    entries.push_back({"fault-box-modbus", simwire::modbus::kFaultBoxDefaultPort, [](simwire::WireContext& c) {
                           // The relays act on the lab's fault box (lines, R4, Rt) as the in-process sim-fault-box does.
                           return simwire::modbus::makeRelayModuleService(
                               c, std::make_shared<sim::SimFaultBox>(c.lab, "fault-box-modbus"));
                       }});
    entries.push_back({"can-hub", simwire::can::canHubDefaultPort,
                       [](simwire::WireContext& c) { return simwire::can::makeCanHubService(c); }});
    entries.push_back({"analyzer-iiod", simwire::iio::kIiodDefaultPort,
                       [](simwire::WireContext& c) { return simwire::iio::makeIiodService(c); }});
    return entries;
}

} // namespace v2gbench::simapp
