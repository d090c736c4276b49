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
};

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
          "grid-side power loop time constant 1.5 s instead of 0.15 s: a dispatch step or a "
          "charge/discharge transition settles in more than 2 s",
          {"V2G/P-RESPONSE", "V2G/TRANSITION"}},
         {{&PlantParameters::powerTau, 1.5}}},
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

PlantParameters parametersFor(const std::string& defect) {
    PlantParameters p;
    applyDefect(defect, p);
    return p;
}

} // namespace v2gbench::sim
