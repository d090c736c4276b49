#include "v2gbench/drivers/can/can_drivers.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/transports/can_channel_factory.hpp"

#include <stdexcept>

namespace v2gbench::drivers::can {

void registerCanDrivers(core::DriverRegistry& registry) {
    registry.addDriver(
        {canMonitorDriverName, "can",
         "CAN bus monitor: records every frame to a candump -L trace (socketcand://HOST:PORT/BUS, socketcan://IFNAME)"},
        [](core::DriverRequest& request) -> std::unique_ptr<core::Instrument> {
            double timeout = 2.0;
            if (auto it = request.options.find("timeout_s"); it != request.options.end()) {
                try {
                    timeout = std::stod(it->second);
                } catch (const std::exception&) {
                    timeout = -1;
                }
                if (!(timeout > 0))
                    throw core::InstrumentError(request.instrumentName, "configure " + request.uri.text,
                                                "option timeout_s '" + it->second +
                                                    "' is not a positive number of seconds");
            }
            std::unique_ptr<transports::CanChannel> channel;
            try {
                channel = transports::makeCanChannel(request.uri, units::Seconds(timeout));
            } catch (const std::invalid_argument& e) {
                throw core::InstrumentError(request.instrumentName, "configure " + request.uri.text, e.what());
            }
            // Decoded messages carry bench time: the session's clock (it outlives the session's drivers).
            const core::Clock* clock = request.session.hasClock() ? &request.session.clock() : nullptr;
            return std::make_unique<CanBusMonitor>(request.instrumentName + " (can-monitor)", std::move(channel),
                                                   request.session.exchanges, clock);
        });
}

} // namespace v2gbench::drivers::can
