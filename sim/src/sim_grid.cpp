#include "v2gbench/sim/sim_grid.hpp"

#include "range_check.hpp"

namespace v2gbench::sim {

SimGrid::SimGrid(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimGrid::identity() const {
    return {detail::kManufacturer, "sim-grid 3x300V 45-65Hz", "SIM-0001", "1.0", ""};
}

core::Capabilities SimGrid::capabilities() const {
    return {core::capability::threePhase};
}

void SimGrid::makeSafe() noexcept {
    try {
        off();
    } catch (...) { // never throws: the lab has no link to lose, but be strict about the contract
    }
}

void SimGrid::apply(const core::GridSetpoint& setpoint) {
    detail::requireRange(m_name, "voltage", setpoint.voltage.value, 0.0, kMaxVoltage, "V");
    detail::requireRange(m_name, "frequency", setpoint.frequency.value, kMinFrequency, kMaxFrequency, "Hz");
    m_lab->withPlant([&](Plant& p) { p.gridApply(setpoint.voltage, setpoint.frequency); });
}

void SimGrid::off() {
    m_lab->withPlant([](Plant& p) { p.gridOff(); });
}

core::GridState SimGrid::state() {
    return m_lab->withPlant([](Plant& p) { return p.gridState(); });
}

} // namespace v2gbench::sim
