#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/scpi/itech_battery_emulator.hpp"

#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::drivers::scpi {

namespace codec = transports::scpi;

ItechBatteryEmulator::ItechBatteryEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options)
    : m_dialect(dialect), m_session(std::move(options)) {
    m_session.connect();
    m_identity = identifyAs(m_session, m_dialect);
    m_session.send("*CLS");
    m_session.write(m_dialect.at("remote").command());
}

void ItechBatteryEmulator::emulate(const core::BatteryEmulation& model) {
    const std::string& who = m_session.instrument();
    const auto& v = m_dialect.at("voltage");
    const auto& pos = m_dialect.at("current.limit.positive");
    const auto& neg = m_dialect.at("current.limit.negative");
    requireRange(who, "voltage", model.voltage.value, v.min, v.max, "V");
    requireRange(who, "max charge current", model.maxChargeCurrent.value, 0.0, -neg.min, "A");
    requireRange(who, "max discharge current", model.maxDischargeCurrent.value, 0.0, pos.max, "A");
    requireRange(who, "state of charge", model.soc.value, 0.0, 1.0, "");
    if (model.internalResistance)
        throw core::CapabilityError(who + ": the battery-simulation function is not driven yet (capability "
                                          "battery-model); internal_resistance cannot be emulated, leave it out");
    const auto& function = m_dialect.at("function");
    m_session.write(function.command(function.choices[0]));
    m_session.write(v.command(codec::formatNumber(model.voltage.value)));
    m_session.write(pos.command(codec::formatNumber(model.maxDischargeCurrent.value)));
    m_session.write(neg.command(codec::formatNumber(-model.maxChargeCurrent.value)));
    m_session.write(m_dialect.at("output").command("ON"));
    m_soc = model.soc;
}

void ItechBatteryEmulator::off() { m_session.write(m_dialect.at("output").command("OFF")); }

void ItechBatteryEmulator::makeSafe() noexcept {
    try {
        m_session.send(m_dialect.at("output").command("OFF"));
        m_session.synchronise();
    } catch (...) {
    }
}

core::BatteryReading ItechBatteryEmulator::read() {
    core::BatteryReading r;
    const auto& output = m_dialect.at("output");
    const std::string on = m_session.query(output.query());
    auto flag = codec::parseBoolean(on);
    if (!flag) m_session.fail(output.query(), "reply '" + on + "' is not 0 or 1");
    r.outputOn = *flag;
    r.voltage = units::Volts(m_session.queryNumber(m_dialect.at("measure.voltage").query()));
    r.current = units::Amperes(-m_session.queryNumber(m_dialect.at("measure.current").query()));
    r.soc = m_soc;
    return r;
}

} // namespace v2gbench::drivers::scpi
