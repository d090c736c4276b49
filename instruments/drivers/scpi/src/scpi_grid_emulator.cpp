#include "v2gbench/drivers/scpi/scpi_grid_emulator.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/scpi/scpi_driver_options.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

#include <cmath>

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
    if (m_dialect.maxListSteps > 0) c.add(core::capability::listMode);
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
    appendListReset(commands);
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
    appendListReset(commands);
    commands.push_back(m_dialect.at("output").command("OFF"));
    run(commands);
}

void ScpiGridEmulator::makeSafe() noexcept {
    try {
        // One message, no error drain: bounded by one (re)connect and two timeouts.
        // A running list is stopped first (AMETEK: ABOR; Chroma: TRIG OFF, its own message as the
        // Chroma dialect does not chain), whether or not this driver started one.
        std::string message;
        if (m_dialect.has("abort")) message = m_dialect.at("abort").command() + ";:";
        if (m_dialect.has("list.run")) m_session.send(m_dialect.at("list.run").command("OFF"));
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

// ---- list mode ---------------------------------------------------------------------------------

std::string ScpiGridEmulator::listCommand(const char* operation, const std::vector<double>& values, const char* what) {
    const auto& spec = m_dialect.at(operation);
    std::string args;
    for (std::size_t i = 0; i < values.size(); ++i) {
        requireRange(m_session.instrument(), "step " + std::to_string(i + 1) + " " + what, values[i], spec.min,
                     spec.max, spec.unit);
        args += (i ? "," : "") + codec::formatNumber(values[i]);
    }
    return spec.command(args);
}

void ScpiGridEmulator::appendListReset(std::vector<std::string>& commands) {
    if (!m_listUsed) return;
    if (m_dialect.has("list.run")) {
        commands.push_back(m_dialect.at("list.run").command("OFF"));
        commands.push_back(m_dialect.at("output.mode").command("FIX"));
    }
    for (const char* op :
         {"voltage.mode", "voltage.slew.mode", "frequency.mode", "frequency.slew.mode", "function.mode"})
        if (m_dialect.has(op)) commands.push_back(m_dialect.at(op).command("FIX"));
    m_listUsed = false;
}

std::vector<std::string> ScpiGridEmulator::chromaList(const std::vector<core::GridSequenceStep>& steps, double v,
                                                      double f) {
    // Chroma LIST with BASE TIME: per step a dwell and start/end values, the output moving
    // linearly from start to end over the dwell (a jump when they are equal).
    std::vector<double> dwell, vStart, vEnd, fStart, fEnd;
    for (const auto& s : steps) {
        dwell.push_back(s.duration.value);
        vStart.push_back(s.ramp ? v : s.voltage.value);
        vEnd.push_back(s.voltage.value);
        fStart.push_back(s.ramp ? f : s.frequency.value);
        fEnd.push_back(s.frequency.value);
        v = s.voltage.value;
        f = s.frequency.value;
    }
    std::vector<std::string> c;
    c.push_back(m_dialect.at("list.run").command("OFF")); // a running list is replaced
    c.push_back(m_dialect.at("list.couple").command("ALL"));
    c.push_back(m_dialect.at("list.count").command("1"));
    c.push_back(m_dialect.at("list.base").command("TIME"));
    c.push_back(m_dialect.at("list.trigger").command("AUTO"));
    c.push_back(listCommand("list.dwell", dwell, "duration"));
    std::string shapes;
    for (std::size_t i = 0; i < steps.size(); ++i)
        shapes += i ? ",A" : "A";
    c.push_back(m_dialect.at("list.shape").command(shapes));
    c.push_back(listCommand("list.voltage.start", vStart, "voltage"));
    c.push_back(listCommand("list.voltage.end", vEnd, "voltage"));
    c.push_back(listCommand("list.frequency.start", fStart, "frequency"));
    c.push_back(listCommand("list.frequency.end", fEnd, "frequency"));
    c.push_back(m_dialect.at("output.mode").command("LIST"));
    c.push_back(m_dialect.at("output").command("ON"));
    c.push_back(m_dialect.at("list.run").command("ON"));
    return c;
}

std::vector<std::string> ScpiGridEmulator::ametekList(const std::vector<core::GridSequenceStep>& steps, double v,
                                                      double f) {
    // AMETEK transient list: per step a dwell, a target and a slew rate towards it; a ramp over
    // the whole step is the rate |change| / dwell, a jump the top of the slew range.
    const double vInstant = m_dialect.at("list.voltage.slew").max;
    const double fInstant = m_dialect.at("list.frequency.slew").max;
    std::vector<double> dwell, volts, vSlew, freqs, fSlew, repeat;
    for (const auto& s : steps) {
        dwell.push_back(s.duration.value);
        volts.push_back(s.voltage.value);
        freqs.push_back(s.frequency.value);
        const double dv = std::abs(s.voltage.value - v), df = std::abs(s.frequency.value - f);
        vSlew.push_back(s.ramp && dv > 0.0 ? dv / s.duration.value : vInstant);
        fSlew.push_back(s.ramp && df > 0.0 ? df / s.duration.value : fInstant);
        repeat.push_back(0.0);
        v = s.voltage.value;
        f = s.frequency.value;
    }
    std::string functions;
    for (std::size_t i = 0; i < steps.size(); ++i)
        functions += i ? ",SINE" : "SINE";
    const auto& mode = m_dialect.at("phase.mode");
    std::vector<std::string> c;
    c.push_back(m_dialect.at("abort").command()); // a running list is replaced
    c.push_back(mode.command(mode.choices[0]));
    c.push_back(m_dialect.at("trigger.transient.source").command("IMM"));
    c.push_back(m_dialect.at("list.step").command("AUTO"));
    c.push_back(m_dialect.at("list.count").command("1"));
    for (const char* op :
         {"frequency.mode", "frequency.slew.mode", "voltage.mode", "voltage.slew.mode", "function.mode"})
        c.push_back(m_dialect.at(op).command("LIST"));
    c.push_back(listCommand("list.dwell", dwell, "duration"));
    c.push_back(listCommand("list.frequency", freqs, "frequency"));
    c.push_back(listCommand("list.frequency.slew", fSlew, "frequency slew"));
    c.push_back(listCommand("list.voltage", volts, "voltage"));
    c.push_back(listCommand("list.voltage.slew", vSlew, "voltage slew"));
    c.push_back(m_dialect.at("list.function").command(functions));
    c.push_back(listCommand("list.repeat", repeat, "repeat"));
    c.push_back(m_dialect.at("trigger.sync.source").command("IMM"));
    c.push_back(m_dialect.at("output").command("ON"));
    c.push_back(m_dialect.at("initiate").command());
    return c;
}

void ScpiGridEmulator::runSequence(const std::vector<core::GridSequenceStep>& steps) {
    const std::string& who = m_session.instrument();
    if (m_dialect.maxListSteps <= 0) throw core::CapabilityError(who + ": " + m_dialect.name + " has no list mode");
    if (steps.empty()) throw core::CapabilityError(who + ": empty sequence");
    if (steps.size() > static_cast<std::size_t>(m_dialect.maxListSteps))
        throw core::CapabilityError(who + ": sequence of " + std::to_string(steps.size()) + " steps exceeds the " +
                                    m_dialect.name + " list maximum of " + std::to_string(m_dialect.maxListSteps));
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (!(steps[i].duration.value > 0.0))
            throw core::CapabilityError(who + ": step " + std::to_string(i + 1) + " duration " +
                                        codec::formatNumber(steps[i].duration.value) + " s is not positive");
    // A ramp in the first step starts from the present output: ask the instrument (the only
    // query, and only when needed).
    double v = steps.front().voltage.value, f = steps.front().frequency.value;
    if (steps.front().ramp) {
        v = m_session.queryNumber(m_dialect.at("voltage").query());
        f = m_session.queryNumber(m_dialect.at("frequency").query());
    }
    // Every command is built and range-checked before the first leaves.
    const auto commands = m_dialect.has("list.run") ? chromaList(steps, v, f) : ametekList(steps, v, f);
    m_listUsed = true;
    run(commands);
}

bool ScpiGridEmulator::sequenceRunning() {
    if (m_dialect.maxListSteps <= 0)
        throw core::CapabilityError(m_session.instrument() + ": " + m_dialect.name + " has no list mode");
    if (m_dialect.has("list.run")) {
        const auto& spec = m_dialect.at("list.run");
        const std::string reply = m_session.query(spec.query());
        auto flag = codec::parseBoolean(reply);
        if (!flag) m_session.fail(spec.query(), "reply '" + reply + "' is not 0 or 1");
        return *flag;
    }
    const auto& spec = m_dialect.at("list.state");
    const std::string reply = codec::upper(m_session.query(spec.query()));
    if (reply != "IDLE" && reply != "ARMED" && reply != "BUSY")
        m_session.fail(spec.query(), "reply '" + reply + "' is not IDLE, ARMED or BUSY");
    return reply != "IDLE";
}

} // namespace v2gbench::drivers::scpi
