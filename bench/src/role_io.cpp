#include "v2gbench/bench/role_io.hpp"

#include <functional>
#include <stdexcept>
#include <unordered_map>

namespace v2gbench::bench {

using core::Dimension;
using core::Quantity;

namespace {

Value q(double v, Dimension d) { return Value(Quantity::of(v, d)); }

using Reader = std::function<Value(BenchSession&, ReadMemo&)>;

constexpr double kReturnStep = 0.01; // s

const std::unordered_map<std::string, Reader>& readers() {
    static const std::unordered_map<std::string, Reader> table = {
        {"bench.time", [](BenchSession& s, ReadMemo&) { return q(s.clock().now().value, Dimension::time()); }},
        {"grid.voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("grid", [&s] { return s.grid().state(); }).voltage.value, Dimension::voltage()); }},
        {"grid.frequency", [](BenchSession& s, ReadMemo& m) { return q(m.get("grid", [&s] { return s.grid().state(); }).frequency.value, Dimension::frequency()); }},
        {"grid.on", [](BenchSession& s, ReadMemo& m) { return Value(m.get("grid", [&s] { return s.grid().state(); }).outputOn); }},
        {"battery.voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("battery", [&s] { return s.battery().read(); }).voltage.value, Dimension::voltage()); }},
        {"battery.current", [](BenchSession& s, ReadMemo& m) { return q(m.get("battery", [&s] { return s.battery().read(); }).current.value, Dimension::current()); }},
        {"battery.soc", [](BenchSession& s, ReadMemo& m) { return q(m.get("battery", [&s] { return s.battery().read(); }).soc.value, Dimension::none()); }},
        {"battery.on", [](BenchSession& s, ReadMemo& m) { return Value(m.get("battery", [&s] { return s.battery().read(); }).outputOn); }},
        {"ev.phase", [](BenchSession& s, ReadMemo& m) { return Value(core::toString(m.get("ev", [&s] { return s.ev().status(); }).phase)); }},
        {"ev.demand_voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("ev", [&s] { return s.ev().status(); }).demand.voltage.value, Dimension::voltage()); }},
        {"ev.demand_current", [](BenchSession& s, ReadMemo& m) { return q(m.get("ev", [&s] { return s.ev().status(); }).demand.current.value, Dimension::current()); }},
        {"ev.charger_voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("ev", [&s] { return s.ev().status(); }).chargerVoltage.value, Dimension::voltage()); }},
        {"ev.charger_current", [](BenchSession& s, ReadMemo& m) { return q(m.get("ev", [&s] { return s.ev().status(); }).chargerCurrent.value, Dimension::current()); }},
        {"ev.cc1_voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("ev", [&s] { return s.ev().status(); }).cc1Voltage.value, Dimension::voltage()); }},
        {"ev.paused", [](BenchSession& s, ReadMemo& m) { return Value(m.get("ev", [&s] { return s.ev().status(); }).paused); }},
        {"ev.timeouts", [](BenchSession& s, ReadMemo& m) { return q(static_cast<double>(m.get("ev", [&s] { return s.ev().status(); }).timeouts), Dimension::none()); }},
        {"ev.protocol_state", [](BenchSession& s, ReadMemo& m) { return Value(m.get("ev", [&s] { return s.ev().status(); }).protocolState); }},
        {"evse.protocol_state", [](BenchSession& s, ReadMemo& m) { return Value(m.get("evse", [&s] { return s.evse().status(); }).protocolState); }},
        {"analyzer.ac_voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.voltage.value, Dimension::voltage()); }},
        {"analyzer.ac_current", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.current.value, Dimension::current()); }},
        {"analyzer.ac_power", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.activePower.value, Dimension::power()); }},
        {"analyzer.ac_reactive_power", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.reactivePower.value, Dimension::power()); }},
        {"analyzer.ac_apparent_power", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.apparentPower.value, Dimension::power()); }},
        {"analyzer.power_factor", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.powerFactor.value, Dimension::none()); }},
        {"analyzer.frequency", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.frequency.value, Dimension::frequency()); }},
        {"analyzer.current_thd", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).ac.currentThd.value, Dimension::none()); }},
        {"analyzer.dc_voltage", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).dc.voltage.value, Dimension::voltage()); }},
        {"analyzer.dc_current", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).dc.current.value, Dimension::current()); }},
        {"analyzer.dc_power", [](BenchSession& s, ReadMemo& m) { return q(m.get("analyzer", [&s] { return s.analyzer().read(); }).dc.power.value, Dimension::power()); }},
        {"dut.reported_power", [](BenchSession& s, ReadMemo& m) { return q(m.get("dut", [&s] { return s.dut().status(); }).reportedPower.value, Dimension::power()); }},
        {"dut.dispatch_setpoint", [](BenchSession& s, ReadMemo& m) { return q(m.get("dut", [&s] { return s.dut().status(); }).dispatchSetpoint.value, Dimension::power()); }},
        {"dut.state", [](BenchSession& s, ReadMemo& m) { return Value(m.get("dut", [&s] { return s.dut().status(); }).state); }},
        {"can.frames", [](BenchSession& s, ReadMemo&) { return q(static_cast<double>(s.can().framesRecorded()), Dimension::none()); }},
        {"fault_box.r4", [](BenchSession& s, ReadMemo& m) { return q(m.get("faultBox", [&s] { return s.faultBox().state(); }).r4.value, Dimension::resistance()); }},
    };
    return table;
}

