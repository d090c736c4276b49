#include "v2gbench/gui/manual_action.hpp"

#include <cstdio>

namespace v2gbench::gui {

namespace {
template <class... Args> std::string fmt(const char* format, Args... args) {
    char buf[160];
    std::snprintf(buf, sizeof buf, format, args...);
    return buf;
}
} // namespace

std::string describeRole(const std::string& role, const BenchSnapshot& s) {
    if (auto it = s.errors.find(role); it != s.errors.end()) return "read-back failed: " + it->second;
    if (role == "grid" && s.hasGrid)
        return std::string(s.grid.outputOn ? "output on, " : "output off, ") +
               fmt("%.1f V, %.2f Hz", s.grid.voltage.value, s.grid.frequency.value);
    if (role == "battery" && s.hasBattery)
        return std::string(s.battery.outputOn ? "output on, " : "output off, ") +
               fmt("%.1f V, %.2f A, SoC %.1f %%", s.battery.voltage.value, s.battery.current.value,
                   s.battery.soc.value * 100.0);
    if (role == "ev" && s.hasEv)
        return "phase " + core::toString(s.ev.phase) +
               fmt(", demand %.1f V %.1f A, charger %.1f V %.1f A", s.ev.demand.voltage.value,
                   s.ev.demand.current.value, s.ev.chargerVoltage.value, s.ev.chargerCurrent.value) +
               fmt(", CC1 %.2f V", s.ev.cc1Voltage.value) + (s.ev.switchSClosed ? ", S closed" : ", S open") +
               (s.ev.paused ? ", paused" : "");
    if (role == "dut" && s.hasDut)
        return "state " + s.dut.state + (s.dut.dispatchActive ? ", dispatch " : ", no dispatch ") +
               fmt("%.0f W, reported %.0f W", s.dut.dispatchSetpoint.value, s.dut.reportedPower.value);
    if (role == "analyzer" && s.hasAnalyzer)
        return fmt("AC %.1f V %.0f W, DC %.1f V %.2f A", s.analyzer.ac.voltage.value, s.analyzer.ac.activePower.value,
                   s.analyzer.dc.voltage.value, s.analyzer.dc.current.value);
    return "no read-back";
}

} // namespace v2gbench::gui
