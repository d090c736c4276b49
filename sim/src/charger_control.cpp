#include "v2gbench/sim/charger_control.hpp"

namespace v2gbench::sim {

namespace gbt = protocols::gbt27930;

ChargerControl::ChargerControl(const core::DutRatings& ratings, const PlantParameters& params, SimCanBus& bus)
    : m_ratings(ratings), m_p(params), m_bus(bus), m_node(bus.attachNode()) {}

ChargerControl::Cc1 ChargerControl::classify(double v) const {
    if (v >= m_p.cc1Low && v <= m_p.cc1High) return Cc1::Normal;
    if (v >= 10.0) return Cc1::Broken;          // open circuit: 12 V
    if (v >= 5.2 && v <= 6.8) return Cc1::SOpen; // 6 ± 0.8 V
    return Cc1::OutOfWindow;
}

void ChargerControl::stopFor(const char* cstField, const std::string& why) {
    if (m_fault.empty()) m_fault = why;
    if (!m_machine) return;
    const auto s = m_machine->state();
    if (s == gbt::ChargerState::Stopping || s == gbt::ChargerState::Finished || s == gbt::ChargerState::Failed) return;
    m_machine->stop(cstField);
}

void ChargerControl::protect(double now, const ChargerInputs& in) {
    const auto state = m_machine->state();
    const bool delivering = state == gbt::ChargerState::Charging || state == gbt::ChargerState::Ready;
    switch (classify(in.detectionVoltage)) {
    case Cc1::Normal: break;
    case Cc1::SOpen:
        if (!m_cutOutput) {
            m_cutOutput = true;
            m_emergencyCut = m_p.emergencyCutOnSOpen;
        }
        stopFor("connector fault", "switch S opened");
        break;
    case Cc1::Broken:
        m_cutOutput = true;
        m_emergencyCut = true;
        if (m_p.cstOnCc1Break) stopFor("connector fault", "CC1 broken");
        else if (m_fault.empty()) m_fault = "CC1 broken";
        break;
    case Cc1::OutOfWindow:
        m_cutOutput = true;
        stopFor("connector fault", "detection point 1 out of window");
        break;
    }
    if (!in.gridOk && delivering) {
        m_cutOutput = true;
        stopFor("energy cannot be delivered", "grid lost");
    }
    const auto& limits = m_machine->vehicleLimits();
    if (m_p.stopOnVehicleOvervoltage && limits.maxChargeVoltage && state == gbt::ChargerState::Charging &&
        in.outputVoltage > *limits.maxChargeVoltage) {
        if (m_overvoltageSince < 0) m_overvoltageSince = now;
        if (now - m_overvoltageSince >= m_p.overvoltageDebounce) {
            m_cutOutput = true;
            stopFor("voltage abnormal", "output above the vehicle's maximum charge voltage");
        }
    } else {
        m_overvoltageSince = -1.0;
    }
}

void ChargerControl::step(double now, const ChargerInputs& in) {
    auto inbox = m_bus.take(m_node);
    if (!in.plugged) {
        unplugged();
        return;
    }
    if (!m_machine) {
        // A session starts only with detection point 1 in its window (GB/T 34657.1 D0.6002), and
        // only with mains: the control unit is powered from the grid.
        if (classify(in.detectionVoltage) != Cc1::Normal || !in.gridOk) return;
        gbt::ChargerConfig c;
        c.maxOutputVoltage = m_ratings.dcMaxVoltage.value;
        c.minOutputVoltage = m_ratings.dcMinVoltage.value;
        c.maxOutputCurrent = m_ratings.dcMaxCurrent.value;
        c.ccsPeriod = m_p.ccsPeriod;
        c.honourBclTimeout = m_p.honourBclTimeout;
        c.correctCemBits = m_p.correctCemBits;
        c.crmAaAfterBrmComplete = m_p.crmAaAfterBrmComplete;
        c.retryAfterTimeout = m_p.retryAfterTimeout;
        c.repeatCst = m_p.repeatCst;
        m_machine.emplace(c);
        inbox.clear(); // frames from before the session belong to nobody
    }
    for (const auto& f : inbox) m_machine->onFrame(f, now);
    m_machine->setOutput(in.outputVoltage, in.outputCurrent);
    protect(now, in);
    m_machine->poll(now);
    for (auto& f : m_machine->takeOutgoing()) m_bus.send(m_node, f, now);
}

void ChargerControl::unplugged() {
    // The session ends without ceremony (nobody is left to talk to).
    m_machine.reset();
    m_cutOutput = false;
    m_emergencyCut = false;
    m_fault.clear();
    m_overvoltageSince = -1.0;
    m_bus.take(m_node);
}

bool ChargerControl::outputEnabled() const {
    return m_machine && !m_cutOutput && m_machine->outputPermitted();
}

std::optional<core::ChargeDemand> ChargerControl::demand() const {
    if (!m_machine || !m_machine->demand()) return std::nullopt;
    const auto& d = *m_machine->demand();
    core::ChargeDemand out;
    out.voltage = units::Volts(d.voltage);
    out.current = units::Amperes(d.current);
    out.mode = d.mode == gbt::ChargeMode::ConstantVoltage ? core::DemandMode::ConstantVoltage
                                                           : core::DemandMode::ConstantCurrent;
    return out;
}

std::string ChargerControl::stateText() const {
    if (!m_machine) return "idle";
    std::string s = gbt::toString(m_machine->state());
    if (!m_fault.empty()) s += ": " + m_fault;
    else if (!m_machine->lastTimeout().empty()) s += " (last timeout: " + m_machine->lastTimeout() + ")";
    return s;
}

} // namespace v2gbench::sim
