#include "v2gbench/sim/sim_ev.hpp"

#include "range_check.hpp"

#include <limits>
#include <stdexcept>

namespace v2gbench::sim {

SimEv::SimEv(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimEv::identity() const {
    return {detail::kManufacturer, "sim-ev GB/T 27930 EV emulator", "SIM-0003", "1.0", ""};
}

core::Capabilities SimEv::capabilities() const {
    return {core::capability::demandControl, core::capability::evPause, core::capability::protocolFaults,
            core::capability::connectionCircuit, core::capability::vehicleContactors};
}

void SimEv::makeSafe() noexcept {
    try {
        m_lab->withPlant([](Plant& p) {
            p.evDemand(core::ChargeDemand{});
            p.evClearFaults();
            p.evDisconnect();
            p.evSetCc1({});
            p.evSetContactorsWelded(false);
        });
    } catch (...) {
    }
}

void SimEv::connect() {
    m_lab->withPlant([](Plant& p) { p.evConnect(); });
}

void SimEv::demand(const core::ChargeDemand& d) {
    constexpr double inf = std::numeric_limits<double>::max();
    detail::requireRange(m_name, "demand current", d.current.value, 0.0, inf, "A");
    detail::requireRange(m_name, "demand voltage", d.voltage.value, 0.0, kMaxVoltage, "V");
    detail::requireRange(m_name, "max discharge current", d.maxDischargeCurrent.value, 0.0, inf, "A");
    m_lab->withPlant([&](Plant& p) { p.evDemand(d); });
}

void SimEv::stop() {
    m_lab->withPlant([](Plant& p) { p.evStop(); });
}

void SimEv::disconnect() {
    m_lab->withPlant([](Plant& p) { p.evDisconnect(); });
}

void SimEv::pause() {
    m_lab->withPlant([](Plant& p) { p.evPause(); });
}

void SimEv::resume() {
    m_lab->withPlant([](Plant& p) { p.evResume(); });
}

void SimEv::injectFault(const core::EvFault& fault) {
    try {
        m_lab->withPlant([&](Plant& p) { p.evInjectFault(fault); });
    } catch (const std::invalid_argument& e) {
        throw core::CapabilityError(m_name + " (sim-ev): " + e.what());
    }
}

void SimEv::clearFaults() {
    m_lab->withPlant([](Plant& p) { p.evClearFaults(); });
}

void SimEv::setSwitchS(bool closed) {
    m_lab->withPlant([&](Plant& p) { p.evSetSwitchS(closed); });
}

void SimEv::setCc1(const core::Cc1Setting& setting) {
    if (setting.voltage) detail::requireRange(m_name, "CC1 voltage", setting.voltage->value, 0.0, 12.0, "V");
    m_lab->withPlant([&](Plant& p) { p.evSetCc1(setting); });
}

void SimEv::setContactorsWelded(bool welded) {
    m_lab->withPlant([&](Plant& p) { p.evSetContactorsWelded(welded); });
}

core::EvStatus SimEv::status() {
    return m_lab->withPlant([](Plant& p) { return p.evStatus(); });
}

} // namespace v2gbench::sim
