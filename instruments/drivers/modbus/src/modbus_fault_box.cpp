#include "v2gbench/drivers/modbus/modbus_fault_box.hpp"

#include "v2gbench/core/errors.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace v2gbench::drivers::modbus {

namespace {

const FaultBoxWiring& wiringOrThrow(const std::string& who, const std::string& name) {
    if (const auto* w = faultBoxWiring(name)) return *w;
    std::string known;
    for (const auto& n : faultBoxWiringNames())
        known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument(who + ": unknown fault box wiring '" + name + "' (known: " + known + ")");
}

const RelayModuleModel& modelOrThrow(const std::string& who, const FaultBoxWiring& w) {
    const auto problems = wiringProblems(w);
    if (!problems.empty()) throw std::logic_error(who + ": " + problems.front());
    return *relayModuleModel(w.model);
}

std::string onOff(bool on) { return on ? "on" : "off"; }

} // namespace

ModbusFaultBox::ModbusFaultBox(std::string instrumentName, transports::ModbusSettings settings, core::ExchangeLog* log,
                               const ModbusFaultBoxOptions& options)
    : m_name(std::move(instrumentName)), m_wiring(wiringOrThrow(m_name, options.wiring)),
      m_model(modelOrThrow(m_name, m_wiring)), m_options(options),
      m_session(std::make_unique<transports::ModbusSession>(std::move(settings), m_name, log)) {
    try {
        m_session->connect();
        (void)readRelays();
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, "connect", e.what());
    }
}

core::InstrumentIdentity ModbusFaultBox::identity() const {
    // Relay modules publish no identity registers; the model is the one the wiring names.
    return {m_model.manufacturer, m_model.product + " (" + m_wiring.name + ")", "", "", ""};
}

core::Capabilities ModbusFaultBox::capabilities() const {
    core::Capabilities c;
    if (m_wiring.rtPositiveRelay >= 0 && m_wiring.rtNegativeRelay >= 0) c.add(core::capability::insulationFault);
    return c;
}

std::string ModbusFaultBox::relayRole(std::size_t relay) const {
    const int r = static_cast<int>(relay);
    for (std::size_t i = 0; i < m_wiring.openRelay.size(); ++i)
        if (m_wiring.openRelay[i] == r) return "opens " + core::toString(static_cast<core::CouplerLine>(i));
    if (r == m_wiring.canShortRelay) return "shorts s+/s-";
    if (r == m_wiring.rtPositiveRelay) return "inserts Rt at dc+/pe";
    if (r == m_wiring.rtNegativeRelay) return "inserts Rt at dc-/pe";
    for (int s : m_wiring.r4.selectRelays)
        if (s == r) return "selects R4";
    for (int s : m_wiring.rt.selectRelays)
        if (s == r) return "selects Rt";
    return "spare";
}

std::vector<bool> ModbusFaultBox::readRelays() {
    try {
        return m_session->readCoils(m_model.relayCoilBase, m_model.relayCount);
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, "read relays", e.what());
    }
}

void ModbusFaultBox::apply(const std::vector<bool>& relays, const std::string& request) {
    try {
        m_session->writeCoils(m_model.relayCoilBase, relays);
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, request, e.what());
    }
    const auto coils = readRelays();
    for (std::size_t i = 0; i < relays.size(); ++i)
        if (coils.at(i) != relays[i])
            throw core::InstrumentError(m_name, request,
                                        "relay " + std::to_string(i + 1) + " (" + relayRole(i) + ") reads back " +
                                            onOff(coils[i]) + " after writing " + onOff(relays[i]));
    if (m_wiring.feedbackInput.empty() || m_model.inputArea == InputArea::None) return;
    // The auxiliary contacts follow the coils after the relay's operate time: poll until they agree.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                  std::chrono::duration<double>(m_options.settle.value));
    for (;;) {
        std::vector<bool> inputs;
        try {
            inputs = m_model.inputArea == InputArea::Coils ? m_session->readCoils(m_model.inputBase, m_model.inputCount)
                                                           : m_session->readDiscreteInputs(m_model.inputBase, m_model.inputCount);
        } catch (const transports::ModbusError& e) {
            throw core::InstrumentError(m_name, request + ": read feedback", e.what());
        }
        std::size_t wrong = relays.size();
        for (std::size_t i = 0; i < relays.size() && wrong == relays.size(); ++i) {
            const int di = m_wiring.feedbackInput[i];
            if (di >= 0 && inputs.at(static_cast<std::size_t>(di)) != relays[i]) wrong = i;
        }
        if (wrong == relays.size()) return;
        if (std::chrono::steady_clock::now() >= deadline)
            throw core::InstrumentError(m_name, request,
                                        "relay " + std::to_string(wrong + 1) + " (" + relayRole(wrong) +
                                            "): its auxiliary contact (DI " +
                                            std::to_string(m_wiring.feedbackInput[wrong] + 1) + ") still reads " +
                                            onOff(!relays[wrong]) + " after the settle time");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void ModbusFaultBox::setLine(core::CouplerLine line, core::LineState state) {
    const auto target = withLine(m_wiring, readRelays(), line, state, m_name);
    apply(target, "line " + core::toString(line) + " " + core::toString(state));
}

void ModbusFaultBox::setR4(units::Ohms resistance) {
    const auto target = withR4(m_wiring, readRelays(), resistance.value, m_name);
    char text[32];
    std::snprintf(text, sizeof text, "%g", resistance.value);
    apply(target, std::string("R4 ") + text + " ohm");
}

void ModbusFaultBox::setInsulationFault(core::InsulationFaultPlace place, units::Ohms resistance) {
    const auto target = withInsulationFault(m_wiring, readRelays(), place, resistance.value, m_name);
    char text[32];
    std::snprintf(text, sizeof text, "%g", resistance.value);
    apply(target, "insulation fault " + core::toString(place) + " " + text + " ohm");
}

core::FaultBoxState ModbusFaultBox::state() { return decodeRelays(m_wiring, readRelays()); }

void ModbusFaultBox::makeSafe() noexcept {
    try {
        // Every relay de-energised is the safe state by the wiring's rule.
        apply(std::vector<bool>(static_cast<std::size_t>(m_model.relayCount), false), "make safe");
    } catch (...) {
        // makeSafe never throws; the session's timeouts bound it.
    }
}

} // namespace v2gbench::drivers::modbus
