#include "v2gbench/drivers/scpi/register_scpi_drivers.hpp"

#include "v2gbench/drivers/scpi/itech_battery_emulator.hpp"
#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"
#include "v2gbench/drivers/scpi/scpi_ev_emulator.hpp"
#include "v2gbench/drivers/scpi/scpi_grid_emulator.hpp"
#include "v2gbench/drivers/scpi/zes_power_analyzer.hpp"
#include "v2gbench/transports/scpi_dialects.hpp"

namespace v2gbench::drivers::scpi {

namespace dialects = transports::scpi;

namespace {

template <class Driver> core::DriverFactory simpleFactory(const transports::ScpiDialect& dialect) {
    return [&dialect](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
        return std::make_unique<Driver>(dialect, sessionOptions(request, dialect));
    };
}

} // namespace

void registerScpiDrivers(core::DriverRegistry& registry) {
    for (const auto* d : {&dialects::chroma61800(), &dialects::ametekMx()})
        registry.addDriver({d->name, d->role, d->description}, simpleFactory<ScpiGridEmulator>(*d));
    const auto& itech = dialects::itechIt6000c();
    registry.addDriver({itech.name, itech.role, itech.description}, simpleFactory<ItechBatteryEmulator>(itech));
    const auto& ev = dialects::v2gbenchEv();
    registry.addDriver({ev.name, ev.role, ev.description}, simpleFactory<ScpiEvEmulator>(ev));
    const auto& zes = dialects::zesLmg600();
    registry.addDriver({zes.name, zes.role, zes.description}, [&zes](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
        auto options = sessionOptions(request, zes);
        const std::string who = options.instrument;
        const int phases = intOption(request, who, "ac_phases", 3);
        const int dc = intOption(request, who, "dc_channel", 4);
        std::shared_ptr<const core::Clock> clock;
        if (request.session.hasClock()) {
            // The session owns its clock for as long as it lives; share it without owning.
            clock = std::shared_ptr<const core::Clock>(std::shared_ptr<const core::Clock>{}, &request.session.clock());
        }
        return std::make_unique<ZesPowerAnalyzer>(zes, std::move(options), phases, dc, clock);
    });
}

} // namespace v2gbench::drivers::scpi
