#include "v2gbench/sim/sim_dut.hpp"

#include "range_check.hpp"

namespace v2gbench::sim {

SimDut::SimDut(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimDut::identity() const {
    const auto& r = m_lab->ratings();
    std::string model = "sim-charger";
    if (!r.model.empty()) model += " (" + r.model + ")";
    // The firmware string names the defect so that the run record shows which charger was tested.
    const std::string firmware = "1.0+" + (m_lab->defect().empty() ? std::string("conforming") : m_lab->defect());
    return {detail::kManufacturer, model, "SIM-0005", firmware, ""};
}

core::Capabilities SimDut::capabilities() const {
    core::Capabilities caps;
    if (m_lab->ratings().bidirectional) caps.add(core::capability::powerDispatch);
    caps.add(core::capability::declaredFaults);
    caps.add(core::capability::operatorStop);
    return caps;
}

void SimDut::makeSafe() noexcept {
    try {
        releaseDispatch();
        clearDeclaredFault();
    } catch (...) {
    }
}

void SimDut::triggerDeclaredFault(core::DeclaredFault fault) {
    m_lab->withPlant([&](Plant& p) { p.setDeclaredFault(fault); });
}

void SimDut::operatorStop() {
    m_lab->withPlant([](Plant& p) { p.operatorStop(); });
}

void SimDut::clearDeclaredFault() {
    m_lab->withPlant([](Plant& p) { p.setDeclaredFault(std::nullopt); });
}

core::DutRatings SimDut::ratings() {
    return m_lab->ratings();
}

void SimDut::dispatchPower(units::Watts setpoint) {
    const auto& r = m_lab->ratings();
    if (setpoint.value < 0.0 && !r.bidirectional)
        throw core::CapabilityError(m_name + ": discharge setpoint " + detail::formatNumber(setpoint.value) +
                                    " W refused: the charger is not bidirectional");
    const double lo = r.bidirectional ? -r.maxDischargePower.value : 0.0;
    detail::requireRange(m_name, "power setpoint", setpoint.value, lo, r.dcMaxPower.value, "W");
    m_lab->withPlant([&](Plant& p) { p.dispatch(setpoint); });
}

void SimDut::releaseDispatch() {
    m_lab->withPlant([](Plant& p) { p.releaseDispatch(); });
}

core::ChargerStatus SimDut::status() {
    return m_lab->withPlant([](Plant& p) { return p.chargerStatus(); });
}

} // namespace v2gbench::sim
