#include "v2gbench/sim/plant.hpp"

#include <algorithm>
#include <cmath>

namespace v2gbench::sim {

using core::EvPhase;

namespace {

constexpr double kTwoPi = 6.283185307179586;

// The protocol reports voltage and current with 0.1 V / 0.1 A resolution (GB/T 27930 CCS).
double protocolRound(double v) {
    return std::round(v * 10.0) / 10.0;
}

} // namespace

Plant::Plant(const core::DutRatings& ratings, const PlantParameters& params, std::uint64_t seed)
    : m_ratings(ratings), m_p(params), m_noise(seed) {
    m_alphaCurrent = 1.0 - std::exp(-m_p.stepSize / m_p.currentTau);
    m_alphaPower = 1.0 - std::exp(-m_p.stepSize / m_p.powerTau);
}

// ---- grid -------------------------------------------------------------------------------------

void Plant::setGrid(double voltage, double frequency) {
    m_gridOn = true;
    m_gridVoltage = voltage;
    m_gridFrequency = frequency;
    m_gridOk = m_gridVoltage >= m_p.gridMinVoltageFraction * m_ratings.acNominalVoltage.value;
}

void Plant::gridApply(units::Volts voltage, units::Hertz frequency) {
    m_schedule.clear();
    setGrid(voltage.value, frequency.value);
}

void Plant::gridOff() {
    m_schedule.clear();
    m_gridOn = false;
    m_gridOk = false;
}

void Plant::gridRunSchedule(std::vector<GridSegment> segments, int repeat) {
    m_schedule.clear();
    m_scheduleIndex = 0;
    m_scheduleStart = m_steps;
    std::int64_t end = 0;
    double elapsed = 0.0;
    for (int r = 0; r < repeat; ++r) {
        for (const auto& s : segments) {
            // Boundaries from the cumulative time, so rounding never accumulates over many steps.
            elapsed += s.duration;
            const std::int64_t begin = end;
            end = std::max(begin, static_cast<std::int64_t>(std::llround(elapsed / m_p.stepSize)));
            m_schedule.push_back({s, begin, end});
        }
    }
    if (m_schedule.empty()) return;
    stepSchedule(); // the first segment applies now, not one step later
}

void Plant::stepSchedule() {
    const std::int64_t k = m_steps - m_scheduleStart;
    while (m_scheduleIndex < m_schedule.size() && k >= m_schedule[m_scheduleIndex].endStep)
        ++m_scheduleIndex;
    if (m_scheduleIndex == m_schedule.size()) {
        const auto& last = m_schedule.back().segment;
        setGrid(last.voltageEnd, last.frequencyEnd);
        m_schedule.clear();
        return;
    }
    const auto& cur = m_schedule[m_scheduleIndex];
    const double x = static_cast<double>(k - cur.beginStep) / static_cast<double>(cur.endStep - cur.beginStep);
    const auto& s = cur.segment;
    setGrid(s.voltageStart + (s.voltageEnd - s.voltageStart) * x,
            s.frequencyStart + (s.frequencyEnd - s.frequencyStart) * x);
}

core::GridState Plant::gridState() const {
    return {m_gridOn, units::Volts(m_gridVoltage), units::Hertz(m_gridFrequency)};
}

// ---- battery ----------------------------------------------------------------------------------

void Plant::batteryEmulate(const core::BatteryEmulation& model) {
    m_battery = model;
    m_soc = model.soc.value;
    m_ocvSlopeV = m_p.ocvSlope * model.voltage.value;
    m_socPerAmpStep = m_p.stepSize / (3600.0 * model.capacity.value);
    m_batteryOn = true;
}

void Plant::batteryOff() {
    m_batteryOn = false;
    m_current = 0.0; // the supply can neither source nor sink: nothing flows
}

double Plant::batteryResistance() const {
    // Without a stated resistance the simulated supply is a near-stiff source, 50 mOhm like its cabling.
    return m_battery.internalResistance ? m_battery.internalResistance->value : 0.05;
}

units::Volts Plant::batteryOcv() const {
    return units::Volts(m_battery.voltage.value + m_ocvSlopeV * (m_soc - m_battery.soc.value));
}

units::Volts Plant::dcVoltage() const {
    if (!m_batteryOn) return units::Volts(0.0);
    return units::Volts(batteryOcv().value + m_current * batteryResistance());
}

core::BatteryReading Plant::batteryReading() {
    core::BatteryReading r;
    r.outputOn = m_batteryOn;
    r.soc = units::Ratio(m_soc);
    if (m_batteryOn) {
        r.voltage = units::Volts(dcVoltage().value + m_noise.gaussian(m_p.dcVoltageNoise));
        r.current = units::Amperes(m_current + m_noise.gaussian(m_p.dcCurrentNoise));
    }
    return r;
}

// ---- EV ---------------------------------------------------------------------------------------

void Plant::enterPhase(EvPhase phase, std::string detail) {
    m_phase = phase;
    m_phaseTimer = 0.0;
    m_detail = std::move(detail);
}

void Plant::evConnect() {
    // Already plugged in with a session in progress: the plug is in, nothing more to do.
    if (m_phase != EvPhase::Disconnected && m_phase != EvPhase::Stopped && m_phase != EvPhase::Fault) return;
    m_fault.clear(); // a new session starts from a healthy charger
    m_current = 0.0;
    enterPhase(EvPhase::Connected, "plugged in (CC1 4 V)");
}

void Plant::evDemand(const core::ChargeDemand& demand) {
    m_demand = demand;
}

void Plant::evStop() {
    switch (m_phase) {
    case EvPhase::Charging:
        enterPhase(EvPhase::Stopping, "vehicle stop request (BST)");
        break;
    case EvPhase::Connected:
    case EvPhase::Handshake:
    case EvPhase::Parameters:
        enterPhase(EvPhase::Stopped, "stopped by the vehicle before charging");
        break;
    default:
        break; // stopping, stopped, fault, unplugged: already not charging
    }
}

void Plant::evDisconnect() {
    m_current = 0.0; // unplugging opens the circuit: forced stop
    enterPhase(EvPhase::Disconnected, "unplugged");
}

core::EvStatus Plant::evStatus() const {
    core::EvStatus s;
    s.phase = m_phase;
    s.demand = m_demand;
    if (conducting()) {
        s.chargerVoltage = units::Volts(protocolRound(dcVoltage().value));
        s.chargerCurrent = units::Amperes(protocolRound(m_current));
    }
    s.detail = m_detail;
    return s;
}

void Plant::updateEv(double dt) {
    switch (m_phase) {
    case EvPhase::Connected:
        m_phaseTimer += dt;
        if (m_phaseTimer >= m_p.connectTime) enterPhase(EvPhase::Handshake, "handshake (CHM/BHM, CRM)");
        break;
    case EvPhase::Handshake:
        m_phaseTimer += dt;
        if (m_phaseTimer >= m_p.handshakeTime) enterPhase(EvPhase::Parameters, "parameter exchange (BCP/CML, BRO/CRO)");
        break;
    case EvPhase::Parameters:
        m_phaseTimer += dt;
        if (m_phaseTimer >= m_p.parametersTime && m_gridOk && m_batteryOn && m_fault.empty()) {
            enterPhase(EvPhase::Charging, "charging (BCL/BCS, CCS)");
        } else if (m_phaseTimer >= m_p.parametersTimeout) {
            std::string why;
            if (!m_gridOk) why += m_gridOn ? " grid voltage too low;" : " grid off;";
            if (!m_batteryOn) why += " battery emulator off;";
            if (!m_fault.empty()) why += " charger fault: " + m_fault + ";";
            if (!why.empty()) why.pop_back();
            enterPhase(EvPhase::Fault, "no charging after 10 s in parameter exchange:" + why);
        }
        break;
    case EvPhase::Charging:
        if (!m_gridOk) {
            m_fault = "grid lost";
            enterPhase(EvPhase::Stopping, "charger stop (CST): grid lost");
        }
        break;
    default:
        break;
    }
}

// ---- charger ----------------------------------------------------------------------------------

void Plant::dispatch(units::Watts setpoint) {
    // Bumpless transfer: the power loop starts from what the charger draws now.
    if (!m_dispatchActive) m_powerCommand = gridPower().value;
    m_dispatchActive = true;
    m_dispatchSetpoint = setpoint.value;
}

void Plant::releaseDispatch() {
    m_dispatchActive = false;
    m_dispatchSetpoint = 0.0;
}

double Plant::efficiencyAt(double dcPowerMagnitude) const {
    const double x = std::clamp(dcPowerMagnitude / m_ratings.dcMaxPower.value, m_p.effMinLoad, 1.0);
    return std::clamp(m_p.effA - m_p.effB * x - m_p.effC / x, 0.5, 0.99);
}

units::Watts Plant::gridPower() const {
    if (!m_gridOk) return units::Watts(0.0);
    const double pdc = dcPower().value;
    const double eff = efficiencyAt(std::abs(pdc));
    return units::Watts((pdc >= 0.0 ? pdc / eff : pdc * eff) + m_p.standbyPower);
}

double Plant::chargeLimit(double vout) const {
    double limit = std::min(m_ratings.dcMaxCurrent.value, m_battery.maxChargeCurrent.value);
    if (vout > 1.0) limit = std::min(limit, m_ratings.dcMaxPower.value / vout);
    return std::max(limit, 0.0);
}

double Plant::dischargeLimit(double vout) const {
    if (!m_ratings.bidirectional) return 0.0;
    double limit = std::min(
        {m_ratings.maxDischargeCurrent.value, m_demand.maxDischargeCurrent.value, m_battery.maxDischargeCurrent.value});
    // The rated discharge power is grid-side (what the dispatch setpoint is), so the DC side may
    // deliver it plus the conversion losses: P_dc = P_grid / efficiency.
    if (vout > 1.0) {
        const double gridSide = m_ratings.maxDischargePower.value + m_p.standbyPower;
        const double dcSide = gridSide / efficiencyAt(gridSide);
        limit = std::min(limit, dcSide / vout);
    }
    return std::max(limit, 0.0);
}

double Plant::demandTarget(double ocv) const {
    const double r = std::max(batteryResistance(), 1e-4);
    const bool cc = m_demand.mode == core::DemandMode::ConstantCurrent;
    double cmd = cc ? m_demand.current.value
                    : std::clamp((m_demand.voltage.value * m_p.cvVoltageGain - ocv) / r, 0.0, m_demand.current.value);
    // Voltage limits: the vehicle's (in CC its demand voltage is a limit) and the charger's rating.
    double vlim = m_ratings.dcMaxVoltage.value;
    if (cc && m_demand.voltage.value > 0.0) vlim = std::min(vlim, m_demand.voltage.value);
    cmd = std::min(cmd, std::max(0.0, (vlim - ocv) / r));
    cmd = std::min(cmd, chargeLimit(ocv + cmd * r));
    if (cc && cmd > 0.0) cmd = cmd * m_p.ccCurrentGain + m_p.ccCurrentOffset;
    return cmd;
}

double Plant::dispatchTarget(double ocv) {
    // Invert the conversion (grid = dc/eff charging, dc*eff discharging, plus standby) so that the
    // grid-side power meets the loop's command. The efficiency is warm-started from the last step,
    // so two fixed-point iterations per step converge in steady state.
    const double conv = m_powerCommand - m_p.standbyPower;
    double eff = m_dispatchEff;
    double pdc = 0.0;
    for (int i = 0; i < 2; ++i) {
        pdc = conv >= 0.0 ? conv * eff : conv / eff;
        eff = efficiencyAt(std::abs(pdc));
    }
    m_dispatchEff = eff;
    // P = (OCV + I R) I, solved for I in a form that is stable for small R and either sign.
    const double r = std::max(batteryResistance(), 1e-4);
    const double disc = ocv * ocv + 4.0 * r * pdc;
    double target = disc > 0.0 ? 2.0 * pdc / (ocv + std::sqrt(disc)) : -ocv / (2.0 * r);
    const double vout = ocv + target * r;
    return std::clamp(target, -dischargeLimit(vout), chargeLimit(vout));
}

void Plant::step() {
    const double dt = m_p.stepSize;
    ++m_steps;
    if (!m_schedule.empty()) stepSchedule();
    updateEv(dt);
    if (!conducting() || !m_batteryOn || m_battery.voltage.value <= 0.0) {
        m_current = 0.0;
        m_powerCommand = m_gridOk ? m_p.standbyPower : 0.0;
        if (m_phase == EvPhase::Stopping) enterPhase(EvPhase::Stopped, "stopped: " + m_detail);
        return;
    }
    const double ocv = batteryOcv().value;
    double target = 0.0;
    double slew = m_p.currentSlewRate;
    if (m_phase == EvPhase::Stopping) {
        slew = m_p.stopSlewRate;
    } else if (m_dispatchActive) {
        m_powerCommand += (m_dispatchSetpoint * m_p.dispatchGain - m_powerCommand) * m_alphaPower;
        target = dispatchTarget(ocv);
        slew = m_p.dispatchSlewRate;
    } else {
        target = demandTarget(ocv);
    }
    const double maxDelta = slew * dt;
    m_current += std::clamp((target - m_current) * m_alphaCurrent, -maxDelta, maxDelta);
    if (m_phase == EvPhase::Stopping && std::abs(m_current) < m_p.stoppedCurrent) {
        m_current = 0.0; // contactors open
        enterPhase(EvPhase::Stopped, "stopped: " + m_detail);
    }
    m_soc = std::clamp(m_soc + m_current * m_socPerAmpStep, 0.0, 1.0);
}

core::ChargerStatus Plant::chargerStatus() const {
    core::ChargerStatus s;
    s.dispatchActive = m_dispatchActive;
    s.dispatchSetpoint = units::Watts(m_dispatchSetpoint);
    // The charger regulates its own power measurement; a dispatch gain error is its calibration.
    s.reportedPower = units::Watts(gridPower().value / m_p.dispatchGain);
    if (!m_fault.empty())
        s.state = "fault: " + m_fault;
    else if (conducting() && m_current > 0.5)
        s.state = "charging";
    else if (conducting() && m_current < -0.5)
        s.state = "discharging";
    else
        s.state = "idle";
    return s;
}

// ---- analyzer ---------------------------------------------------------------------------------

core::AnalyzerReading Plant::measure() {
    core::AnalyzerReading r;
    r.timestamp = time();
    if (m_gridOn) {
        r.ac.voltage = units::Volts(m_gridVoltage + m_noise.gaussian(m_p.acVoltageNoise));
        r.ac.frequency = units::Hertz(m_gridFrequency + m_noise.gaussian(m_p.frequencyNoise));
        if (m_gridOk) {
            const double p = gridPower().value;
            const double pm = p + m_noise.gaussian(m_p.acPowerNoise + m_p.acPowerNoiseRel * std::abs(p));
            const double pf = m_p.powerFactor;
            const double s = std::abs(pm) / pf;
            const int phases = m_ratings.acPhases > 0 ? m_ratings.acPhases : 3;
            r.ac.activePower = units::Watts(pm);
            r.ac.apparentPower = units::Watts(s);
            r.ac.reactivePower = units::Vars(s * std::sqrt(1.0 - pf * pf));
            r.ac.powerFactor = units::Ratio(pf);
            r.ac.current = units::Amperes(s / (phases * r.ac.voltage.value));
            r.ac.currentThd = units::Ratio(m_p.currentThd + m_noise.gaussian(m_p.thdNoise));
        }
    }
    if (m_batteryOn) {
        const double v = dcVoltage().value;
        const double ripple = m_p.rippleFraction * v * std::sin(kTwoPi * m_p.rippleFrequency * time().value);
        r.dc.voltage = units::Volts(v + ripple + m_noise.gaussian(m_p.dcVoltageNoise));
        r.dc.current = units::Amperes(m_current + m_noise.gaussian(m_p.dcCurrentNoise));
        r.dc.power = r.dc.voltage * r.dc.current;
    }
    return r;
}

PlantSnapshot Plant::snapshot() const {
    PlantSnapshot s;
    s.time = time();
    s.grid = gridState();
    s.batteryOn = m_batteryOn;
    s.soc = units::Ratio(m_soc);
    s.batteryOcv = m_batteryOn ? batteryOcv() : units::Volts(0.0);
    s.evPhase = m_phase;
    s.dcVoltage = dcVoltage();
    s.dcCurrent = dcCurrent();
    s.dcPower = dcPower();
    s.gridPower = gridPower();
    s.chargerState = chargerStatus().state;
    return s;
}

} // namespace v2gbench::sim
