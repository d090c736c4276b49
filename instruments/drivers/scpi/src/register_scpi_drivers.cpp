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

core::DriverInfo infoOf(const transports::ScpiDialect& dialect, const core::OptionDeclaration& options) {
    return {dialect.name, dialect.role, dialect.description, options};
}

} // namespace

void registerScpiDrivers(core::DriverRegistry& registry) {
    const auto& session = sessionOptionDeclaration();
    for (const auto* d : {&dialects::chroma61800(), &dialects::ametekMx()})
        registry.addDriver(infoOf(*d, session), simpleFactory<ScpiGridEmulator>(*d));
    const auto& itech = dialects::itechIt6000c();
    registry.addDriver(infoOf(itech, session), simpleFactory<ItechBatteryEmulator>(itech));
    const auto& ev = dialects::v2gbenchEv();
    registry.addDriver(infoOf(ev, session), simpleFactory<ScpiEvEmulator>(ev));
    const auto& zes = dialects::zesLmg600();
    // The DC channel follows the AC ones; the analyzer checks that relation when it is built.
    const auto zesOptions = session.plus({
        core::option::integer("ac_phases", 3, 1, 3, "channels 1..ac_phases measure the charger's AC input phases"),
        core::option::integer("dc_channel", 4, 2, zes.at("p").suffixMax, "the channel on the charger's DC output"),
    });
    registry.addDriver(infoOf(zes, zesOptions), [&zes](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
        return std::make_unique<ZesPowerAnalyzer>(zes, sessionOptions(request, zes), request.clock,
                                                  static_cast<int>(request.options.integer("ac_phases")),
                                                  static_cast<int>(request.options.integer("dc_channel")));
    });
}

} // namespace v2gbench::drivers::scpi
