#include "v2gbench/gui/bench_snapshot.hpp"

namespace v2gbench::gui {

std::vector<std::pair<std::string, double>> BenchSnapshot::signalValues() const {
    std::vector<std::pair<std::string, double>> out;
    if (hasGrid) {
        out.emplace_back("grid.voltage", grid.voltage.value);
        out.emplace_back("grid.frequency", grid.frequency.value);
    }
    if (hasBattery) {
        out.emplace_back("battery.voltage", battery.voltage.value);
        out.emplace_back("battery.current", battery.current.value);
        out.emplace_back("battery.soc", battery.soc.value);
    }
    if (hasEv) {
        out.emplace_back("ev.demand_voltage", ev.demand.voltage.value);
        out.emplace_back("ev.demand_current", ev.demand.current.value);
        out.emplace_back("ev.charger_voltage", ev.chargerVoltage.value);
        out.emplace_back("ev.charger_current", ev.chargerCurrent.value);
    }
    if (hasAnalyzer) {
        out.emplace_back("analyzer.ac_voltage", analyzer.ac.voltage.value);
        out.emplace_back("analyzer.ac_current", analyzer.ac.current.value);
        out.emplace_back("analyzer.ac_power", analyzer.ac.activePower.value);
        out.emplace_back("analyzer.frequency", analyzer.ac.frequency.value);
        out.emplace_back("analyzer.dc_voltage", analyzer.dc.voltage.value);
        out.emplace_back("analyzer.dc_current", analyzer.dc.current.value);
        out.emplace_back("analyzer.dc_power", analyzer.dc.power.value);
    }
    if (hasDut) {
        out.emplace_back("dut.dispatch_setpoint", dut.dispatchSetpoint.value);
        out.emplace_back("dut.reported_power", dut.reportedPower.value);
    }
    return out;
}

bool BenchSnapshot::outputsOff() const {
    if (hasGrid && grid.outputOn) return false;
    if (hasBattery && battery.outputOn) return false;
    if (hasDut && dut.dispatchActive) return false;
    return true;
}

} // namespace v2gbench::gui
