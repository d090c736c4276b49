#include "scpi_models.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace v2gbench::simwire::scpi {

namespace codec = transports::scpi;

namespace {

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// A parameter as text: a quoted string loses its quotes, anything else is taken as typed.
std::string textOf(const std::string& parameter) {
    if (auto u = codec::unquote(parameter)) return *u;
    return parameter;
}

// Quoted when it would not survive unquoted (empty, spaces, separators, quotes).
std::string textParameter(const std::string& text) {
    const bool plain = !text.empty() && text.find_first_of(" \t,;\"'=") == std::string::npos;
    return plain ? text : codec::quote(text);
}

// The fault in EV:FAULt:ADD parameter syntax; members at their default are left out.
std::string formatFault(const core::EvFault& f) {
    std::string out = core::toString(f.kind);
    if (!f.message.empty()) out += "," + textParameter(f.message);
    if (f.period.value != 0.0) out += ",period=" + codec::formatNumber(f.period.value);
    if (f.delay.value != 0.0) out += ",delay=" + codec::formatNumber(f.delay.value);
    if (!f.field.empty()) out += ",field=" + textParameter(f.field);
    if (f.value != 0.0) out += ",value=" + codec::formatNumber(f.value);
    if (f.dlc >= 0) out += ",dlc=" + std::to_string(f.dlc);
    if (!f.mode.empty()) out += ",mode=" + textParameter(f.mode);
    if (!f.phase.empty()) out += ",phase=" + textParameter(f.phase);
    return out;
}

double numberParameter(const std::string& key, const std::string& text) {
    const auto v = codec::parseNumber(text);
    if (!v || !std::isfinite(*v)) throw ScpiStatusError(-104, key + "='" + text + "' is not a number");
    return *v;
}

// BmsEmulator::addFault's rule: SendBem and StopAnswering name no message, one of each kind.
bool replaces(const core::EvFault& added, const core::EvFault& old) {
    if (added.kind != old.kind) return false;
    const bool namesMessage =
        added.kind != core::EvFaultKind::SendBem && added.kind != core::EvFaultKind::StopAnswering;
    return !namesMessage || added.message == old.message;
}

} // namespace

EvScpiModel::EvScpiModel(std::shared_ptr<sim::SimLab> lab, std::string idn) : m_lab(std::move(lab)), m_idn(std::move(idn)) {}

void EvScpiModel::reset() {
    m_lab->withPlant([](sim::Plant& p) {
        p.evDemand(core::ChargeDemand{});
        p.evClearFaults();
        p.evDisconnect();
        p.evSetCc1({});
    });
    m_faults.clear();
    m_cc1 = {};
}

// EV:FAULt:ADD <kind>,<message>[,<key>=<value>]...  (sim/wire/scpi/README.md)
std::string EvScpiModel::addFault(const ScpiCall& call) {
    const auto& args = call.args;
    if (args.empty()) throw ScpiStatusError(-109, "EV:FAULt:ADD needs <kind>[,<message>][,<key>=<value>]...");
    core::EvFault fault;
    const std::string kindText = lower(textOf(args[0]));
    const auto kind = core::evFaultKindFromString(kindText);
    if (!kind)
        throw ScpiStatusError(-224, "unknown fault kind '" + kindText +
                                        "' (silence, period, delay, corrupt, dlc, tp_break, bem, stop_answering, "
                                        "substitute, stale)");
    fault.kind = *kind;
    std::size_t next = 1;
    // The message may be left out (bem, stop_answering name none): then key=value follows at once.
    if (args.size() > 1 && (codec::unquote(args[1]) || args[1].find('=') == std::string::npos)) {
        fault.message = textOf(args[1]);
        for (auto& c : fault.message) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        next = 2;
    }
    for (std::size_t i = next; i < args.size(); ++i) {
        const auto eq = args[i].find('=');
        if (eq == std::string::npos)
            throw ScpiStatusError(-224, "parameter " + std::to_string(i + 1) + " '" + args[i] + "' is not <key>=<value>");
        std::string key = lower(args[i].substr(0, eq));
        while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
        std::string raw = args[i].substr(eq + 1);
        while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) raw.erase(0, 1);
        const std::string value = textOf(raw);
        if (key == "period") fault.period = units::Seconds(numberParameter(key, value));
        else if (key == "delay") fault.delay = units::Seconds(numberParameter(key, value));
        else if (key == "field") fault.field = value;
        else if (key == "value") fault.value = numberParameter(key, value);
        else if (key == "dlc") {
            const double d = numberParameter(key, value);
            if (d != std::floor(d) || d < 0 || d > 255)
                throw ScpiStatusError(-224, "dlc=" + value + " is not a whole number of bytes");
            fault.dlc = static_cast<int>(d);
        } else if (key == "mode") fault.mode = value;
        else if (key == "phase") fault.phase = value;
        else if (key == "with") {
            fault.with = value;
            for (auto& c : fault.with) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (key == "after") fault.after = units::Seconds(numberParameter(key, value));
        else
            throw ScpiStatusError(-224, "unknown fault parameter '" + key +
                                            "' (period, delay, field, value, dlc, mode, phase, with, after)");
    }
    try {
        m_lab->withPlant([&](sim::Plant& p) { p.evInjectFault(fault); });
    } catch (const std::invalid_argument& e) {
        throw ScpiStatusError(-224, e.what());
    }
    std::erase_if(m_faults, [&](const core::EvFault& f) { return replaces(fault, f); });
    m_faults.push_back(fault);
    return {};
}

