#include "v2gbench/sim/charger_control.hpp"

#include "charger_frame_defects.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::sim {

namespace gbt = protocols::gbt27930;

namespace {

constexpr double kSafeVoltage = 60.0;   // V: the output counts as discharged below it (D0.2001, D0.5001)
constexpr double kBleedUntil = 10.0;    // V: the bleeder stays on until the output is below it (ours)
constexpr double kTestVoltageReached = 0.01; // fraction of the test voltage (ours)

std::string volts(double v) {
    return std::to_string(static_cast<long long>(std::llround(v))) + " V";
}

bool sameDemand(const core::ChargeDemand& a, const core::ChargeDemand& b) {
    return a.voltage.value == b.voltage.value && a.current.value == b.current.value && a.mode == b.mode;
}

} // namespace

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

void ChargerControl::refuse(const std::string& why) {
    m_refused = true;
    m_latched = true;
    if (m_fault.empty()) m_fault = why;
    m_cmd.converterOn = false;
    m_cmd.deliver = false;
    m_cmd.bleeder = true;
}

bool ChargerControl::stopping() const {
    if (m_cutOutput || m_refused || !m_machine) return true;
    const auto s = m_machine->state();
    return s != gbt::ChargerState::Ready && s != gbt::ChargerState::Charging && s != gbt::ChargerState::Configuring;
}

void ChargerControl::protect(double now, const ChargerInputs& in) {
    const auto state = m_machine->state();
    const bool delivering = state == gbt::ChargerState::Charging || state == gbt::ChargerState::Ready;
    switch (classify(in.detectionVoltage)) {
    case Cc1::Normal: break;
    case Cc1::SOpen:
        if (!m_cutOutput) {
            m_cutOutput = true;
            m_cmd.emergencyCut = m_p.emergencyCutOnSOpen;
        }
        stopFor("connector fault", "switch S opened");
        break;
    case Cc1::Broken:
        m_cutOutput = true;
        m_cmd.emergencyCut = true;
        if (m_p.cstOnCc1Break) stopFor("connector fault", "CC1 broken");
        else if (m_fault.empty()) m_fault = "CC1 broken";
        break;
    case Cc1::OutOfWindow:
        m_cutOutput = true;
        stopFor("connector fault", "detection point 1 out of window");
        break;
    }
    if (m_peLost.held(!in.peOk && m_p.stopOnPeLoss, now, m_p.peLossReaction)) {
        m_cutOutput = true;
        m_cmd.emergencyCut = true;
        m_latched = true;
        stopFor("other fault", "PE continuity lost");
    }
    if (!in.gridOk && (delivering || m_cmd.k1k2)) {
        m_cutOutput = true;
        m_latched = true;
        stopFor("energy cannot be delivered", "grid lost");
    }
    if (m_declared.held(in.declaredFault.has_value(), now, m_p.declaredFaultReaction)) {
        m_cutOutput = true;
        m_cmd.emergencyCut = true;
        m_latched = true;
        const bool emergency = *in.declaredFault == core::DeclaredFault::EmergencyStop;
        stopFor(emergency ? "emergency stop" : "fault stop", "declared fault: " + core::toString(*in.declaredFault));
    }
    const auto& limits = m_machine->vehicleLimits();
    const bool overvoltage = m_p.stopOnVehicleOvervoltage && limits.maxChargeVoltage &&
                             state == gbt::ChargerState::Charging && in.outputVoltage > *limits.maxChargeVoltage;
    if (m_overvoltage.held(overvoltage, now, m_p.overvoltageDebounce)) {
        m_cutOutput = true;
        stopFor("voltage abnormal", "output above the vehicle's maximum charge voltage");
    }
}

