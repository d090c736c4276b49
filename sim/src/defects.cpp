#include "v2gbench/sim/defects.hpp"

#include <stdexcept>
#include <utility>

namespace v2gbench::sim {

namespace {

// One parameter override: a number, or a behaviour switch turned off/on.
struct Override {
    Override(double PlantParameters::*f, double v) : number(f), value(v) {}
    Override(bool PlantParameters::*f, bool v) : flag(f), value(v ? 1.0 : 0.0) {}
    double PlantParameters::*number = nullptr;
    bool PlantParameters::*flag = nullptr;
    double value;
    void apply(PlantParameters& p) const {
        if (number) p.*number = value;
        else p.*flag = value != 0.0;
    }
};

struct DefectEntry {
    DefectInfo info;
    std::vector<Override> overrides;
    std::vector<core::EvFault> vehicleFaults; // side bms: the simulated BMS's faulty frames
};

core::EvFault vehicleFault(core::EvFaultKind kind, std::string message) {
    core::EvFault f;
    f.kind = kind;
    f.message = std::move(message);
    return f;
}

core::EvFault vehicleDelay(std::string message, double seconds) {
    auto f = vehicleFault(core::EvFaultKind::Delay, std::move(message));
    f.delay = units::Seconds(seconds);
    return f;
}

core::EvFault vehiclePeriod(std::string message, double seconds) {
    auto f = vehicleFault(core::EvFaultKind::Period, std::move(message));
    f.period = units::Seconds(seconds);
    return f;
}

core::EvFault vehicleCorrupt(std::string message, std::string field, double raw) {
    auto f = vehicleFault(core::EvFaultKind::Corrupt, std::move(message));
    f.field = std::move(field);
    f.value = raw;
    return f;
}

constexpr const char* kBms = "bms";

// The catalogue: data only. Add a defect by adding a row (and a line in sim/README.md).
const std::vector<DefectEntry>& table() {
    static const std::vector<DefectEntry> entries = {
        {{"voltage-control-error",
          "constant-voltage output regulates 1.0 % above the demanded voltage (limit +-0.5 %)",
          {"GBT34657.1-2017/D0.4101"}},
         {{&PlantParameters::cvVoltageGain, 1.010}}},
        {{"current-control-error",
          "constant-current output has gain +1.8 % and offset +0.45 A: fails both +-0.3 A below 30 A "
          "and +-1 % from 30 A",
          {"GBT34657.1-2017/D0.4102"}},
         {{&PlantParameters::ccCurrentGain, 1.018}, {&PlantParameters::ccCurrentOffset, 0.45}}},
        {{"slow-current-adjustment",
          "current slew limit 8 A/s instead of 200 A/s: a 20 A step takes 2.5 s (limit 1 s)",
          {"GBT34657.1-2017/D0.4103"}},
         {{&PlantParameters::currentSlewRate, 8.0}}},
        {{"slow-current-stop",
          "current ramps down at 40 A/s on a stop instead of 250 A/s (limit >= 100 A/s)",
          {"GBT34657.1-2017/D0.5101"}},
         {{&PlantParameters::stopSlewRate, 40.0}}},
        {{"discharge-power-error",
          "grid-side power dispatch achieves 96.5 % of the setpoint magnitude (the charger's own "
          "power measurement reads 3.6 % high)",
          {"V2G/P-ACCURACY"}},
         {{&PlantParameters::dispatchGain, 0.965}}},
        {{"slow-discharge-response",
          "grid-side power loop time constant 1.5 s instead of 0.15 s: a set-point step at rated power "
          "reaches 90 % in ~3.5 s (limit 1 s) and stays within 2 % of rated after ~6 s (limit 2 s)",
          {"V2G/P-RESPONSE-TIME", "V2G/P-REGULATION-TIME", "V2G/TRANSITION"}},
         {{&PlantParameters::powerTau, 1.5}}},
        // GB/T 34133-2023 Annex A figures (issue 14): each defect moves one figure only.
        {{"p-gain-error",
          "grid-side active power settles 1.5 % short of the set point (gain 0.985): 0.9 kW at 60 kW, "
          "a control deviation of 1.5 % of rated (limit 1 %) inside the 2 % regulation band; the response "
          "and regulation times are unchanged",
          {"V2G/P-CONTROL-DEVIATION", "V2G/TRANSITION"}},
         {{&PlantParameters::dispatchGain, 0.985}}},
        {{"p-slow-response",
          "the power stage ramps its DC current at 100 A/s instead of 500 A/s: a 60 kW step (~125 A) "
          "reaches 90 % after ~1.1 s (limit 1 s) but is within 2 % of rated by ~1.3 s (limit 2 s) and "
          "settles on target; a rated reversal (~245 A) takes ~2.4 s",
          {"V2G/P-RESPONSE-TIME", "V2G/TRANSITION"}},
         {{&PlantParameters::dispatchSlewRate, 100.0}}},
        // GB/T 27930 conversation and connection-circuit reactions (issue 4).
        {{"ccs-period-69ms", "CCS sent every 69 ms instead of 50 ms (+38 %, as seen on a charger in the field)",
          {"GBT34658-2017/DP.3001"}},
         {{&PlantParameters::ccsPeriod, 0.069}}},
        {{"no-cst-on-cc1-break", "a broken CC1 cuts the current but the charger sends no CST (limit: CST within 100 ms)",
          {"GBT34657.1-2017/D0.4503"}},
         {{&PlantParameters::cstOnCc1Break, false}}},
        {{"slow-s-open-cut",
          "switch S opening is handled as a normal stop at 250 A/s: 100 A takes 380 ms to fall below 5 A (limit 50 ms)",
          {"GBT34657.1-2017/D0.4502"}},
         {{&PlantParameters::emergencyCutOnSOpen, false}}},
        {{"ignores-bcl-timeout", "charging continues when BCL stops arriving (limit: CEM and stop after 1 s)",
          {"GBT34658-2017/DN.3006", "GBT34658-2017/DN.3008", "GBT34658-2017/DN.3010"}},
         {{&PlantParameters::honourBclTimeout, false}}},
        {{"wrong-cem-bits", "every CEM sets the timeout bit of the next field instead of the message that timed out",
          {"GBT34658-2017/DN.1001", "GBT34658-2017/DN.1002", "GBT34658-2017/DN.1003", "GBT34658-2017/DN.1004",
           "GBT34658-2017/DN.2001", "GBT34658-2017/DN.2002", "GBT34658-2017/DN.2003", "GBT34658-2017/DN.2004",
           "GBT34658-2017/DN.2005", "GBT34658-2017/DN.2006", "GBT34658-2017/DN.2010", "GBT34658-2017/DN.3001",
           "GBT34658-2017/DN.3002", "GBT34658-2017/DN.3003", "GBT34658-2017/DN.3004", "GBT34658-2017/DN.3005",
           "GBT34658-2017/DN.3007", "GBT34658-2017/DN.3008", "GBT34658-2017/DN.3010", "GBT34658-2017/DN.4001",
           "GBT34658-2017/DN.4003", "GBT34658-2017/DN.4004"}},
         {{&PlantParameters::correctCemBits, false}}},
        {{"crm-aa-before-brm", "CRM 0xAA is sent when the BRM transfer starts (RTS), before the BRM is complete",
          {"GBT34658-2017/DP.1003"}},
         {{&PlantParameters::crmAaAfterBrmComplete, false}}},
        {{"no-retry", "after a communication timeout the charger never restarts the handshake (no CRM 0x00 again)",
          {"GBT34658-2017/DN.3009", "GBT34657.1-2017/D0.4501"}},
         {{&PlantParameters::retryAfterTimeout, false}}},
        {{"cst-once", "CST is sent once instead of every 10 ms until the vehicle's BSD",
          {"GBT34658-2017/DN.4002", "GBT34658-2017/DN.4003", "GBT34658-2017/DP.4002"}},
         {{&PlantParameters::repeatCst, false}}},
        {{"ignores-vehicle-max-voltage", "the charger keeps its output on above the vehicle's maximum charge voltage (BCP)",
          {"GBT34657.1-2017/D0.4504"}},
         {{&PlantParameters::stopOnVehicleOvervoltage, false}}},
        {{"wide-cc1-window", "detection point 1 accepted from 2.8 V to 5.2 V (limit: refuse below 3.2 V and above 4.8 V)",
          {"GBT34657.1-2017/D0.6002"}},
         {{&PlantParameters::cc1Low, 2.8}, {&PlantParameters::cc1High, 5.19}}},
        // GB/T 34658 charger-side case families (issue 12): one named defect per family.
        {{"charging-starts-on-bcl-alone",
          "after CRO(0xAA) the first BCL starts CCS without BCS, and the first BCL may take 5 s (limits: no CCS "
          "before BCL and BCS; BCL within 1 s, BCS within 5 s)",
          {"GBT34658-2017/DN.3001", "GBT34658-2017/DN.3002", "GBT34658-2017/DN.3003", "GBT34658-2017/DN.3004"}},
         {{&PlantParameters::startOnBclAlone, true}}},
        {{"late-bro-loss",
          "when BRO(0xAA) stops or turns 0x00 during CRO(0x00) the charger waits for the 60 s limit (Amendment No. 1: "
          "error path 5 s after the last BRO(0xAA))",
          {"GBT34658-2017/DN.2007", "GBT34658-2017/DN.2008", "GBT34658-2017/DN.2009"}},
         {{&PlantParameters::broLossTimeout, 60.0}}},
        {{"ready-without-bro-ready", "CRO(0xAA) while the vehicle still says BRO(0x00)", {"GBT34658-2017/DP.2002"}},
         {{&PlantParameters::readyWithoutBroReady, true}}},
        {{"cro-period-500ms", "CRO every 500 ms instead of 250 ms", {"GBT34658-2017/DP.2003"}},
         {{&PlantParameters::croPeriod, 0.5}}},
        {{"cml-current-80pct", "CML announces 80 % of the rated output current (200 A of 250 A)", {"GBT34658-2017/DP.2001"}},
         {{&PlantParameters::cmlCurrentScale, 0.8}}},
        {{"handshake-priority-7", "CHM and CRM go out at CAN priority 7 (the table: 6)",
          {"GBT34658-2017/DP.1001", "GBT34658-2017/DP.1002", "GBT34658-2017/DP.1003"}},
         {{&PlantParameters::handshakePriority, 7.0}}},
        {{"zero-fill", "unused bits of the charger's single-frame messages are 0 instead of 1 (CCS, CST, CEM)",
          {"GBT34658-2017/DP.3001", "GBT34658-2017/DP.4001"}},
         {{&PlantParameters::zeroFill, true}}},
        {{"ccs-current-2a-high", "CCS reports the output current 2 A above the measured output",
          {"GBT34658-2017/DP.3002", "GBT34658-2017/DP.3005", "GBT34658-2017/DP.3007"}},
         {{&PlantParameters::ccsCurrentOffset, 2.0}}},
        {{"ignores-bsm-pause", "BSM 'charging not permitted' does not hold the output", {"GBT34658-2017/DP.3003"}},
         {{&PlantParameters::honourBsmPause, false}}},
        {{"ccs-charging-time-stuck", "CCS 'charging time' stays at 0 min", {"GBT34658-2017/DP.3004"}},
         {{&PlantParameters::ccsChargingTimeStuck, true}}},
        {{"ignores-bsm-faults", "a BSM fault (over-temperature, ...) does not stop the charger", {"GBT34658-2017/DP.3006"}},
         {{&PlantParameters::honourBsmFaults, false}}},
        {{"ignores-bcs-timeout", "charging continues when BCS stops arriving (limit: CEM and stop after 5 s)",
          {"GBT34658-2017/DN.3005", "GBT34658-2017/DN.3007", "GBT34658-2017/DN.3009"}},
         {{&PlantParameters::honourBcsTimeout, false}}},
        {{"no-csd", "the charger never sends CSD", {"GBT34658-2017/DP.4001", "GBT34658-2017/DP.4002"}},
         {{&PlantParameters::dropCsd, true}}},
        // The charger's hardware sequence (issue 11): each changes one step of GB/T 18487.1 Annex B.
        {{"no-insulation-check",
          "no self-check: K1/K2 stay open between BHM and CRM, no insulation test voltage, an Rt of 50 ohm/V "
          "is not refused (limit: refuse at <= 100 ohm/V)",
          {"GBT34657.1-2017/D0.2001", "GBT34657.1-2017/D0.2501"}},
         {{&PlantParameters::selfCheck, false}}},
        {{"insulation-voltage-rated-not-bhm",
          "insulation test at the rated 750 V whatever the vehicle's BHM maximum (limit: min(BHM max, rated), "
          "e.g. 420 V for a 420 V vehicle)",
          {"GBT34657.1-2017/D0.2001"}},
         {{&PlantParameters::insulationAtBhmVoltage, false}}},
        {{"slow-bleeder",
          "bleeder of 1000 ohm instead of 100 ohm: tau 1.8 s, 750 V falls below 60 V in 4.6 s (limit 1 s)",
          {"GBT34657.1-2017/D0.2001", "GBT34657.1-2017/D0.5001"}},
         {{&PlantParameters::bleederResistance, 1000.0}}},
        {{"precharge-outside-window",
          "K1/K2 close with the output 15 V below the inlet voltage (limit: 1..10 V below)",
          {"GBT34657.1-2017/D0.3001"}},
         {{&PlantParameters::prechargeOffset, 15.0}}},
        {{"inrush-30A",
          "loop resistance 0.167 ohm instead of 1 ohm: the 5 V pre-charge offset drives a 30 A inrush at K1/K2 "
          "closure (limit < 20 A)",
          {"GBT34657.1-2017/D0.3101"}},
         {{&PlantParameters::loopResistance, 1.0 / 6.0}}},
        {{"k3k4-before-csd",
          "K3/K4 open at the stop trigger, before the CSD/BSD exchange (limit: only after it)",
          {"GBT34657.1-2017/D0.4503", "GBT34657.1-2017/D0.5001"}},
         {{&PlantParameters::k3k4AfterCsd, false}}},
        {{"no-stop-on-pe-loss", "the charger ignores the loss of PE continuity (limit: supply cut within 100 ms)",
          {"GBT34657.1-2017/D0.4505"}},
         {{&PlantParameters::stopOnPeLoss, false}}},
        {{"resumes-after-mains-return",
          "after a mains loss the charger starts a new session by itself when the mains returns (limit: no "
          "automatic resume)",
          {"GBT34657.1-2017/D0.4506"}},
         {{&PlantParameters::resumeAfterMainsReturn, true}}},
        {{"slow-mains-loss-discharge",
          "on a mains loss K1/K2 stay closed 2 s after the current is off and no bleeder acts: the output stays "
          "above 60 V for about 40 s (limit: K1/K2 open or < 60 V within 1 s)",
          {"GBT34657.1-2017/D0.4506"}},
         {{&PlantParameters::mainsLossOpenDelay, 2.0}, {&PlantParameters::bleedOnMainsLoss, false}}},
        {{"lock-released-under-load",
          "the lock releases at the stop trigger while current still flows (limit: engaged until K1/K2 are open "
          "and the output is below 60 V)",
          {"GBT34657.1-2017/D0.5001"}},
         {{&PlantParameters::keepLockUnderLoad, false}}},
        {{"lock-after-insulation-voltage",
          "the lock engages only once the insulation test voltage is on the output (limit: locked before any "
          "insulation voltage)",
          {"GBT34657.1-2017/D0.1001"}},
         {{&PlantParameters::lockBeforeInsulation, false}}},
        {{"delayed-stop-300ms",
          "on a stop the current holds 300 ms, then ramps at 1000 A/s: 0.8·dI/(t90-t10) = 1000 A/s passes, but "
          "from the BST or the stop command to 5 A, 30 A → 5 A takes 325 ms = 77 A/s (limit >= 100 A/s)",
          {"GBT34657.1-2017/D0.5101"}},
         {{&PlantParameters::stopDelay, 0.3}, {&PlantParameters::stopSlewRate, 1000.0}}},
        {{"late-demand-reaction",
          "the charger acts on a new BCL demand 1.1 s after the frame that carries it (limit: a 20 A step within "
          "1 s of that frame)",
          {"GBT34657.1-2017/D0.4103"}},
         {{&PlantParameters::demandReactionDelay, 1.1}}},
        {{"accepts-bhm-below-minimum",
          "a vehicle whose BHM maximum is below the charger's minimum output voltage is not refused",
          {"GBT34657.1-2017/D0.2001"}},
         {{&PlantParameters::refuseBhmBelowMinimum, false}}},
        {{"ignores-residual-voltage",
          "a battery-side voltage of 10 V or more before the insulation check is not refused (K1/K2 close onto it)",
          {"GBT34657.1-2017/D0.2001"}},
         {{&PlantParameters::refuseResidualVoltage, false}}},
        {{"ignores-battery-voltage-mismatch",
          "CRO 0xAA whatever the inlet voltage: a battery 10 % off its BCP voltage is charged (limit: CRO stays "
          "0x00 beyond +-5 %)",
          {"GBT34657.1-2017/D0.3001"}},
         {{&PlantParameters::checkBatteryVoltage, false}}},
        {{"slow-comm-timeout-stop",
          "after a communication timeout K1/K2 stay closed 12 s after the current is off (limit: open within 10 s)",
          {"GBT34657.1-2017/D0.4501"}},
         {{&PlantParameters::commTimeoutOpenDelay, 12.0}}},
        {{"slow-declared-fault-stop",
          "CST 300 ms after an emergency stop or declared fault (limit: within 100 ms)",
          {"GBT34657.1-2017/D0.4506"}},
         {{&PlantParameters::declaredFaultReaction, 0.3}}},
        // The simulated BMS under test (GB/T 34658 BMS side, issue 12 item 5): one named defect per
        // case family, as faults of the vehicle's own frames (side bms: the charger is conforming).
        // (A BMS with no BHM at all stops every case: the 2015 charger waits for it before CRM.)
        {{"bms-bhm-period-500ms", "BHM every 500 ms instead of 250 ms", {"GBT34658-2017/BP.1001"}, kBms},
         {},
         {vehiclePeriod("BHM", 0.5)}},
        {{"bms-short-brm", "the BRM transfer announces and carries 41 bytes (the 2011 layout) instead of 49",
          {"GBT34658-2017/BP.1002"}, kBms},
         {{&PlantParameters::brmLength, 41.0}}},
        {{"bms-ignores-charger-timeouts",
          "the BMS never sends BEM: a missing CRM, CML or CRO is not reported (limit: BEM with the timeout bit)",
          {"GBT34658-2017/BN.1001", "GBT34658-2017/BN.1002", "GBT34658-2017/BN.1003", "GBT34658-2017/BN.1006",
           "GBT34658-2017/BN.1007", "GBT34658-2017/BN.1008", "GBT34658-2017/BN.1009", "GBT34658-2017/BN.1010",
           "GBT34658-2017/BN.2001", "GBT34658-2017/BN.2002", "GBT34658-2017/BN.2003", "GBT34658-2017/BN.2004",
           "GBT34658-2017/BN.2006", "GBT34658-2017/BN.2007"},
          kBms},
         {},
         {vehicleFault(core::EvFaultKind::Silence, "BEM")}},
        {{"bms-no-brm-retry",
          "after a failed BRM transfer the BMS waits 20 s for the next one (limit: again at its 250 ms period)",
          {"GBT34658-2017/BN.1004", "GBT34658-2017/BN.1005"}, kBms},
         {},
         {vehiclePeriod("BRM", 20.0)}},
        {{"bms-bcp-late", "BCP leaves 1 s after CRM(0xAA) (limit: within 500 ms, two 250 ms CRM periods)",
          {"GBT34658-2017/BP.1003"}, kBms},
         {},
         {vehicleDelay("BCP", 1.0)}},
        {{"bms-bcp-voltage-wrong", "BCP announces a maximum charge voltage of 0 V instead of the vehicle's own",
          {"GBT34658-2017/BP.2001"}, kBms},
         {},
         {vehicleCorrupt("BCP", "max charge voltage", 0)}},
        {{"bms-bro-period-500ms", "BRO every 500 ms instead of 250 ms", {"GBT34658-2017/BP.2002"}, kBms},
         {},
         {vehiclePeriod("BRO", 0.5)}},
        {{"bms-bcl-late", "the first BCL leaves 1 s after CRO(0xAA) (limit: within 500 ms)",
          {"GBT34658-2017/BP.2003"}, kBms},
         {},
         {vehicleDelay("BCL", 1.0)}},
        // Its reactions to a faulty charger (behaviour switches of BmsStateMachine, one case each).
        {{"bms-crm-any-recognition",
          "a CRM whose recognition is neither 0x00 nor 0xAA starts the BRM (limit: only CRM(0x00) does)",
          {"GBT34658-2017/BN.1006"}, kBms},
         {{&PlantParameters::bmsAnyCrmStartsBrm, true}}},
        {{"bms-reads-short-crm",
          "a CRM of 4 bytes is read as far as it goes and starts the BRM (limit: a CRM shorter than its 8 bytes "
          "counts as not received)",
          {"GBT34658-2017/BN.1007"}, kBms},
         {{&PlantParameters::bmsReadsShortCrm, true}}},
        {{"bms-endless-reconnect",
          "after the third timeout the BMS reconnects again (a fourth BEM episode; limit: the third ends the session)",
          {"GBT34658-2017/BN.1008"}, kBms},
         {{&PlantParameters::bmsEndsAfterThirdTimeout, false}}},
        {{"bms-crm-nonzero-is-aa",
          "while sending BRM any CRM other than 0x00 is taken as 0xAA: an invalid CRM starts the BCP (limit: only "
          "CRM(0xAA) does)",
          {"GBT34658-2017/BN.1009"}, kBms},
         {{&PlantParameters::bmsNonZeroCrmIsRecognition, true}}},
        {{"bms-silent-charger-no-bem",
          "a charger silent for 2 s during the BRM sends the BMS back to BHM without a BEM (limit: BEM(CRM 0xAA "
          "timeout) 5 s after CRM(0x00))",
          {"GBT34658-2017/BN.1010"}, kBms},
         {{&PlantParameters::bmsSilentChargerRestart, 2.0}}},
        {{"bms-no-bcp-retry",
          "after a failed BCP transfer the BMS waits 20 s for the next one (limit: again at its 500 ms period)",
          {"GBT34658-2017/BN.2005"}, kBms},
         {},
         {vehiclePeriod("BCP", 20.0)}},
        {{"bms-reads-short-cml",
          "a CML of 4 bytes is read and answered with BRO (limit: a CML shorter than its table counts as not "
          "received)",
          {"GBT34658-2017/BN.2006"}, kBms},
         {{&PlantParameters::bmsReadsShortCml, true}}},
        {{"bms-cro-timeout-10s", "BEM(CRO timeout) 10 s after the CRO stream stops instead of 5 s",
          {"GBT34658-2017/BN.2007"}, kBms},
         {{&PlantParameters::bmsCroStreamTimeout, 10.0}}},
    };
    return entries;
}

} // namespace

const std::vector<DefectInfo>& defects() {
    static const std::vector<DefectInfo> infos = [] {
        std::vector<DefectInfo> out;
        for (const auto& e : table())
            out.push_back(e.info);
        return out;
    }();
    return infos;
}

void applyDefect(const std::string& name, PlantParameters& params) {
    if (name.empty()) return; // the conforming charger
    for (const auto& e : table()) {
        if (e.info.name != name) continue;
        for (const auto& o : e.overrides) o.apply(params);
        return;
    }
    std::string known;
    for (const auto& e : table())
        known += (known.empty() ? "" : ", ") + e.info.name;
    throw std::invalid_argument("sim.defect: unknown defect '" + name + "'; known defects: " + known +
                                " (empty = conforming charger)");
}

std::vector<core::EvFault> vehicleDefectFaults(const std::string& name) {
    if (name.empty()) return {};
    PlantParameters unused;
    applyDefect(name, unused); // the unknown-name error, one text
    for (const auto& e : table())
        if (e.info.name == name) return e.vehicleFaults;
    return {};
}

PlantParameters parametersFor(const std::string& defect) {
    PlantParameters p;
    applyDefect(defect, p);
    return p;
}

} // namespace v2gbench::sim
