#include "v2gbench/sim/sim_battery.hpp"

#include "range_check.hpp"

#include <limits>

namespace v2gbench::sim {

SimBattery::SimBattery(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimBattery::identity() const {
    return {detail::kManufacturer, "sim-battery 1000V 300A bidirectional", "SIM-0002", "1.0", ""};
}

core::Capabilities SimBattery::capabilities() const {
    return {core::capability::fourQuadrant, core::capability::batteryModel};
}

void SimBattery::makeSafe() noexcept {
    try {
        off();
    } catch (...) {
    }
}

void SimBattery::emulate(const core::BatteryEmulation& model) {
    constexpr double inf = std::numeric_limits<double>::max();
    detail::requireRange(m_name, "voltage", model.voltage.value, 0.0, kMaxVoltage, "V");
    detail::requireRange(m_name, "max charge current", model.maxChargeCurrent.value, 0.0, kMaxCurrent, "A");
    detail::requireRange(m_name, "max discharge current", model.maxDischargeCurrent.value, 0.0, kMaxCurrent, "A");
    detail::requireRange(m_name, "state of charge", model.soc.value, 0.0, 1.0, "(fraction)");
    detail::requireRange(m_name, "capacity", model.capacity.value, 1e-3, inf, "Ah");
    // The emulation needs a resistance: constant-voltage regulation works through it.
    if (model.internalResistance)
        detail::requireRange(m_name, "internal resistance", model.internalResistance->value, 1e-4, 10.0, "Ohm");
    m_lab->withPlant([&](Plant& p) { p.batteryEmulate(model); });
}

void SimBattery::off() {
    m_lab->withPlant([](Plant& p) { p.batteryOff(); });
}

core::BatteryReading SimBattery::read() {
    return m_lab->withPlant([](Plant& p) { return p.batteryReading(); });
}

} // namespace v2gbench::sim
