#pragma once
// The bench side of v2gbench-sim's control port, registered as the lab control
// "v2gbench-sim-control" (bench profile `lab: {driver: v2gbench-sim-control, uri: tcp://…:7999}`;
// option timeout, default 2 s, bounds connecting and each reply line).
// At session open it reads the lab's settings back (`settings` command: DUT, defect, seed, active
// faults) and records them in the session. The lab is started with its settings and cannot change
// them while it runs, so a run asking for another defect, seed or DUT is refused with the command
// that would start the lab that way — never recorded as if it had been applied.
#include "v2gbench/core/driver_registry.hpp"

#include <map>
#include <string>
#include <vector>

namespace v2gbench::simwire {

// What the control port's `settings` reply says.
struct LabSettings {
    std::string dut;    // DUT profile id
    std::string defect; // empty: the conforming charger
    std::string seed;
    std::vector<std::string> faults; // "<service> <kind> <value>"
    std::string evProfile;                  // the EV profile id the lab's EV emulator was started with
    std::map<std::string, std::string> ev;  // "ev.max_charge_voltage" → "750 V": what the EV emulator states
    std::string busDut = "lab";             // --bus-dut: "lab" or "external" (a lab without the line: "lab")
};

// Parses the reply lines (without "end"). Throws std::invalid_argument on a malformed reply.
LabSettings parseLabSettings(const std::vector<std::string>& lines);

// Compares the session's requests with the lab's settings; records the lab's values
// (sim.dut, sim.defect, sim.seed, sim.faults, sim.bus_dut) or throws std::invalid_argument naming the mismatch
// and the v2gbench-sim command line that would apply the request.
void applyLabSettings(const LabSettings& lab, core::SessionContext& session, const std::string& where);

void registerLabControls(core::DriverRegistry& registry);

} // namespace v2gbench::simwire