double si(const std::map<std::string, Value>& args, const std::string& name, double fallback) {
    auto it = args.find(name);
    if (it == args.end()) return fallback;
    return it->second.quantity().value;
}

std::string text(const std::map<std::string, Value>& args, const std::string& name, const std::string& fallback) {
    auto it = args.find(name);
    return it == args.end() ? fallback : it->second.string();
}

// grid.sag / grid.frequency_step: a two-step list, the event then the setpoint read before it.
// Refused (std::invalid_argument, nothing sent) when the output is off — a sag from no grid is no
// sag — or while an earlier list runs, whose "present setpoint" would be a value in mid-event.
void runGridEvent(core::GridEmulator& grid, const std::string& name, const std::map<std::string, Value>& a) {
    if (!grid.capabilities().has(core::capability::listMode))
        throw core::CapabilityError(name + ": the grid emulator (" + grid.identity().model + ") has no list mode");
    const double duration = si(a, "duration", 0.0);
    if (!(duration > 0.0)) throw std::invalid_argument(name + ": duration must be positive");
    const auto present = grid.state();
    if (!present.outputOn) throw std::invalid_argument(name + ": the grid output is off (apply the grid first)");
    if (grid.sequenceRunning()) throw std::invalid_argument(name + ": the grid is still running a sequence");
    core::GridSequenceStep event{units::Seconds(duration), present.voltage, present.frequency, false};
    if (name == "grid.sag")
        event.voltage = units::Volts(si(a, "voltage", 0.0));
    else
        event.frequency = units::Hertz(si(a, "frequency", 0.0));
    // The return step holds the setpoint; its length only decides when sequenceRunning() ends.
    const core::GridSequenceStep back{units::Seconds(kReturnStep), present.voltage, present.frequency, false};
    grid.runSequence({event, back});
}

