#include "v2gbench/sim/sim_evse.hpp"

#include "range_check.hpp"

#include <stdexcept>

namespace v2gbench::sim {

SimEvse::SimEvse(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimEvse::identity() const {
    return {detail::kManufacturer, "sim-evse GB/T 27930 charger emulator", "SIM-0009", "1.0", ""};
}

core::Capabilities SimEvse::capabilities() const {
    return {core::capability::protocolFaults};
}

void SimEvse::makeSafe() noexcept {
    try {
        m_lab->withPlant([](Plant& p) { p.evseClearFaults(); });
    } catch (...) {
    }
}

void SimEvse::injectFault(const core::EvFault& fault) {
    try {
        m_lab->withPlant([&](Plant& p) { p.evseInjectFault(fault); });
    } catch (const std::invalid_argument& e) {
        throw core::CapabilityError(m_name + " (sim-evse): " + e.what());
    }
}

void SimEvse::clearFaults() {
    m_lab->withPlant([](Plant& p) { p.evseClearFaults(); });
}

core::ChargerEmulatorStatus SimEvse::status() {
    return m_lab->withPlant([](Plant& p) { return p.evseStatus(); });
}

} // namespace v2gbench::sim