void ChargerControl::startSession(double now) {
    gbt::ChargerConfig c;
    c.maxOutputVoltage = m_ratings.dcMaxVoltage.value;
    c.minOutputVoltage = m_ratings.dcMinVoltage.value;
    c.maxOutputCurrent = m_ratings.dcMaxCurrent.value * m_p.cmlCurrentScale;
    c.ccsPeriod = m_p.ccsPeriod;
    c.honourBclTimeout = m_p.honourBclTimeout;
    c.correctCemBits = m_p.correctCemBits;
    c.crmAaAfterBrmComplete = m_p.crmAaAfterBrmComplete;
    c.retryAfterTimeout = m_p.retryAfterTimeout;
    c.repeatCst = m_p.repeatCst;
    c.broLossTimeout = m_p.broLossTimeout;
    c.startOnBclAlone = m_p.startOnBclAlone;
    c.readyWithoutBroReady = m_p.readyWithoutBroReady;
    c.croPeriod = m_p.croPeriod;
    c.honourBcsTimeout = m_p.honourBcsTimeout;
    c.honourBsmPause = m_p.honourBsmPause;
    c.honourBsmFaults = m_p.honourBsmFaults;
    c.holdForSelfCheck = true;
    c.holdCroForOutput = true;
    m_machine.emplace(c);
    m_selfCheck = SelfCheck::Waiting;
    m_phaseSince = now;
}

void ChargerControl::stepSelfCheck(double now, const ChargerInputs& in) {
    if (m_selfCheck == SelfCheck::Done || m_refused || !m_machine->bhmReceived()) return;
    const double rated = m_ratings.dcMaxVoltage.value;
    switch (m_selfCheck) {
    case SelfCheck::Waiting: {
        const double bhmMax = m_machine->vehicleLimits().maxAllowedVoltage.value_or(0.0);
        if (m_p.refuseBhmBelowMinimum && bhmMax < m_ratings.dcMinVoltage.value)
            return refuse("vehicle maximum " + volts(bhmMax) + " (BHM) below the charger's minimum " +
                          volts(m_ratings.dcMinVoltage.value));
        if (m_p.refuseResidualVoltage && in.inletVoltage >= m_p.residualVoltageLimit)
            return refuse("battery-side voltage " + volts(in.inletVoltage) + " before the insulation check");
        if (!m_p.selfCheck) {
            m_selfCheck = SelfCheck::Done;
            m_cmd.lock = true;
            m_machine->setSelfCheckDone(true);
            return;
        }
        m_testVoltage = m_p.insulationAtBhmVoltage ? std::min(bhmMax, rated) : rated;
        m_cmd.k1k2 = true;
        m_cmd.converterOn = true;
        m_cmd.converterSetpoint = m_testVoltage;
        m_cmd.bleeder = false;
        m_selfCheck = SelfCheck::Raising;
        m_phaseSince = now;
        break;
    }
    case SelfCheck::Raising:
        if (std::abs(in.outputVoltage - m_testVoltage) <= kTestVoltageReached * m_testVoltage) {
            m_selfCheck = SelfCheck::Measuring;
            m_phaseSince = now;
            m_cmd.lock = true; // already engaged unless lockBeforeInsulation is off (the defect)
        }
        break;
    case SelfCheck::Measuring: {
        if (now - m_phaseSince < m_p.imdMeasureTime) break;
        const double ohmPerVolt = in.insulationResistance / std::max(m_testVoltage, 1.0);
        if (ohmPerVolt <= m_p.insulationFaultOhmPerVolt) {
            m_insulation = "fault";
            return refuse("insulation fault (" + std::to_string(static_cast<long long>(std::llround(ohmPerVolt))) +
                          " ohm/V)");
        }
        m_insulation = ohmPerVolt <= m_p.insulationOkOhmPerVolt ? "warning" : "ok";
        m_cmd.converterOn = false;
        m_cmd.bleeder = true;
        m_selfCheck = SelfCheck::Discharging;
        m_phaseSince = now;
        break;
    }
    case SelfCheck::Discharging:
        if (in.outputVoltage < kSafeVoltage) {
            m_cmd.k1k2 = false;
            m_selfCheck = SelfCheck::Done;
            m_machine->setSelfCheckDone(true);
        }
        break;
    case SelfCheck::Done: break;
    }
}

void ChargerControl::stepReadiness(const ChargerInputs& in) {
    if (!m_machine->waitingForOutput() || m_cmd.k1k2 || m_cutOutput || m_refused) {
        if (m_precharging && !m_cmd.k1k2) m_cmd.converterOn = false;
        m_precharging = false;
        return;
    }
    const double target = in.inletVoltage - m_p.prechargeOffset;
    if (!m_precharging) {
        const auto bcp = m_machine->vehicleLimits().batteryVoltage;
        const bool inRange = in.inletVoltage >= m_ratings.dcMinVoltage.value && in.inletVoltage <= m_ratings.dcMaxVoltage.value;
        const bool matches = bcp && std::abs(in.inletVoltage - *bcp) <= m_p.batteryVoltageTolerance * *bcp;
        if (m_p.checkBatteryVoltage && !(inRange && matches)) return; // CRO stays 0x00
        m_precharging = true;
        m_cmd.bleeder = false;
        m_cmd.converterOn = true;
        m_cmd.converterSetpoint = target;
        return;
    }
    m_cmd.converterSetpoint = target;
    if (std::abs(in.outputVoltage - target) <= m_p.prechargeSettle) {
        m_cmd.k1k2 = true;
        m_cmd.converterOn = false; // current source from now on
        m_precharging = false;
        m_machine->setOutputReady(true);
    }
}

