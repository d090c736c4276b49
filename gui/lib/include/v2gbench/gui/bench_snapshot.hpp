#pragma once
// What the bench worker hands the GUI thread at every poll: plain values copied from the roles'
// status calls (the GUI never touches a driver). A role that is not bound or whose poll failed
// has its flag false and its error text set.
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"

#include <QMetaType>

#include <map>
#include <string>
#include <vector>

namespace v2gbench::gui {

struct InstrumentInfo {
    std::string role;
    std::string driver;
    std::string uri;
    core::InstrumentIdentity identity;
    std::vector<std::string> capabilities;
};

struct BenchSnapshot {
    double benchTime = 0.0; // session clock, s
    bool hasGrid = false, hasBattery = false, hasEv = false, hasAnalyzer = false, hasDut = false;
    core::GridState grid;
    core::BatteryReading battery;
    core::EvStatus ev;
    core::AnalyzerReading analyzer;
    core::ChargerStatus dut;
    std::map<std::string, std::string> errors; // role → why its last poll failed

    // Named numeric readings for plots: "battery.voltage" → V, ... (SI units).
    std::vector<std::pair<std::string, double>> signalValues() const;
    // True when every bound source reports its output off (grid, battery) and no dispatch is active.
    bool outputsOff() const;
};

struct SessionInfo {
    std::string benchId;
    std::string benchTitle;
    std::string clock;
    bool virtualClock = false;
    std::string auditFolder; // where the session's journal.jsonl is written
    std::string canLog;      // the bus recorded during the session (benches with a can role), or empty
    std::vector<InstrumentInfo> instruments;
};

struct SafeStopReport {
    std::string completedUtc;           // ISO 8601 wall time when the last role was made safe
    std::vector<std::string> roles;     // in the order makeSafe() ran
    bool outputsOff = false;            // confirmed by a read-back after makeSafe()
    std::string detail;
};

struct ActionRecord {
    std::string role;
    std::string action;   // "battery.emulate"
    std::string sent;     // what was sent, human-readable with units
    std::string readback; // what the instrument reported afterwards
    bool ok = true;
    std::string error;
    double benchTime = 0.0;
    std::string utc;
};

} // namespace v2gbench::gui

Q_DECLARE_METATYPE(v2gbench::gui::BenchSnapshot)
Q_DECLARE_METATYPE(v2gbench::gui::SessionInfo)
Q_DECLARE_METATYPE(v2gbench::gui::SafeStopReport)
Q_DECLARE_METATYPE(v2gbench::gui::ActionRecord)
