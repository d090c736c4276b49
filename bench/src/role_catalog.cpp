#include "v2gbench/bench/role_catalog.hpp"

#include "v2gbench/bench/bus_vocabulary.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <algorithm>

namespace v2gbench::bench {

namespace {

using core::Dimension;

ValueType q(Dimension d) { return ValueType::quantity(d); }

ParameterSpec req(std::string name, ValueType type, std::string description) {
    return {std::move(name), type, true, {}, std::move(description)};
}
ParameterSpec opt(std::string name, ValueType type, std::string description) {
    return {std::move(name), type, false, {}, std::move(description)};
}
ParameterSpec word(std::string name, std::string description, std::vector<std::string> choices = {}) {
    ParameterSpec p{std::move(name), ValueType::text(), false, std::move(choices), std::move(description)};
    p.literal = true;
    return p;
}

struct Vocabulary {
    std::vector<std::string> roles;
    std::vector<ActionSpec> actions;
    std::vector<SignalSpec> signals;
};
Vocabulary makeBuiltin();

// The GB/T 27930 messages (not the TP frame names) an ev.fault may name.
std::vector<std::string> gbt27930Messages() {
    std::vector<std::string> names;
    for (const auto& n : busMessageNames())
        if (n.find('.') == std::string::npos) names.push_back(n);
    return names;
}

} // namespace

const RoleCatalog& RoleCatalog::builtin() {
    static const RoleCatalog catalog = [] {
        Vocabulary v = makeBuiltin();
        return RoleCatalog(std::move(v.roles), std::move(v.actions), std::move(v.signals));
    }();
    return catalog;
}

RoleCatalog::RoleCatalog(std::vector<std::string> roles, std::vector<ActionSpec> actions, std::vector<SignalSpec> signals)
    : m_roles(std::move(roles)), m_actions(std::move(actions)), m_signals(std::move(signals)) {}

bool RoleCatalog::isRole(const std::string& role) const {
    return std::find(m_roles.begin(), m_roles.end(), role) != m_roles.end();
}

const ActionSpec* RoleCatalog::action(const std::string& qualifiedName) const {
    for (const auto& a : m_actions)
        if (a.qualifiedName() == qualifiedName) return &a;
    return nullptr;
}

const SignalSpec* RoleCatalog::signal(const std::string& name) const {
    for (const auto& s : m_signals)
        if (s.name == name) return &s;
    return nullptr;
}

std::string RoleCatalog::suggestAction(const std::string& qualifiedName) const {
    std::vector<std::string> names;
    for (const auto& a : m_actions) names.push_back(a.qualifiedName());
    return closestMatch(qualifiedName, names);
}

std::string RoleCatalog::suggestSignal(const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& s : m_signals) names.push_back(s.name);
    return closestMatch(name, names);
}