std::string EvScpiModel::execute(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "connect") {
        m_lab->withPlant([](sim::Plant& p) { p.evConnect(); });
        m_cc1.broken = false; // a fresh plug; a forced detection voltage stays (Plant::evConnect)
        return {};
    }
    if (op == "stop") return m_lab->withPlant([](sim::Plant& p) { p.evStop(); }), "";
    if (op == "disconnect") {
        m_lab->withPlant([](sim::Plant& p) { p.evDisconnect(); });
        m_faults.clear(); // unplugging clears the faults and the connection circuit
        m_cc1 = {};
        return {};
    }
    if (op == "pause") return m_lab->withPlant([](sim::Plant& p) { p.evPause(); }), "";
    if (op == "resume") return m_lab->withPlant([](sim::Plant& p) { p.evResume(); }), "";
    if (op == "fault.add") return addFault(call);
    if (op == "fault.clear") {
        m_lab->withPlant([](sim::Plant& p) { p.evClearFaults(); });
        m_faults.clear();
        return {};
    }
    if (op == "fault.list") {
        if (m_faults.empty()) return "\"\"";
        std::string out;
        for (const auto& f : m_faults) out += (out.empty() ? "" : ",") + codec::quote(formatFault(f));
        return out;
    }
    if (op == "switch.s") {
        if (call.query) {
            const bool closed = m_lab->withPlant([](sim::Plant& p) { return p.evStatus().switchSClosed; });
            return closed ? "CLOS" : "OPEN";
        }
        m_lab->withPlant([&](sim::Plant& p) { p.evSetSwitchS(call.choice == 1); });
        return {};
    }
    if (op == "cc1" || op == "cc1.voltage") {
        if (call.query) {
            if (op == "cc1") return m_cc1.broken ? "BROK" : "NORM";
            return codec::formatNumber(m_lab->withPlant([](sim::Plant& p) { return p.evStatus().cc1Voltage.value; }));
        }
        if (op == "cc1") {
            // NORMal / BROKen state the circuit afresh: a forced voltage goes too.
            m_cc1 = {};
            m_cc1.broken = call.choice == 1;
        } else {
            m_cc1.voltage = units::Volts(call.number);
        }
        m_lab->withPlant([&](sim::Plant& p) { p.evSetCc1(m_cc1); });
        return {};
    }
    if (op == "contactors") {
        if (call.query) return m_lab->withPlant([](sim::Plant& p) { return p.evStatus().contactorsWelded; }) ? "WELD" : "NORM";
        m_lab->withPlant([&](sim::Plant& p) { p.evSetContactorsWelded(call.choice == 1); });
        return {};
    }
    if (op == "plug") {
        return m_lab->withPlant([](sim::Plant& p) {
            return std::string(p.plugged() ? "1" : "0") + "," + std::to_string(p.plugIns());
        });
    }
    if (op == "status") {
        const auto s = m_lab->withPlant([](sim::Plant& p) { return p.evStatus(); });
        // The first six fields are the original reply; the connection circuit and protocol follow.
        return core::toString(s.phase) + "," + codec::formatNumber(s.demand.voltage.value) + "," +
               codec::formatNumber(s.demand.current.value) + "," + codec::formatNumber(s.chargerVoltage.value) + "," +
               codec::formatNumber(s.chargerCurrent.value) + "," + codec::quote(s.detail) + "," +
               codec::formatNumber(s.cc1Voltage.value) + "," + (s.switchSClosed ? "1" : "0") + "," +
               (s.paused ? "1" : "0") + "," + std::to_string(s.timeouts) + "," + codec::quote(s.protocolState) + "," +
               (s.contactorsClosed ? "1" : "0") + "," + (s.contactorsWelded ? "1" : "0");
    }
    if (op.rfind("demand.", 0) == 0) {
        return m_lab->withPlant([&](sim::Plant& p) -> std::string {
            auto d = p.evStatus().demand;
            if (call.query) {
                if (op == "demand.voltage") return codec::formatNumber(d.voltage.value);
                if (op == "demand.current") return codec::formatNumber(d.current.value);
                if (op == "demand.discharge") return codec::formatNumber(d.maxDischargeCurrent.value);
                return d.mode == core::DemandMode::ConstantCurrent ? "CC" : "CV";
            }
            if (op == "demand.voltage") d.voltage = units::Volts(call.number);
            else if (op == "demand.current") d.current = units::Amperes(call.number);
            else if (op == "demand.discharge") d.maxDischargeCurrent = units::Amperes(call.number);
            else d.mode = call.choice == 0 ? core::DemandMode::ConstantCurrent : core::DemandMode::ConstantVoltage;
            p.evDemand(d);
            return {};
        });
    }
    throw ScpiStatusError(-113, op);
}

} // namespace v2gbench::simwire::scpi
