#include "v2gbench/sim/sim_fault_box.hpp"

#include "range_check.hpp"

#include <cmath>

namespace v2gbench::sim {

SimFaultBox::SimFaultBox(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimFaultBox::identity() const {
    return {detail::kManufacturer, "sim-fault-box coupler fault simulation unit", "SIM-0007", "1.0", ""};
}

core::Capabilities SimFaultBox::capabilities() const {
    return {core::capability::insulationFault};
}

void SimFaultBox::makeSafe() noexcept {
    try {
        m_lab->withPlant([](Plant& p) {
            for (auto line : {core::CouplerLine::SwitchS, core::CouplerLine::Cc1, core::CouplerLine::Cc2,
                              core::CouplerLine::Pe, core::CouplerLine::CanH, core::CouplerLine::CanL})
                p.faultBoxSetLine(line, core::LineState::Closed);
            p.faultBoxSetR4(ConnectionCircuit::kR4Nominal);
            p.faultBoxSetInsulation(core::InsulationFaultPlace::None, 0.0);
        });
    } catch (...) {
    }
}

void SimFaultBox::requireSettable(const char* what, double ohms, double lo, double hi) const {
    detail::requireRange(m_name, what, ohms, lo, hi, "ohm");
    // Whole ohms only: a value between two steps is refused, not rounded.
    if (std::abs(ohms - std::round(ohms / kResolution) * kResolution) > 1e-6)
        throw core::CapabilityError(m_name + ": " + what + " " + detail::formatNumber(ohms) +
                                    " ohm is not a whole multiple of the unit's 1 ohm resolution");
}

void SimFaultBox::setLine(core::CouplerLine line, core::LineState wanted) {
    const core::LineState state = wanted;
    if (state == core::LineState::Shorted && line != core::CouplerLine::CanH && line != core::CouplerLine::CanL)
        throw core::CapabilityError(m_name + ": line " + core::toString(line) +
                                    " cannot be shorted (only S+ and S-, to each other)");
    m_lab->withPlant([&](Plant& p) {
        p.faultBoxSetLine(line, state);
        // S+ shorted to S- is one relay: both lines read back shorted.
        if (line == core::CouplerLine::CanH || line == core::CouplerLine::CanL) {
            const auto other = line == core::CouplerLine::CanH ? core::CouplerLine::CanL : core::CouplerLine::CanH;
            const auto now = p.faultBoxState();
            const auto otherState = other == core::CouplerLine::CanH ? now.canH : now.canL;
            if (state == core::LineState::Shorted) p.faultBoxSetLine(other, core::LineState::Shorted);
            else if (otherState == core::LineState::Shorted) p.faultBoxSetLine(other, core::LineState::Closed);
        }
    });
    const auto back = this->state();
    const core::LineState read = line == core::CouplerLine::SwitchS ? back.s
                                 : line == core::CouplerLine::Cc1   ? back.cc1
                                 : line == core::CouplerLine::Cc2   ? back.cc2
                                 : line == core::CouplerLine::Pe    ? back.pe
                                 : line == core::CouplerLine::CanH  ? back.canH
                                                                    : back.canL;
    if (read != state)
        throw core::InstrumentError(m_name, "set line " + core::toString(line),
                                    "reads back " + core::toString(read) + ", not " + core::toString(state));
}

void SimFaultBox::setR4(units::Ohms resistance) {
    requireSettable("R4", resistance.value, kR4Min, kR4Max);
    m_lab->withPlant([&](Plant& p) { p.faultBoxSetR4(resistance.value); });
}

void SimFaultBox::setInsulationFault(core::InsulationFaultPlace place, units::Ohms resistance) {
    if (place != core::InsulationFaultPlace::None) requireSettable("insulation fault resistance", resistance.value, kRtMin, kRtMax);
    m_lab->withPlant([&](Plant& p) { p.faultBoxSetInsulation(place, resistance.value); });
}

core::FaultBoxState SimFaultBox::state() {
    return m_lab->withPlant([](Plant& p) { return p.faultBoxState(); });
}

} // namespace v2gbench::sim
