#include "v2gbench/drivers/can/can_drivers.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/drivers/can/can_charger_emulator.hpp"
#include "v2gbench/transports/can_channel_factory.hpp"

#include <stdexcept>

namespace v2gbench::drivers::can {

namespace {

std::unique_ptr<transports::CanChannel> channelFor(core::DriverRequest& request) {
    try {
        return transports::makeCanChannel(request.uri, request.options.duration("timeout"));
    } catch (const std::invalid_argument& e) {
        throw core::InstrumentError(request.instrumentName, "configure " + request.uri.text, e.what());
    }
}

} // namespace

void registerCanDrivers(core::DriverRegistry& registry) {
    registry.addDriver(
        {canMonitorDriverName, "can",
         "CAN bus monitor: records every frame to a candump -L trace (socketcand://HOST:PORT/BUS, socketcan://IFNAME)",
         {core::option::duration("timeout", "2 s", "1 ms", "10 min", "bound on connecting, the handshake and each send")}},
        [](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
            auto channel = channelFor(request);
            // Decoded messages carry bench time.
            return std::make_unique<CanBusMonitor>(request.instrumentName + " (can-monitor)", std::move(channel),
                                                   request.session.exchanges, request.clock);
        });
    // The charger's limits it states in CML: a charger emulator is set to what the vehicle under
    // test needs (defaults: the protocol library's ChargerConfig defaults).
    registry.addDriver(
        {canEvseDriverName, "evse",
         "GB/T 27930 charger emulator on a CAN channel (socketcand://HOST:PORT/BUS, socketcan://IFNAME): the charger's "
         "state machine with declarative faults, in real time, for a vehicle's BMS on that bus",
         {core::option::duration("timeout", "2 s", "1 ms", "10 min", "bound on connecting, the handshake and each send"),
          core::option::number("max_output_voltage", core::Dimension::voltage(), "750 V",
                               "0 V", "1500 V", "CML maximum output voltage"),
          core::option::number("min_output_voltage", core::Dimension::voltage(), "200 V",
                               "0 V", "1500 V", "CML minimum output voltage"),
          core::option::number("max_output_current", core::Dimension::current(), "250 A",
                               "0 A", "1000 A", "CML maximum output current")}},
        [](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
            protocols::gbt27930::ChargerConfig config;
            config.maxOutputVoltage = request.options.number("max_output_voltage");
            config.minOutputVoltage = request.options.number("min_output_voltage");
            config.maxOutputCurrent = request.options.number("max_output_current");
            if (config.minOutputVoltage > config.maxOutputVoltage)
                throw core::InstrumentError(request.instrumentName, "configure " + request.uri.text,
                                            "min_output_voltage is above max_output_voltage");
            return std::make_unique<CanChargerEmulator>(request.instrumentName + " (can-evse)", channelFor(request), config);
        });
}

} // namespace v2gbench::drivers::can
