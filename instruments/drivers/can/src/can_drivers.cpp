#include "v2gbench/drivers/can/can_drivers.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/transports/can_channel_factory.hpp"

#include <stdexcept>

namespace v2gbench::drivers::can {

void registerCanDrivers(core::DriverRegistry& registry) {
    registry.addDriver(
        {canMonitorDriverName, "can",
         "CAN bus monitor: records every frame to a candump -L trace (socketcand://HOST:PORT/BUS, socketcan://IFNAME)",
         {core::option::duration("timeout", "2 s", "1 ms", "10 min", "bound on connecting, the handshake and each send")}},
        [](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
            std::unique_ptr<transports::CanChannel> channel;
            try {
                channel = transports::makeCanChannel(request.uri, request.options.duration("timeout"));
            } catch (const std::invalid_argument& e) {
                throw core::InstrumentError(request.instrumentName, "configure " + request.uri.text, e.what());
            }
            // Decoded messages carry bench time.
            return std::make_unique<CanBusMonitor>(request.instrumentName + " (can-monitor)", std::move(channel),
                                                   request.session.exchanges, request.clock);
        });
}

} // namespace v2gbench::drivers::can
