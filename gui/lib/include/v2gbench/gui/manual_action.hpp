#pragma once
// One operator command from a control panel: what to do to the opened bench (run on the bench
// worker's thread, never on the GUI thread) and how to read back its effect for the audit trail.
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/gui/bench_snapshot.hpp"

#include <functional>
#include <string>

namespace v2gbench::gui {

struct ManualAction {
    std::string role;   // "battery"
    std::string action; // "battery.emulate"
    std::string sent;   // "voltage 400 V, charge limit 100 A, discharge limit 100 A"
    std::function<void(bench::BenchSession&)> apply;
    // Formats the read-back the audit trail records; empty: the role's whole status.
    std::function<std::string(const BenchSnapshot&)> readback;
};

// The role's status as one line ("output on, 400.0 V, 12.3 A, SoC 50.0 %").
std::string describeRole(const std::string& role, const BenchSnapshot& snapshot);

} // namespace v2gbench::gui