// ev.fault arguments → the role's declarative fault; what each kind needs is checked here so the
// message names the missing argument (the EV emulator checks message and field names).
// evse.fault (the charger emulator) takes the same arguments: one fault vocabulary, mirrored.
core::EvFault evFault(const std::map<std::string, Value>& a, const std::string& action) {
    core::EvFault f;
    const std::string kind = text(a, "kind", "");
    const auto parsed = core::evFaultKindFromString(kind);
    if (!parsed) throw std::invalid_argument(action + ": unknown kind '" + kind + "'");
    f.kind = *parsed;
    f.message = text(a, "message", "");
    f.period = units::Seconds(si(a, "period", 0));
    f.delay = units::Seconds(si(a, "delay", 0));
    f.field = text(a, "field", "");
    f.value = si(a, "value", 0);
    f.dlc = a.count("dlc") ? static_cast<int>(si(a, "dlc", -1)) : -1;
    f.mode = text(a, "mode", "");
    f.phase = text(a, "phase", "");
    f.with = text(a, "with", "");
    f.after = units::Seconds(si(a, "after", 0));
    auto need = [&](bool ok, const char* what) {
        if (!ok) throw std::invalid_argument(action + " kind " + kind + " needs " + what);
    };
    using K = core::EvFaultKind;
    if (f.kind != K::SendBem && f.kind != K::StopAnswering) need(!f.message.empty(), "'message'");
    if (f.kind == K::Period) need(f.period.value > 0, "a positive 'period'");
    if (f.kind == K::Delay) need(f.delay.value > 0, "a positive 'delay'");
    if (f.kind == K::Corrupt) need(!f.field.empty() && a.count("value"), "'field' and 'value'");
    if (f.kind == K::WrongDlc) need(f.dlc >= 0 && f.dlc <= 8, "'dlc' between 0 and 8");
    if (f.kind == K::BreakTransport) need(!f.mode.empty(), "'mode'");
    if (f.kind == K::SendBem) need(!f.field.empty(), "'field' (the BEM timeout bit, e.g. 'CRM timeout')");
    if (f.kind == K::StopAnswering) need(!f.phase.empty(), "'phase'");
    if (f.kind == K::Substitute) need(!f.with.empty(), "'with' (the message sent instead, e.g. BHM)");
    if (f.kind != K::Substitute) need(f.with.empty(), "no 'with' ('with' is for kind substitute)");
    // The charger emulator also times silence, substitute and dlc (a stream that stops, a message that
    // turns bad once the first went out); the EV emulator only corrupt.
    const bool timed = f.kind == K::Corrupt || (action == "evse.fault" && (f.kind == K::Silence || f.kind == K::Substitute ||
                                                                           f.kind == K::WrongDlc));
    if (!timed)
        need(!a.count("after"), action == "evse.fault" ? "no 'after' ('after' is for kinds silence, substitute, corrupt and dlc)"
                                                       : "no 'after' ('after' is for kind corrupt)");
    return f;
}

// daq.<channel>: the latest sample of that channel, in its unit (digital: plain 0/1).
Value readDaq(BenchSession& session, const std::string& channel) {
    const auto* info = core::daqChannel(channel);
    auto& daq = session.daq();
    const auto names = daq.channels();
    const auto sample = daq.read();
    for (std::size_t i = 0; i < names.size() && i < sample.values.size(); ++i) {
        if (names[i] != channel) continue;
        const Dimension d = info->kind == core::DaqChannelKind::Voltage   ? Dimension::voltage()
                            : info->kind == core::DaqChannelKind::Current ? Dimension::current()
                                                                          : Dimension::none();
        return q(sample.values[i], d);
    }
    throw core::CapabilityError("daq (" + daq.identity().model + ") does not acquire channel '" + channel + "'");
}

template <class T, class Parse> T parsed(const std::map<std::string, Value>& a, const std::string& action,
                                         const std::string& name, Parse parse) {
    const std::string value = text(a, name, "");
    const auto result = parse(value);
    if (!result) throw std::invalid_argument(action + ": unknown " + name + " '" + value + "'");
    return *result;
}

core::LineState lineState(const std::string& value) {
    if (value == "closed") return core::LineState::Closed;
    if (value == "open") return core::LineState::Open;
    if (value == "shorted") return core::LineState::Shorted;
    throw std::invalid_argument("fault_box.line: unknown state '" + value + "' (closed, open, shorted)");
}

} // namespace

namespace {
Value readWith(BenchSession& session, const std::string& name, ReadMemo& memo) {
    if (name.rfind("daq.", 0) == 0 && core::daqChannel(name.substr(4))) return readDaq(session, name.substr(4));
    const auto& table = readers();
    auto it = table.find(name);
    if (it == table.end()) throw std::invalid_argument("no reader for signal '" + name + "'");
    return it->second(session, memo);
}
} // namespace

Value readSignal(BenchSession& session, const std::string& name) {
    ReadMemo once(false);
    return readWith(session, name, once);
}

Value SignalBatchReader::read(const std::string& name) { return readWith(m_session, name, m_memo); }

