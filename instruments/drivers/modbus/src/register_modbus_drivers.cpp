#include "v2gbench/drivers/modbus/register_modbus_drivers.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/modbus/ea_psb10000.hpp"
#include "v2gbench/drivers/modbus/modbus_fault_box.hpp"
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
    namespace option = core::option;
    registry.addDriver({"modbus-fault-box", "fault_box",
                        "Fault box on a Modbus TCP relay/IO module: register map per module model, wiring table per box "
                        "build; every relay read back (URI query as ea-psb10000)",
                        {option::choice("wiring", faultBoxWiringNames(), "v2gbench-fault-box-16",
                                        "the box build: which relay switches which line, R4 and Rt values"),
                         option::duration("settle", "50 ms", "0 s", "2 s",
                                          "how long auxiliary-contact feedback may lag the relay coils")}},
                       [](core::DriverRequest& r) -> std::unique_ptr<core::Instrument> {
                           ModbusFaultBoxOptions o;
                           o.wiring = r.options.text("wiring");
                           o.settle = r.options.duration("settle");
                           return std::make_unique<ModbusFaultBox>(r.instrumentName + " (modbus-fault-box)",
                                                                   tcpSettings(r, "modbus-fault-box"), r.session.exchanges, o);
                       });
}

} // namespace v2gbench::drivers::modbus