void ChargerControl::stepOutput(double now, const ChargerInputs& in) {
    if (!m_cmd.k1k2 || (m_selfCheck != SelfCheck::Done && !m_refused)) {
        m_cmd.deliver = false;
        m_cmd.holdCurrent = false;
        return;
    }
    if (m_refused) {
        // Refused during the self-check: discharge through the closed K1/K2, then open them.
        if (in.outputVoltage < kSafeVoltage) m_cmd.k1k2 = false;
        return;
    }
    if (!stopping()) {
        m_cmd.deliver = m_machine->outputPermitted();
        m_cmd.holdCurrent = false;
        m_stopSince = -1.0;
        m_currentOffSince = -1.0;
        return;
    }
    // A stop with K1/K2 closed: (wait stopDelay,) ramp down, open K1/K2 at <= contactorOpenCurrent (4 A).
    if (m_stopSince < 0) {
        m_stopSince = now;
        const auto s = m_machine->state();
        m_commTimeoutStop = s == gbt::ChargerState::Error || s == gbt::ChargerState::Failed;
        m_mainsLossStop = !in.gridOk;
    }
    m_cmd.deliver = false;
    m_cmd.holdCurrent = !m_cmd.emergencyCut && now - m_stopSince < m_p.stopDelay;
    if (m_cmd.holdCurrent || std::abs(in.outputCurrent) > m_p.contactorOpenCurrent) return;
    if (m_currentOffSince < 0) m_currentOffSince = now;
    const double openDelay = m_commTimeoutStop ? m_p.commTimeoutOpenDelay : m_mainsLossStop ? m_p.mainsLossOpenDelay : 0.0;
    if (now - m_currentOffSince < openDelay) return;
    m_cmd.k1k2 = false;
    m_cmd.converterOn = false;
    m_cmd.emergencyCut = false;
    m_cmd.bleeder = in.gridOk || m_p.bleedOnMainsLoss;
    m_machine->setOutputReady(false);
    m_stopSince = -1.0;
    m_currentOffSince = -1.0;
}

void ChargerControl::stepEnd(double now, const ChargerInputs& in) {
    (void)now;
    if (m_cmd.bleeder && !m_cmd.converterOn && in.outputVoltage < kBleedUntil) m_cmd.bleeder = false;
    if (!in.gridOk && !m_p.bleedOnMainsLoss) m_cmd.bleeder = false;
    const auto s = m_machine->state();
    const bool ended = s == gbt::ChargerState::Stopping || s == gbt::ChargerState::Finished || m_cutOutput;
    if (m_cmd.k3k4) {
        bool open = false;
        if (!m_cmd.k1k2 && (m_refused || s == gbt::ChargerState::Failed || m_machine->csdSent())) open = true;
        if (!m_p.k3k4AfterCsd && ended) open = true;
        if (open) m_cmd.k3k4 = false;
    }
    if (m_cmd.lock) {
        if (!m_p.keepLockUnderLoad && (ended || m_stopSince >= 0)) m_cmd.lock = false;
        if (!m_cmd.k3k4 && !m_cmd.k1k2 && in.outputVoltage < kSafeVoltage) m_cmd.lock = false;
    }
}

void ChargerControl::updateDemand(double now) {
    const auto& d = m_machine->demand();
    if (!d) return;
    core::ChargeDemand demand;
    demand.voltage = units::Volts(d->voltage);
    demand.current = units::Amperes(d->current);
    demand.mode = d->mode == gbt::ChargeMode::ConstantVoltage ? core::DemandMode::ConstantVoltage
                                                              : core::DemandMode::ConstantCurrent;
    if (!m_pending || !sameDemand(demand, *m_pending)) {
        m_pending = demand;
        m_pendingAt = d->receivedAt;
    }
    if (now - m_pendingAt >= m_p.demandReactionDelay - 1e-9) m_applied = m_pending;
}

