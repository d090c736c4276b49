#include "v2gbench/drivers/scpi/scpi_ev_emulator.hpp"

#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"
#include "v2gbench/transports/scpi_codec.hpp"
#include "v2gbench/transports/scpi_header_pattern.hpp"

#include <cmath>

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
        const auto& contactors = m_dialect.at("contactors");
        m_session.send(m_dialect.at("demand.current").command("0") + ";:" + m_dialect.at("stop").command() + ";:" +
                       m_dialect.at("disconnect").command() + ";:" +
                       contactors.command(transports::ScpiHeaderPattern(contactors.choices[0]).shortText()));
        m_session.synchronise();
    } catch (...) {
    }
}

core::EvStatus ScpiEvEmulator::status() {
    const std::string q = m_dialect.at("status").query();
    const std::string reply = m_session.query(q);
    const auto fields = codec::splitList(reply, ',');
    auto bad = [&](const std::string& why) { m_session.fail(q, "reply '" + reply.substr(0, 80) + "': " + why); };
    // Six fields from the first command set; an emulator with the connection circuit and the
    // protocol state adds five more (cc1V,S,paused,timeouts,"state"), one with the vehicle
    // contactors two more (K5K6 closed, welded).
    if (fields.size() != 6 && fields.size() != 11 && fields.size() != 13)
        bad("expected phase,demandV,demandI,chargerV,chargerI,\"detail\"[,cc1V,S,paused,timeouts,\"state\"[,K5K6,welded]]");
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
    if (fields.size() >= 11) {
        auto number = [&](std::size_t k) {
            auto v = codec::parseNumber(fields[k]);
            if (!v) bad("field " + std::to_string(k + 1) + " is not a number");
            return *v;
        };
        auto flag = [&](std::size_t k) {
            if (fields[k] != "0" && fields[k] != "1") bad("field " + std::to_string(k + 1) + " is not 0 or 1");
            return fields[k] == "1";
        };
        s.cc1Voltage = units::Volts(number(6));
        s.switchSClosed = flag(7);
        s.paused = flag(8);
        const double timeouts = number(9);
        if (timeouts < 0 || timeouts != static_cast<double>(static_cast<unsigned>(timeouts)))
            bad("field 10 is not a count");
        s.timeouts = static_cast<unsigned>(timeouts);
        auto state = codec::unquote(fields[10]);
        if (!state) bad("protocol state is not a quoted string");
        s.protocolState = *state;
        if (fields.size() == 13) {
            s.contactorsClosed = flag(11);
            s.contactorsWelded = flag(12);
        }
    }
    return s;
}

void ScpiEvEmulator::pause() { m_session.write(m_dialect.at("pause").command()); }

void ScpiEvEmulator::resume() { m_session.write(m_dialect.at("resume").command()); }

std::string ScpiEvEmulator::faultParameters(const core::EvFault& f) {
    std::string out = core::toString(f.kind);
    if (!f.message.empty()) out += "," + codec::quote(f.message);
    if (f.period.value != 0.0) out += ",period=" + codec::formatNumber(f.period.value);
    if (f.delay.value != 0.0) out += ",delay=" + codec::formatNumber(f.delay.value);
    if (!f.field.empty()) out += ",field=" + codec::quote(f.field);
    if (f.value != 0.0) out += ",value=" + codec::formatNumber(f.value);
    if (f.dlc >= 0) out += ",dlc=" + std::to_string(f.dlc);
    if (!f.mode.empty()) out += ",mode=" + codec::quote(f.mode);
    if (!f.phase.empty()) out += ",phase=" + codec::quote(f.phase);
    if (!f.with.empty()) out += ",with=" + codec::quote(f.with);
    if (f.after.value != 0.0) out += ",after=" + codec::formatNumber(f.after.value);
    return out;
}

void ScpiEvEmulator::injectFault(const core::EvFault& fault) {
    const std::string& who = m_session.instrument();
    const std::string what = core::toString(fault.kind) + (fault.message.empty() ? "" : " " + fault.message);
    requireRange(who, "fault " + what + " period", fault.period.value, 0.0, 3600.0, "s");
    requireRange(who, "fault " + what + " delay", fault.delay.value, 0.0, 3600.0, "s");
    if (!std::isfinite(fault.value)) throw core::CapabilityError(who + ": fault " + what + ": value is not finite");
    const std::string command = m_dialect.at("fault.add").command(faultParameters(fault));
    m_session.send(command);
    const auto errors = m_session.drainErrors(command);
    if (errors.empty()) return;
    // Parameter errors (-1xx command, -2xx execution) are the emulator refusing this fault: a
    // capability question, nothing changed. Anything else is the instrument failing.
    std::string reasons;
    bool refused = true;
    for (const auto& e : errors) {
        refused = refused && e.code <= -100 && e.code > -300;
        // "Illegal parameter value; unknown GB/T 27930 message ..." -> the part after "; ".
        const auto sep = e.message.find("; ");
        reasons += (reasons.empty() ? "" : "; ") + (sep == std::string::npos ? e.message : e.message.substr(sep + 2));
    }
    if (refused) throw core::CapabilityError(who + ": fault " + what + " refused by the EV emulator: " + reasons);
    m_session.fail(command, "error queue: " + reasons);
}

void ScpiEvEmulator::clearFaults() { m_session.write(m_dialect.at("fault.clear").command()); }

void ScpiEvEmulator::setSwitchS(bool closed) {
    const auto& s = m_dialect.at("switch.s");
    m_session.write(s.command(transports::ScpiHeaderPattern(s.choices[closed ? 1 : 0]).shortText()));
}

void ScpiEvEmulator::setContactorsWelded(bool welded) {
    const auto& c = m_dialect.at("contactors");
    const std::string wanted = transports::ScpiHeaderPattern(c.choices[welded ? 1 : 0]).shortText();
    m_session.write(c.command(wanted));
    // Read back: the run records the contactors as the emulator holds them, never as requested.
    const std::string q = c.query();
    const std::string got = m_session.query(q);
    if (got != wanted) m_session.fail(q, "contactors read back '" + got + "', expected '" + wanted + "'");
}

void ScpiEvEmulator::setCc1(const core::Cc1Setting& setting) {
    const auto& cc1 = m_dialect.at("cc1");
    const auto& volt = m_dialect.at("cc1.voltage");
    // EV:CC1 NORM|BROK states the circuit afresh (a forced voltage goes); the voltage follows.
    std::string message = cc1.command(transports::ScpiHeaderPattern(cc1.choices[setting.broken ? 1 : 0]).shortText());
    if (setting.voltage) {
        requireRange(m_session.instrument(), "CC1 voltage", setting.voltage->value, volt.min, volt.max, volt.unit);
        message += ";:" + volt.command(codec::formatNumber(setting.voltage->value));
    }
    m_session.write(message);
}

} // namespace v2gbench::drivers::scpi
