#include "v2gbench/drivers/scpi/scpi_grid_emulator.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::drivers::scpi {

namespace codec = transports::scpi;

ScpiGridEmulator::ScpiGridEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options)
    : m_dialect(dialect), m_session(std::move(options)) {
    m_session.connect();
    m_identity = identifyAs(m_session, m_dialect);
    m_session.send("*CLS"); // stale errors from an earlier session would be blamed on our first command
}

core::Capabilities ScpiGridEmulator::capabilities() const {
    core::Capabilities c{core::capability::threePhase, "per-phase-voltage", "grid-measurement"};
    if (m_dialect.has("phase.angle") || m_dialect.has("phase.angle.p12")) c.add("phase-angle");
    if (m_dialect.has("slew.voltage")) c.add("voltage-slew");
    return c;
}

std::string ScpiGridEmulator::setCommand(const char* operation, double value, const char* what) {
    const auto& spec = m_dialect.at(operation);
    requireRange(m_session.instrument(), what, value, spec.min, spec.max, spec.unit);
    return spec.command(codec::formatNumber(value));
}

void ScpiGridEmulator::run(const std::vector<std::string>& commands) {
    if (m_dialect.chainCommands) {
        std::string message;
        for (const auto& c : commands) message += (message.empty() ? "" : ";:") + c;
        m_session.write(message);
    } else {
        for (const auto& c : commands) m_session.write(c);
    }
}

void ScpiGridEmulator::apply(const core::GridSetpoint& setpoint) {
    // Build (and range-check) every command before the first one leaves.
    std::vector<std::string> commands;
    if (m_dialect.has("abort")) commands.push_back(m_dialect.at("abort").command());
    const auto& mode = m_dialect.at("phase.mode");
    commands.push_back(mode.command(mode.choices[0]));
    commands.push_back(setCommand("voltage", setpoint.voltage.value, "voltage"));
    commands.push_back(setCommand("frequency", setpoint.frequency.value, "frequency"));
    commands.push_back(m_dialect.at("output").command("ON"));
    run(commands);
}

void ScpiGridEmulator::off() {
    std::vector<std::string> commands;
    if (m_dialect.has("abort")) commands.push_back(m_dialect.at("abort").command());
    commands.push_back(m_dialect.at("output").command("OFF"));
    run(commands);
}

void ScpiGridEmulator::makeSafe() noexcept {
    try {
        // One message, no error drain: bounded by one (re)connect and two timeouts.
        std::string message;
        if (m_dialect.has("abort")) message = m_dialect.at("abort").command() + ";:";
        message += m_dialect.at("output").command("OFF");
        m_session.send(message);
        m_session.synchronise();
    } catch (...) {
    }
}

core::GridState ScpiGridEmulator::state() {
    core::GridState s;
    const auto& output = m_dialect.at("output");
    const std::string on = m_session.query(output.query());
    auto flag = codec::parseBoolean(on);
    if (!flag) m_session.fail(output.query(), "reply '" + on + "' is not 0 or 1");
    s.outputOn = *flag;
    s.voltage = units::Volts(m_session.queryNumber(m_dialect.at("voltage").query()));
    s.frequency = units::Hertz(m_session.queryNumber(m_dialect.at("frequency").query()));
    return s;
}

void ScpiGridEmulator::setPhaseVoltages(const std::array<units::Volts, 3>& voltages) {
    const auto& mode = m_dialect.at("phase.mode");
    std::vector<std::string> commands{mode.command(mode.choices[1])};
    for (int ph = 1; ph <= 3; ++ph) {
        commands.push_back(m_dialect.at("phase.select").command(std::to_string(ph)));
        commands.push_back(setCommand("voltage", voltages[static_cast<std::size_t>(ph - 1)].value,
                                      ("phase " + std::to_string(ph) + " voltage").c_str()));
    }
    commands.push_back(mode.command(mode.choices[0]));
    run(commands);
}

void ScpiGridEmulator::setPhaseAngles(units::Degrees phase2, units::Degrees phase3) {
    std::vector<std::string> commands;
    if (m_dialect.has("phase.angle.p12")) {
        commands.push_back(setCommand("phase.angle.p12", phase2.value, "phase 2 angle"));
        commands.push_back(setCommand("phase.angle.p13", phase3.value, "phase 3 angle"));
    } else if (m_dialect.has("phase.angle")) {
        const auto& mode = m_dialect.at("phase.mode");
        commands.push_back(mode.command(mode.choices[1]));
        commands.push_back(m_dialect.at("phase.select").command("2"));
        commands.push_back(setCommand("phase.angle", phase2.value, "phase 2 angle"));
        commands.push_back(m_dialect.at("phase.select").command("3"));
        commands.push_back(setCommand("phase.angle", phase3.value, "phase 3 angle"));
        commands.push_back(mode.command(mode.choices[0]));
    } else {
        throw core::CapabilityError(m_session.instrument() + ": no phase-angle programming");
    }
    run(commands);
}

void ScpiGridEmulator::setVoltageSlew(double voltsPerSecond) {
    if (!m_dialect.has("slew.voltage")) throw core::CapabilityError(m_session.instrument() + ": no voltage slew programming");
    // The Chroma table's unit is V/ms.
    run({setCommand("slew.voltage", voltsPerSecond / 1000.0, "voltage slew")});
}

GridMeasurement ScpiGridEmulator::measurePhase(int phase) {
    requireRange(m_session.instrument(), "phase", phase, 1, 3, "");
    const auto& mode = m_dialect.at("phase.mode");
    run({mode.command(mode.choices[1]), m_dialect.at("phase.select").command(std::to_string(phase))});
    GridMeasurement m;
    m.voltage = units::Volts(m_session.queryNumber(m_dialect.at("measure.voltage").query()));
    m.current = units::Amperes(m_session.queryNumber(m_dialect.at("measure.current").query()));
    m.activePower = units::Watts(m_session.queryNumber(m_dialect.at("measure.power").query()));
    m.apparentPower = units::Watts(m_session.queryNumber(m_dialect.at("measure.apparent").query()));
    m.powerFactor = units::Ratio(m_session.queryNumber(m_dialect.at("measure.pfactor").query()));
    m.frequency = units::Hertz(m_session.queryNumber(m_dialect.at("measure.frequency").query()));
    run({mode.command(mode.choices[0])});
    return m;
}

} // namespace v2gbench::drivers::scpi
