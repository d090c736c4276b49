#include "v2gbench/sim/plant.hpp"

#include "v2gbench/protocols/gbt27930/j1939_id.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace v2gbench::sim {

using core::EvPhase;

namespace {

constexpr double kTwoPi = 6.283185307179586;

} // namespace

Plant::Plant(const core::DutRatings& ratings, const PlantParameters& params, std::uint64_t seed)
    : m_ratings(ratings), m_p(params), m_noise(seed), m_evNode(m_bus.attachNode()), m_outsideNode(m_bus.attachNode()),
      m_ev(m_evConfig), m_control(std::make_unique<ChargerControl>(m_ratings, m_p, m_bus)) {
    // Without an EV profile the lab's vehicle is an 800 V-class car (testplans/evs/nmc-750v.yaml)
    // so that no plan meets the vehicle's limits by accident.
    m_evConfig.batteryType = 0x06;
    m_evConfig.ratedVoltage = 690.0;
    m_evConfig.maxChargeVoltage = 750.0;
    m_evConfig.maxChargeCurrent = 250.0;
    m_alphaCurrent = 1.0 - std::exp(-m_p.stepSize / m_p.currentTau);
    m_alphaPower = 1.0 - std::exp(-m_p.stepSize / m_p.powerTau);
    m_inrushDecay = std::exp(-m_p.stepSize / m_p.inrushTau);
    const double c = m_p.converterCapacitance;
    const double rSelf = m_p.selfDischargeResistance;
    const double rBleed = rSelf * m_p.bleederResistance / (rSelf + m_p.bleederResistance);
    m_decaySelf = std::exp(-m_p.stepSize / (rSelf * c));
    m_decayBleed = std::exp(-m_p.stepSize / (rBleed * c));
    // A CAN-frame trigger of the acquisition unit sees every frame on the bus as it is sent.
    m_bus.addListener([this](const transports::CanFrame& f, SimCanBus::NodeId, double t) {
        if (f.extended) m_daq.onFrame(protocols::gbt27930::J1939Id::fromCanId(f.id).pgn, t);
    });
}

// ---- grid -------------------------------------------------------------------------------------