void ChargerControl::step(double now, const ChargerInputs& in) {
    auto inbox = m_bus.take(m_node);
    if (!in.plugged) {
        unplugged();
        m_cmd.bleeder = in.outputVoltage >= kBleedUntil;
        return;
    }
    if (m_machine && m_latched && m_p.resumeAfterMainsReturn && in.gridOk && m_fault == "grid lost") {
        // The defect: a new session by itself once the mains is back.
        m_machine.reset();
        m_latched = false;
        m_cutOutput = false;
        m_fault.clear();
        m_cmd = ChargerCommands{};
    }
    if (!m_machine) {
        // A session starts only with detection point 1 in its window (GB/T 34657.1 D0.6002), with
        // mains (the control unit is powered from the grid), PE present and no declared fault.
        const bool startable = classify(in.detectionVoltage) == Cc1::Normal && in.gridOk && in.peOk && !in.declaredFault;
        m_cmd.bleeder = in.outputVoltage >= kBleedUntil;
        m_cmd.lock = startable && m_p.lockBeforeInsulation;
        if (!startable || (m_p.lockBeforeInsulation && !in.lockEngaged)) {
            if (m_auxSince) m_cmd.k3k4 = false; // the start was called off while the BMS powered up
            m_auxSince.reset();
            return;
        }
        m_cmd.k3k4 = true;
        if (!m_auxSince) m_auxSince = now;
        if (now - *m_auxSince < m_p.auxToChm - 1e-9) return; // the BMS powers up before the first CHM
        m_auxSince.reset();
        startSession(now);
        inbox.clear(); // frames from before the session belong to nobody
    }
    if (!m_refused)
        for (const auto& f : inbox) m_machine->onFrame(f, now);
    m_machine->setOutput(in.outputVoltage, in.outputCurrent + m_p.ccsCurrentOffset);
    if (!m_refused) protect(now, in);
    if (m_operatorStop) {
        m_operatorStop = false;
        const auto s = m_machine->state();
        if (s != gbt::ChargerState::Stopping && s != gbt::ChargerState::Finished && s != gbt::ChargerState::Failed)
            m_machine->stop("manual stop");
    }
    stepSelfCheck(now, in);
    stepReadiness(in);
    stepOutput(now, in);
    stepEnd(now, in);
    updateDemand(now);
    if (m_refused) return; // silent: nothing more to say to this vehicle
    m_machine->poll(now);
    for (auto& f : m_machine->takeOutgoing())
        if (auto sent = applyFrameDefects(frameDefects(m_p), std::move(f)))
            if (auto faulty = m_protocolFaults.apply(std::move(*sent))) m_bus.send(m_node, *faulty, now);
}

void ChargerControl::unplugged() {
    // The session ends without ceremony (nobody is left to talk to).
    m_machine.reset();
    m_protocolFaults.restart(); // faults stay armed; `after` counts from the next session's frames
    m_cmd = ChargerCommands{};
    m_auxSince.reset();
    m_operatorStop = false;
    m_cutOutput = false;
    m_latched = false;
    m_refused = false;
    m_fault.clear();
    m_insulation.clear();
    m_testVoltage = 0.0;
    m_overvoltage.reset();
    m_peLost.reset();
    m_declared.reset();
    m_selfCheck = SelfCheck::Waiting;
    m_precharging = false;
    m_stopSince = m_currentOffSince = -1.0;
    m_commTimeoutStop = m_mainsLossStop = false;
    m_applied.reset();
    m_pending.reset();
    m_bus.take(m_node);
}

std::optional<core::ChargeDemand> ChargerControl::demand() const {
    return m_applied;
}

std::string ChargerControl::stateText() const {
    if (!m_machine) return m_cmd.lock ? "locking" : "idle";
    if (m_refused) return "refused: " + m_fault;
    if (m_machine->bhmReceived() && m_selfCheck != SelfCheck::Done) return "self-check (insulation)";
    if (m_precharging) return "pre-charge";
    std::string s = gbt::toString(m_machine->state());
    if (!m_fault.empty()) s += ": " + m_fault;
    else if (!m_machine->lastTimeout().empty()) s += " (last timeout: " + m_machine->lastTimeout() + ")";
    return s;
}

} // namespace v2gbench::sim