namespace {

Vocabulary makeBuiltin() {
    const ValueType volt = q(Dimension::voltage()), amp = q(Dimension::current()), watt = q(Dimension::power()),
                    hz = q(Dimension::frequency()), ohm = q(Dimension::resistance()), ah = q(Dimension::charge()),
                    sec = q(Dimension::time()), plain = q(Dimension::none()), boolean = ValueType::boolean(),
                    text = ValueType::text();

    std::vector<ActionSpec> actions;
    actions.push_back({"grid", "apply",
                       {req("voltage", volt, "RMS line-to-neutral voltage"), opt("frequency", hz, "frequency")},
                       "switch the grid emulator's output on at the given voltage and frequency"});
    // List mode: the grid emulator times the event itself; the action returns at once, so the
    // plan can measure during it. Both return to the setpoint present when the action starts.
    actions.push_back({"grid",
                       "sag",
                       {req("voltage", volt, "RMS line-to-neutral voltage during the sag"),
                        req("duration", sec, "how long the voltage stays at the sag level")},
                       "drop the grid voltage for a duration, then return to the present setpoint (list mode)"});
    actions.push_back({"grid",
                       "frequency_step",
                       {req("frequency", hz, "frequency during the step"),
                        req("duration", sec, "how long the frequency stays at the step value")},
                       "step the grid frequency for a duration, then return to the present setpoint (list mode)"});
    actions.push_back({"grid", "off", {}, "switch the grid emulator's output off"});
    actions.push_back({"battery", "emulate",
                       {req("voltage", volt, "open-circuit voltage"),
                        opt("soc", plain, "state of charge, a fraction or a percentage (50 %)"),
                        opt("capacity", ah, "capacity, e.g. 100 Ah"),
                        opt("internal_resistance", ohm, "series resistance"),
                        opt("max_charge_current", amp, "current limit into the battery"),
                        opt("max_discharge_current", amp, "current limit out of the battery")},
                       "emulate a battery on the DC supply"});
    actions.push_back({"battery", "off", {}, "switch the DC supply's output off"});
    actions.push_back({"ev", "connect", {}, "plug the EV emulator in and start the charging protocol"});
    ParameterSpec mode = opt("mode", text, "control mode");
    mode.choices = {"constant-current", "constant-voltage"};
    actions.push_back({"ev", "demand",
                       {req("voltage", volt, "demanded voltage"), req("current", amp, "demanded current"), mode,
                        opt("max_discharge_current", amp, "discharge current the EV allows (V2G)")},
                       "send a charging demand from the EV"});
    actions.push_back({"ev", "stop", {}, "ask the charger to stop charging (normal end)"});
    actions.push_back({"ev", "disconnect", {}, "unplug the EV emulator"});
    actions.push_back({"ev", "pause", {}, "suspend charging from the vehicle (BSM: charging not permitted)"});
    actions.push_back({"ev", "resume", {}, "permit charging again after a pause (BSM)"});
    ParameterSpec faultKind = req("kind", text, "what to do to the message");
    faultKind.choices = {"silence", "period", "delay",          "corrupt",    "dlc",
                         "tp_break", "bem",   "stop_answering", "substitute", "stale"};
    ParameterSpec tpMode = opt("mode", text, "how tp_break breaks the transfer");
    tpMode.choices = {"abort", "missing-packet", "wrong-sequence", "no-end"};
    ParameterSpec fromPhase = opt("phase", text, "stop_answering: the phase from which the EV sends nothing");
    fromPhase.choices = {"handshake", "configuration", "charging", "end"};
    actions.push_back({"ev",
                       "fault",
                       {faultKind, word("message", "GB/T 27930 message, e.g. BRM", gbt27930Messages()),
                        opt("period", sec, "period: the new period"), opt("delay", sec, "delay: added to every frame"),
                        word("field", "corrupt: the field, e.g. current demand; bem: the BEM timeout bit, e.g. CRM timeout"),
                        opt("value", plain, "corrupt: raw value sent in the field"),
                        opt("dlc", plain, "dlc: data length code sent (0..8)"), tpMode, fromPhase,
                        word("with", "substitute: the single-frame message sent instead, e.g. BHM", gbt27930Messages()),
                        opt("after", sec, "corrupt: from this long after the message's first frame on (default 0 s)")},
                       "inject a protocol fault on the EV side (declarative; stays until ev.clear_faults or unplug)"});
    actions.push_back({"ev", "clear_faults", {}, "remove every injected protocol fault"});
    // The charger emulator (BMS under test): the same fault vocabulary on the charger's frames. Its
    // messages are the ones protocols/gbt27930/charger_fault_rules.cpp applies (bench does not link
    // the protocol library), so a plan naming another is a file:line:column error.
    ParameterSpec evseKind = req("kind", text, "what to do to the charger's message");
    evseKind.choices = {"silence", "substitute", "corrupt", "dlc", "tp_break"};
    ParameterSpec evseTpMode = opt("mode", text, "tp_break: no-cts (the vehicle's RTS is never answered) or abort");
    evseTpMode.choices = {"no-cts", "abort"};
    actions.push_back({"evse",
                       "fault",
                       {evseKind,
                        word("message", "charger message (CHM, CRM, CTS, CML, CRO, CCS, CST, CSD, CEM); tp_break: the "
                                        "vehicle's BRM, BCP or BCS",
                             {"CHM", "CRM", "CTS", "CML", "CRO", "CCS", "CST", "CSD", "CEM", "BRM", "BCP", "BCS"}),
                        word("field", "corrupt: the field, e.g. recognition"),
                        opt("value", plain, "corrupt: raw value sent in the field"), evseTpMode,
                        word("with", "substitute: the charger message sent instead, e.g. CHM",
                             {"CHM", "CRM", "CTS", "CML", "CRO", "CCS", "CST", "CSD", "CEM"}),
                        opt("dlc", plain, "dlc: data length code sent (0..8)"),
                        opt("after", sec, "silence, substitute, corrupt, dlc: from this long after the message's first "
                                          "frame on (default 0 s)")},
                       "inject a protocol fault on the charger emulator's side (declarative; stays until "
                       "evse.clear_faults)"});
    actions.push_back({"evse", "clear_faults", {}, "remove every fault of the charger emulator"});
    actions.push_back({"ev", "switch_s", {req("closed", boolean, "true: closed (normal); false: open (button pressed)")},
                       "operate switch S of the vehicle connector (connection circuit)"});
    ParameterSpec cc1State = opt("state", text, "normal or broken (vehicle interface disconnected)");
    cc1State.choices = {"normal", "broken"};
    actions.push_back({"ev", "cc1",
                       {cc1State, opt("voltage", volt, "force detection point 1 to this voltage (D0.6002)")},
                       "set the CC1 detection circuit: normal, broken, or a forced voltage"});
    ParameterSpec contactorState = req("state", text, "welded (K5/K6 held closed) or normal (the vehicle's sequence)");
    contactorState.choices = {"welded", "normal"};
    contactorState.literal = true;
    actions.push_back({"ev", "contactors", {contactorState},
                       "hold the vehicle's K5/K6 closed from plug-in on, so the battery is on the inlet before "
                       "the insulation check (GB/T 34657.1 D0.2001 abnormal; capability vehicle-contactors)"});
    actions.push_back({"dut", "dispatch", {req("power", watt, "power setpoint; negative discharges to the grid")},
                       "send a V2G dispatch setpoint to the charger"});
    actions.push_back({"dut", "release", {}, "withdraw the dispatch setpoint"});
    ParameterSpec declared = req("fault", text, "emergency-stop or declared-fault");
    declared.choices = {"emergency-stop", "declared-fault"};
    declared.literal = true;
    actions.push_back({"dut", "declared_fault", {declared},
                       "trigger the manufacturer-declared non-continuable fault through the charger's test mode "
                       "(GB/T 34657.1 Annex C, D0.4506; capability declared-faults)"});
    actions.push_back({"dut", "clear_fault", {}, "clear the declared fault (the charger does not resume by itself)"});
    actions.push_back({"dut", "stop", {},
                       "the operator ends the session at the charger: its stop control, a normal end with CST "
                       "'manual stop' (GB/T 34657.1 D0.5001 a, D0.5101 charger-initiated; capability operator-stop)"});
    ParameterSpec line = req("line", text, "coupler line: s, cc1, cc2, pe, s+, s-");
    line.choices = {"s", "cc1", "cc2", "pe", "s+", "s-"};
    line.literal = true;
    ParameterSpec lineState = req("state", text, "closed, open, or shorted (S+/S- only, to each other)");
    lineState.choices = {"closed", "open", "shorted"};
    lineState.literal = true;
    actions.push_back({"fault_box", "line", {line, lineState},
                       "open, close or short a coupler line in the fault-simulation unit"});
    actions.push_back({"fault_box", "r4", {req("resistance", ohm, "R4, nominal 1000 ohm (GB/T 18487.1 Table B.1)")},
                       "set R4, which moves detection point 1"});
    ParameterSpec place = req("place", text, "none, dc+/pe, dc-/pe or both");
    place.choices = {"none", "dc+/pe", "dc-/pe", "both"};
    place.literal = true;
    actions.push_back({"fault_box", "insulation",
                       {place, opt("resistance", ohm, "Rt; required unless place is none")},
                       "insert the insulation fault resistance Rt between DC+/PE, DC-/PE or both (none removes it)"});

    std::vector<SignalSpec> signals = {
        {"grid.voltage", "grid", volt, "grid emulator RMS voltage"},
        {"grid.frequency", "grid", hz, "grid emulator frequency"},
        {"grid.on", "grid", boolean, "grid emulator output on"},
        {"battery.voltage", "battery", volt, "DC supply voltage"},
        {"battery.current", "battery", amp, "DC supply current, positive into the battery"},
        {"battery.soc", "battery", plain, "emulated state of charge (fraction)"},
        {"battery.on", "battery", boolean, "DC supply output on"},
        {"ev.phase", "ev", text, "charging protocol phase, e.g. 'charging'"},
        {"ev.demand_voltage", "ev", volt, "voltage the EV demands"},
        {"ev.demand_current", "ev", amp, "current the EV demands"},
        {"ev.charger_voltage", "ev", volt, "output voltage the charger reports"},
        {"ev.charger_current", "ev", amp, "output current the charger reports"},
        {"ev.cc1_voltage", "ev", volt, "detection point 1 voltage of the connection circuit"},
        {"ev.paused", "ev", boolean, "the EV has suspended charging (BSM)"},
        {"ev.timeouts", "ev", plain, "protocol timeouts (BEM) since plug-in"},
        {"ev.protocol_state", "ev", text, "state of the EV's GB/T 27930 state machine"},
        {"evse.protocol_state", "evse", text, "state of the charger emulator's GB/T 27930 state machine"},
        {"analyzer.ac_voltage", "analyzer", volt, "AC RMS voltage"},
        {"analyzer.ac_current", "analyzer", amp, "AC RMS current"},
        {"analyzer.ac_power", "analyzer", watt, "AC active power (W)"},
        {"analyzer.ac_reactive_power", "analyzer", watt, "AC reactive power (var)"},
        {"analyzer.ac_apparent_power", "analyzer", watt, "AC apparent power (VA)"},
        {"analyzer.power_factor", "analyzer", plain, "power factor"},
        {"analyzer.frequency", "analyzer", hz, "AC frequency"},
        {"analyzer.current_thd", "analyzer", plain, "current total harmonic distortion (fraction)"},
        {"analyzer.dc_voltage", "analyzer", volt, "DC output voltage"},
        {"analyzer.dc_current", "analyzer", amp, "DC output current, positive into the battery"},
        {"analyzer.dc_power", "analyzer", watt, "DC output power"},
        {"dut.reported_power", "dut", watt, "power the charger reports on its control interface"},
        {"dut.dispatch_setpoint", "dut", watt, "dispatch setpoint the charger has accepted"},
        {"dut.state", "dut", text, "charger state on its control interface"},
        {"bench.time", "bench", sec, "time since the plan started"},
        {"can.frames", "can", ValueType::quantity(core::Dimension::none()), "CAN frames recorded since the session opened"},
        {"fault_box.r4", "fault_box", ohm, "R4 as the fault-simulation unit reads it back"},
    };
    for (const auto& c : core::daqChannels()) {
        const ValueType type = c.kind == core::DaqChannelKind::Voltage   ? volt
                               : c.kind == core::DaqChannelKind::Current ? amp
                                                                         : plain;
        signals.push_back({std::string("daq.") + c.name, "daq", type, c.description});
    }
    return {{"grid", "battery", "ev", "analyzer", "dut", "can", "fault_box", "daq", "evse"}, std::move(actions),
            std::move(signals)};
}

} // namespace

} // namespace v2gbench::bench