void performAction(BenchSession& session, const DutProfile& dut, const ActionStep& step,
                   const std::map<std::string, Value>& a) {
    const auto name = step.role + "." + step.action;
    if (name == "grid.apply") {
        core::GridSetpoint sp;
        sp.voltage = units::Volts(si(a, "voltage", dut.ratings.acNominalVoltage.value));
        sp.frequency = units::Hertz(si(a, "frequency", dut.ratings.acNominalFrequency.value));
        session.grid().apply(sp);
    } else if (name == "grid.sag" || name == "grid.frequency_step") {
        runGridEvent(session.grid(), name, a);
    } else if (name == "grid.off") {
        session.grid().off();
    } else if (name == "battery.emulate") {
        core::BatteryEmulation m;
        m.voltage = units::Volts(si(a, "voltage", m.voltage.value));
        m.soc = units::Ratio(si(a, "soc", m.soc.value));
        if (m.soc.value < 0 || m.soc.value > 1) throw std::invalid_argument("soc must be between 0 % and 100 %");
        m.capacity = units::AmpereHours(si(a, "capacity", m.capacity.value * 3600.0) / 3600.0);
        if (a.count("internal_resistance")) m.internalResistance = units::Ohms(si(a, "internal_resistance", 0));
        m.maxChargeCurrent = units::Amperes(si(a, "max_charge_current", m.maxChargeCurrent.value));
        m.maxDischargeCurrent = units::Amperes(si(a, "max_discharge_current", m.maxDischargeCurrent.value));
        session.battery().emulate(m);
    } else if (name == "battery.off") {
        session.battery().off();
    } else if (name == "ev.connect") {
        session.ev().connect();
    } else if (name == "ev.demand") {
        core::ChargeDemand d;
        d.voltage = units::Volts(si(a, "voltage", 0));
        d.current = units::Amperes(si(a, "current", 0));
        d.mode = text(a, "mode", "constant-current") == "constant-voltage" ? core::DemandMode::ConstantVoltage
                                                                            : core::DemandMode::ConstantCurrent;
        d.maxDischargeCurrent = units::Amperes(si(a, "max_discharge_current", 0));
        session.ev().demand(d);
    } else if (name == "ev.stop") {
        session.ev().stop();
    } else if (name == "ev.disconnect") {
        session.ev().disconnect();
    } else if (name == "ev.pause") {
        session.ev().pause();
    } else if (name == "ev.resume") {
        session.ev().resume();
    } else if (name == "ev.fault") {
        session.ev().injectFault(evFault(a, "ev.fault"));
    } else if (name == "evse.fault") {
        session.evse().injectFault(evFault(a, "evse.fault"));
    } else if (name == "evse.clear_faults") {
        session.evse().clearFaults();
    } else if (name == "ev.clear_faults") {
        session.ev().clearFaults();
    } else if (name == "ev.switch_s") {
        session.ev().setSwitchS(a.at("closed").boolean());
    } else if (name == "ev.cc1") {
        core::Cc1Setting c;
        c.broken = text(a, "state", "normal") == "broken";
        if (a.count("voltage")) c.voltage = units::Volts(si(a, "voltage", 0));
        if (c.broken && c.voltage) throw std::invalid_argument("ev.cc1: give either state: broken or a voltage, not both");
        session.ev().setCc1(c);
    } else if (name == "ev.contactors") {
        const std::string state = text(a, "state", "");
        if (state != "welded" && state != "normal")
            throw std::invalid_argument("ev.contactors: state must be welded or normal, not '" + state + "'");
        session.ev().setContactorsWelded(state == "welded");
    } else if (name == "dut.dispatch") {
        session.dut().dispatchPower(units::Watts(si(a, "power", 0)));
    } else if (name == "dut.release") {
        session.dut().releaseDispatch();
    } else if (name == "dut.declared_fault") {
        session.dut().triggerDeclaredFault(
            parsed<core::DeclaredFault>(a, name, "fault", [](const std::string& v) { return core::declaredFaultFromString(v); }));
    } else if (name == "dut.clear_fault") {
        session.dut().clearDeclaredFault();
    } else if (name == "dut.stop") {
        session.dut().operatorStop();
    } else if (name == "fault_box.line") {
        const auto line =
            parsed<core::CouplerLine>(a, name, "line", [](const std::string& v) { return core::couplerLineFromString(v); });
        session.faultBox().setLine(line, lineState(text(a, "state", "")));
    } else if (name == "fault_box.r4") {
        session.faultBox().setR4(units::Ohms(si(a, "resistance", 0)));
    } else if (name == "fault_box.insulation") {
        const auto place = parsed<core::InsulationFaultPlace>(
            a, name, "place", [](const std::string& v) { return core::insulationFaultPlaceFromString(v); });
        if (place != core::InsulationFaultPlace::None && !a.count("resistance"))
            throw std::invalid_argument("fault_box.insulation: place " + core::toString(place) + " needs a resistance");
        session.faultBox().setInsulationFault(place, units::Ohms(si(a, "resistance", 0)));
    } else {
        throw std::invalid_argument("no implementation for action '" + name + "'");
    }
}

} // namespace v2gbench::bench