void Plant::setGrid(double voltage, double frequency) {
    m_gridOn = true;
    m_gridVoltage = voltage * m_p.gridSourceGain;
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
    // The emulator's own read-back: its setpoint, whatever a drifted output stage delivers.
    return {m_gridOn, units::Volts(m_gridVoltage / m_p.gridSourceGain), units::Hertz(m_gridFrequency)};
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

namespace {

EvPhase phaseOf(const protocols::gbt27930::BmsEmulator& ev) {
    using protocols::gbt27930::BmsState;
    if (!ev.pluggedIn()) return EvPhase::Disconnected;
    switch (ev.state()) {
    case BmsState::Unplugged: return EvPhase::Disconnected;
    case BmsState::WaitingCrm: return EvPhase::Connected;
    case BmsState::Identifying: return EvPhase::Handshake;
    case BmsState::Configuring:
    case BmsState::Ready: return EvPhase::Parameters;
    case BmsState::Charging: return EvPhase::Charging;
    case BmsState::Stopping:
    case BmsState::Statistics: return EvPhase::Stopping;
    case BmsState::Finished: return EvPhase::Stopped;
    case BmsState::Error:
    case BmsState::Failed: return EvPhase::Fault;
    }
    return EvPhase::Fault;
}

protocols::gbt27930::ChargeMode modeOf(core::DemandMode mode) {
    return mode == core::DemandMode::ConstantVoltage ? protocols::gbt27930::ChargeMode::ConstantVoltage
                                                     : protocols::gbt27930::ChargeMode::ConstantCurrent;
}

} // namespace

void Plant::evConfigure(const protocols::gbt27930::BmsConfig& config) {
    m_evConfig = config;
}

void Plant::evConnect() {
    // Already plugged in with a session in progress: the plug is in, nothing more to do.
    if (m_ev.pluggedIn() && phaseOf(m_ev) != EvPhase::Stopped && phaseOf(m_ev) != EvPhase::Fault) return;
    // A (re-)plug starts both sides afresh: the charger ends whatever session it still had.
    m_control->unplugged();
    const auto forced = m_circuit.forcedVoltage;
    m_circuit.unplug();
    m_circuit.forcedVoltage = forced; // a forced detection voltage is the test's, not the plug's
    m_circuit.plugged = true;
    ++m_plugIns;
    m_current = 0.0;
    m_k5k6 = false;
    m_pathClosed = false;
    m_cc2StopSent = false;
    // A fresh BMS with the configured vehicle (its BCP reports the battery the emulator presents);
    // faults injected before the plug-in stay armed.
    auto config = m_evConfig;
    config.brmLength = static_cast<std::size_t>(m_p.brmLength);
    if (m_p.bmsReadsShortCrm) config.shortFramesRead.push_back("CRM");
    if (m_p.bmsReadsShortCml) config.shortFramesRead.push_back("CML");
    config.anyCrmStartsBrm = m_p.bmsAnyCrmStartsBrm;
    config.nonZeroCrmIsRecognition = m_p.bmsNonZeroCrmIsRecognition;
    config.silentChargerRestartSeconds = m_p.bmsSilentChargerRestart;
    config.endsAfterThirdTimeout = m_p.bmsEndsAfterThirdTimeout;
    config.croStreamTimeoutSeconds = m_p.bmsCroStreamTimeout;
    if (m_batteryOn) config.batteryVoltage = std::round(batteryOcv().value * 10.0) / 10.0;
    const auto faults = m_ev.faults();
    m_ev = protocols::gbt27930::BmsEmulator(config);
    m_bus.take(m_evNode); // frames of an earlier session are not for this one
    for (const auto& f : faults) m_ev.addFault(f);
    for (const auto& f : m_vehicleDefects) m_ev.addFault(f);
    m_ev.setDemand(m_evDemand.voltage.value, m_evDemand.current.value, modeOf(m_evDemand.mode),
                   m_evDemand.maxDischargeCurrent.value);
    m_ev.plugIn(time().value);
}

void Plant::evDemand(const core::ChargeDemand& demand) {
    m_evDemand = demand;
    m_ev.setDemand(demand.voltage.value, demand.current.value, modeOf(demand.mode), demand.maxDischargeCurrent.value);
}

void Plant::evStop() {
    if (m_ev.pluggedIn()) m_ev.stop();
}

void Plant::evDisconnect() {
    m_current = 0.0; // unplugging opens the circuit: forced stop
    m_k5k6 = false;
    m_pathClosed = false;
    m_ev.unplug(time().value);
    m_circuit.unplug();
    m_control->unplugged();
}

void Plant::evPause() {
    m_ev.pause();
}

void Plant::evResume() {
    m_ev.resume();
}

void Plant::evInjectFault(const core::EvFault& fault) {
    m_ev.addFault(fault);
}

void Plant::evClearFaults() {
    m_ev.clearFaults();
    for (const auto& f : m_vehicleDefects) m_ev.addFault(f);
}

void Plant::setVehicleDefects(std::vector<core::EvFault> faults) {
    for (const auto& f : faults) protocols::gbt27930::validateEvFault(f);
    m_vehicleDefects = std::move(faults);
    for (const auto& f : m_vehicleDefects) m_ev.addFault(f);
}

void Plant::evseInjectFault(const core::EvFault& fault) {
    m_control->protocolFaults().add(fault);
}

void Plant::evseClearFaults() {
    m_control->protocolFaults().clear();
}

core::ChargerEmulatorStatus Plant::evseStatus() const {
    return {m_control->stateText(), static_cast<unsigned>(m_control->protocolFaults().faults().size())};
}

void Plant::evSetSwitchS(bool closed) {
    m_circuit.switchSClosed = closed;
}

void Plant::evSetCc1(const core::Cc1Setting& setting) {
    m_circuit.cc1Broken = setting.broken;
    m_circuit.forcedVoltage.reset();
    if (setting.voltage) m_circuit.forcedVoltage = setting.voltage->value;
}

void Plant::setExternalBusDevices(bool external) {
    m_externalBusDevices = external;
    m_bus.setOnBus(m_evNode, !external);
    m_bus.setOnBus(m_control->busNode(), !external);
}

void Plant::injectFrame(const transports::CanFrame& frame) {
    m_bus.send(m_outsideNode, frame, time().value);
}

core::EvStatus Plant::evStatus() const {
    core::EvStatus s;
    s.phase = phaseOf(m_ev);
    s.demand = m_evDemand;
    if (const auto& out = m_ev.chargerOutput(); out && m_ev.pluggedIn()) {
        s.chargerVoltage = units::Volts(out->voltage);
        s.chargerCurrent = units::Amperes(out->current);
    }
    s.detail = m_ev.pluggedIn() ? m_ev.detail() : "unplugged";
    s.cc1Voltage = units::Volts(m_circuit.plugged ? m_circuit.detectionVoltage() : 0.0);
    s.switchSClosed = m_circuit.switchSClosed;
    s.paused = m_ev.paused();
    s.timeouts = m_ev.timeouts();
    s.protocolState = m_ev.pluggedIn() ? protocols::gbt27930::toString(m_ev.state()) : "unplugged";
    s.contactorsClosed = m_k5k6;
    s.contactorsWelded = m_k5k6Forced;
    return s;
}

void Plant::stepProtocol() {
    const double now = time().value;
    for (const auto& f : m_bus.take(m_evNode)) m_ev.onFrame(f, now);
    m_ev.poll(now);
    for (auto& f : m_ev.takeOutgoing()) m_bus.send(m_evNode, f, now);
    m_bus.take(m_outsideNode); // the outside node's inbox is the wire bridge's listener's business

    ChargerInputs in;
    in.plugged = m_circuit.plugged;
    in.detectionVoltage = m_circuit.detectionVoltage();
    in.outputVoltage = m_converterVoltage;
    in.inletVoltage = inletVoltage();
    in.outputCurrent = m_current;
    in.gridOk = m_gridOk;
    in.peOk = m_peOk;
    in.lockEngaged = m_lockEngaged;
    in.insulationResistance = insulationResistance();
    in.declaredFault = m_declaredFault;
    m_control->step(now, in);
    if (const auto& d = m_control->demand()) {
        m_demand = *d;
        // GB/T 27930-2015 has no discharge demand: the V2G allowance is the emulator's (vendor extension).
        m_demand.maxDischargeCurrent = m_evDemand.maxDischargeCurrent;
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
    ++m_steps;
    if (!m_schedule.empty()) stepSchedule();
    stepProtocol();
    stepVehicle();
    stepPower();
    if (m_daq.enabled()) m_daq.onSample(time().value, daqValues());
}

// The vehicle side: K5/K6 close with BRO 0xAA (the BMS ready) and open once the current is at or
// below the contactor current after the session left charging; detection point 2 lost → BST.
void Plant::stepVehicle() {
    using protocols::gbt27930::BmsState;
    const auto s = m_ev.state();
    const bool wanted = m_ev.pluggedIn() && (s == BmsState::Ready || s == BmsState::Charging);
    if (wanted || m_k5k6Forced) m_k5k6 = true;
    else if (m_k5k6 && std::abs(m_current) <= m_p.contactorOpenCurrent) m_k5k6 = false;
    if (m_circuit.plugged && m_circuit.faultCc2Open && s == BmsState::Charging && !m_cc2StopSent) {
        m_ev.stop();
        m_cc2StopSent = true;
    }
}

void Plant::stepConverter(const ChargerCommands& cmd, bool path) {
    const double dt = m_p.stepSize;
    if (path) {
        m_converterVoltage = dcVoltage().value; // K1/K2 closed on the battery: the output is the battery's
    } else if (cmd.converterOn && m_gridOk) {
        const double step = m_p.converterSlewRate * dt;
        m_converterVoltage += std::clamp(cmd.converterSetpoint - m_converterVoltage, -step, step);
    } else {
        const bool bleed = cmd.bleeder && (m_gridOk || m_p.bleedOnMainsLoss);
        m_converterVoltage *= bleed ? m_decayBleed : m_decaySelf;
    }
}

void Plant::stepPower() {
    const double dt = m_p.stepSize;
    const auto& cmd = m_control->commands();
    // Lock: feedback after its travel time; releases at once.
    if (cmd.lock) {
        m_lockTimer += dt;
        if (m_lockTimer >= m_p.lockTime - 1e-12) m_lockEngaged = true;
    } else {
        m_lockTimer = 0.0;
        m_lockEngaged = false;
    }
    m_k1k2 = cmd.k1k2;
    const bool supplyPresent = m_batteryOn && m_battery.voltage.value > 0.0;
    const bool path = m_k1k2 && m_k5k6 && supplyPresent;
    // Decay first, so the step in which K1/K2 close reports the full inrush peak.
    m_inrush *= m_inrushDecay;
    if (path && !m_pathClosed) {
        // Inrush at closure: the voltage difference across K1/K2 over the loop resistance.
        m_inrush = (m_converterVoltage - batteryOcv().value) / m_p.loopResistance;
    }
    m_pathClosed = path;
    if (!path) {
        m_current = 0.0;
        m_inrush = 0.0;
        m_powerCommand = m_gridOk ? m_p.standbyPower : 0.0;
        stepConverter(cmd, false);
        return;
    }
    if (!cmd.deliver || !m_gridOk) {
        // Stop, pause or protection: ramp the current down (after the charger's stop delay).
        if (!cmd.holdCurrent) {
            const double rate = cmd.emergencyCut ? m_p.emergencyCutRate : m_p.stopSlewRate;
            const double maxDelta = rate * dt;
            m_current -= std::clamp(m_current, -maxDelta, maxDelta);
        }
        m_powerCommand = gridPower().value;
        m_soc = std::clamp(m_soc + m_current * m_socPerAmpStep, 0.0, 1.0);
        stepConverter(cmd, true);
        return;
    }
    const double ocv = batteryOcv().value;
    double target = 0.0;
    double slew = m_p.currentSlewRate;
    if (m_dispatchActive) {
        m_powerCommand += (m_dispatchSetpoint * m_p.dispatchGain - m_powerCommand) * m_alphaPower;
        target = dispatchTarget(ocv);
        slew = m_p.dispatchSlewRate;
    } else {
        target = demandTarget(ocv);
    }
    const double maxDelta = slew * dt;
    m_current += std::clamp((target - m_current) * m_alphaCurrent, -maxDelta, maxDelta);
    m_soc = std::clamp(m_soc + m_current * m_socPerAmpStep, 0.0, 1.0);
    stepConverter(cmd, true);
}

double Plant::inletVoltage() const {
    if (m_k5k6 && m_batteryOn && m_circuit.plugged) return dcVoltage().value;
    if (m_k1k2) return m_converterVoltage;
    return 0.0;
}

// What the insulation monitor sees between the DC lines and PE: the fault box's Rt (DC+/PE,
// DC-/PE, or both in parallel); infinite without a fault.
double Plant::insulationResistance() const {
    using P = core::InsulationFaultPlace;
    const double rt = m_faultBox.insulationResistance.value;
    switch (m_faultBox.insulationFault) {
    case P::None: return std::numeric_limits<double>::infinity();
    case P::PositiveToPe:
    case P::NegativeToPe: return rt;
    case P::Both: return rt / 2.0;
    }
    return std::numeric_limits<double>::infinity();
}

// ---- fault box --------------------------------------------------------------------------------

void Plant::faultBoxSetLine(core::CouplerLine line, core::LineState state) {
    using L = core::CouplerLine;
    const bool can = line == L::CanH || line == L::CanL;
    if (state == core::LineState::Shorted && !can)
        throw std::invalid_argument("line " + core::toString(line) + " cannot be shorted (only S+ and S- can, to each other)");
    const bool open = state != core::LineState::Closed;
    switch (line) {
    case L::SwitchS: m_faultBox.s = state; m_circuit.faultSOpen = open; break;
    case L::Cc1: m_faultBox.cc1 = state; m_circuit.faultCc1Open = open; break;
    case L::Cc2: m_faultBox.cc2 = state; m_circuit.faultCc2Open = open; break;
    case L::Pe: m_faultBox.pe = state; m_peOk = !open; break;
    case L::CanH: m_faultBox.canH = state; break;
    case L::CanL: m_faultBox.canL = state; break;
    }
    // S+ or S- open, or the two shorted: no frame gets across.
    m_bus.setBroken(m_faultBox.canH != core::LineState::Closed || m_faultBox.canL != core::LineState::Closed);
}

void Plant::faultBoxSetR4(double ohms) {
    if (!(ohms > 0.0) || !std::isfinite(ohms)) throw std::invalid_argument("R4 must be a positive resistance");
    m_faultBox.r4 = units::Ohms(ohms);
    m_circuit.r4 = ohms;
}

void Plant::faultBoxSetInsulation(core::InsulationFaultPlace place, double ohms) {
    if (place != core::InsulationFaultPlace::None && (!(ohms > 0.0) || !std::isfinite(ohms)))
        throw std::invalid_argument("the insulation fault resistance must be a positive resistance");
    m_faultBox.insulationFault = place;
    m_faultBox.insulationResistance = units::Ohms(place == core::InsulationFaultPlace::None ? 0.0 : ohms);
}

// ---- acquisition ------------------------------------------------------------------------------

DaqValues Plant::daqValues() const {
    using P = core::InsulationFaultPlace;
    constexpr double kMonitor = 1e6; // ohm, the insulation monitor's own bridge on each line (ours)
    const double inlet = inletVoltage();
    const double rt = m_faultBox.insulationResistance.value;
    const auto place = m_faultBox.insulationFault;
    const double rp = place == P::PositiveToPe || place == P::Both ? rt * kMonitor / (rt + kMonitor) : kMonitor;
    const double rn = place == P::NegativeToPe || place == P::Both ? rt * kMonitor / (rt + kMonitor) : kMonitor;
    const double bus = m_k1k2 ? m_converterVoltage : inlet;
    DaqValues v{};
    v[0] = inlet;
    v[1] = m_converterVoltage;
    v[2] = m_converterVoltage - inlet;
    v[3] = m_current + m_inrush;
    v[4] = m_circuit.detectionVoltage();
    v[5] = m_circuit.detectionVoltage2();
    v[6] = m_control->commands().k3k4 ? 12.0 : 0.0;
    v[7] = m_k1k2 ? 1.0 : 0.0;
    v[8] = m_control->commands().k3k4 ? 1.0 : 0.0;
    v[9] = m_k5k6 ? 1.0 : 0.0;
    v[10] = m_lockEngaged ? 1.0 : 0.0;
    v[11] = bus * rp / (rp + rn);
    return v;
}

core::ChargerStatus Plant::chargerStatus() const {
    core::ChargerStatus s;
    s.dispatchActive = m_dispatchActive;
    s.dispatchSetpoint = units::Watts(m_dispatchSetpoint);
    // The charger regulates its own power measurement; a dispatch gain error is its calibration.
    s.reportedPower = units::Watts(gridPower().value / m_p.dispatchGain);
    if (!m_control->fault().empty())
        s.state = "fault: " + m_control->fault();
    else if (m_pathClosed && m_current > 0.5)
        s.state = "charging";
    else if (m_pathClosed && m_current < -0.5)
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
    s.evPhase = phaseOf(m_ev);
    s.cc1Voltage = m_circuit.plugged ? m_circuit.detectionVoltage() : 0.0;
    s.cc2Voltage = m_circuit.detectionVoltage2();
    s.connectionState = m_circuit.state();
    s.lockEngaged = m_lockEngaged;
    s.k1k2Closed = m_k1k2;
    s.k3k4Closed = m_control->commands().k3k4;
    s.k5k6Closed = m_k5k6;
    s.auxVoltage = s.k3k4Closed ? 12.0 : 0.0;
    s.converterVoltage = m_converterVoltage;
    s.inletVoltage = inletVoltage();
    s.dcPlusPeVoltage = daqValues()[11];
    s.bleederOn = m_control->commands().bleeder;
    s.peOk = m_peOk;
    s.insulationVerdict = m_control->insulationVerdict();
    s.insulationTestVoltage = m_control->insulationTestVoltage();
    s.dcVoltage = dcVoltage();
    s.dcCurrent = dcCurrent();
    s.dcPower = dcPower();
    s.gridPower = gridPower();
    s.chargerState = m_control->stateText();
    return s;
}

void Plant::operatorStop() {
    m_control->operatorStop();
}

} // namespace v2gbench::sim
