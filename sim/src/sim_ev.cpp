#include "v2gbench/sim/sim_ev.hpp"

#include "range_check.hpp"

#include <limits>

namespace v2gbench::sim {

SimEv::SimEv(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimEv::identity() const {
    return {detail::kManufacturer, "sim-ev GB/T 27930 EV emulator", "SIM-0003", "1.0", ""};
}

core::Capabilities SimEv::capabilities() const {
    return {core::capability::demandControl};
}

void SimEv::makeSafe() noexcept {
    try {
        m_lab->withPlant([](Plant& p) {
            p.evDemand(core::ChargeDemand{});
            p.evDisconnect();
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

core::EvStatus SimEv::status() {
    return m_lab->withPlant([](Plant& p) { return p.evStatus(); });
}

} // namespace v2gbench::sim
