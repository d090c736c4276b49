#include "v2gbench/drivers/scpi/scpi_ev_emulator.hpp"

#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::drivers::scpi {

namespace codec = transports::scpi;

ScpiEvEmulator::ScpiEvEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options)
    : m_dialect(dialect), m_session(std::move(options)) {
    m_session.connect();
    m_identity = identifyAs(m_session, m_dialect);
    m_session.send("*CLS");
}

void ScpiEvEmulator::connect() { m_session.write(m_dialect.at("connect").command()); }

void ScpiEvEmulator::demand(const core::ChargeDemand& d) {
    const std::string& who = m_session.instrument();
    const auto& v = m_dialect.at("demand.voltage");
    const auto& i = m_dialect.at("demand.current");
    const auto& mode = m_dialect.at("demand.mode");
    const auto& disc = m_dialect.at("demand.discharge");
    requireRange(who, "demand voltage", d.voltage.value, v.min, v.max, v.unit);
    requireRange(who, "demand current", d.current.value, i.min, i.max, i.unit);
    requireRange(who, "max discharge current", d.maxDischargeCurrent.value, disc.min, disc.max, disc.unit);
    // The first header is absolute, the others continue its path (EV:DEMand:).
    auto leaf = [](const transports::ScpiCommandSpec& spec, const std::string& arg) {
        return spec.header.nodes().back().shortForm + " " + arg;
    };
    const std::string message = v.command(codec::formatNumber(d.voltage.value)) + ";" +
                                leaf(i, codec::formatNumber(d.current.value)) + ";" +
                                leaf(mode, mode.choices[d.mode == core::DemandMode::ConstantCurrent ? 0 : 1]) + ";" +
                                leaf(disc, codec::formatNumber(d.maxDischargeCurrent.value));
    m_session.write(message);
}

void ScpiEvEmulator::stop() { m_session.write(m_dialect.at("stop").command()); }

void ScpiEvEmulator::disconnect() { m_session.write(m_dialect.at("disconnect").command()); }

void ScpiEvEmulator::makeSafe() noexcept {
    try {
        m_session.send(m_dialect.at("demand.current").command("0") + ";:" + m_dialect.at("stop").command() + ";:" +
                       m_dialect.at("disconnect").command());
        m_session.synchronise();
    } catch (...) {
    }
}

core::EvStatus ScpiEvEmulator::status() {
    const std::string q = m_dialect.at("status").query();
    const std::string reply = m_session.query(q);
    const auto fields = codec::splitList(reply, ',');
    auto bad = [&](const std::string& why) { m_session.fail(q, "reply '" + reply.substr(0, 80) + "': " + why); };
    if (fields.size() != 6) bad("expected phase,demandV,demandI,chargerV,chargerI,\"detail\"");
    core::EvStatus s;
    bool known = false;
    for (auto p : {core::EvPhase::Disconnected, core::EvPhase::Connected, core::EvPhase::Handshake, core::EvPhase::Parameters,
                   core::EvPhase::Charging, core::EvPhase::Stopping, core::EvPhase::Stopped, core::EvPhase::Fault})
        if (core::toString(p) == fields[0]) {
            s.phase = p;
            known = true;
        }
    if (!known) bad("unknown phase '" + fields[0] + "'");
    double n[4];
    for (int k = 0; k < 4; ++k) {
        auto v = codec::parseNumber(fields[static_cast<std::size_t>(k + 1)]);
        if (!v) bad("field " + std::to_string(k + 2) + " is not a number");
        n[k] = *v;
    }
    s.demand.voltage = units::Volts(n[0]);
    s.demand.current = units::Amperes(n[1]);
    s.chargerVoltage = units::Volts(n[2]);
    s.chargerCurrent = units::Amperes(n[3]);
    auto detail = codec::unquote(fields[5]);
    if (!detail) bad("detail is not a quoted string");
    s.detail = *detail;
    return s;
}

} // namespace v2gbench::drivers::scpi
