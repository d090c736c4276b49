#include "v2gbench/drivers/modbus/register_modbus_drivers.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/modbus/ea_psb10000.hpp"
#include "v2gbench/drivers/modbus/sunspec_charger.hpp"

#include <stdexcept>

namespace v2gbench::drivers::modbus {

namespace {

transports::ModbusSettings tcpSettings(const core::DriverRequest& request, const char* driver) {
    if (request.uri.scheme != "modbus-tcp")
        throw std::invalid_argument(request.instrumentName + ": driver " + driver + " needs a modbus-tcp:// connection, not '" +
                                    request.uri.text + "'");
    return transports::ModbusSettings::fromUri(request.uri);
}

} // namespace

void registerModbusDrivers(core::DriverRegistry& registry) {
    registry.addDriver({"ea-psb10000", "battery", "EA Elektro-Automatik PSB 10000 bidirectional supply, Modbus TCP (URI query: unit, timeout_ms, byte_timeout_ms)",
                        {}},
                       [](core::DriverRequest& r) -> std::unique_ptr<core::Instrument> {
                           return std::make_unique<EaPsb10000>(r.instrumentName + " (ea-psb10000)", tcpSettings(r, "ea-psb10000"),
                                                               r.session.exchanges);
                       });
    registry.addDriver({"sunspec-charger", "dut", "Charger control over SunSpec Modbus TCP (models 1, 701, 702, 704, 715; URI query as ea-psb10000)",
                        {}},
                       [](core::DriverRequest& r) -> std::unique_ptr<core::Instrument> {
                           return std::make_unique<SunSpecCharger>(r.instrumentName + " (sunspec-charger)", tcpSettings(r, "sunspec-charger"),
                                                                   r.session.exchanges, r.session.dut);
                       });
}

} // namespace v2gbench::drivers::modbus
