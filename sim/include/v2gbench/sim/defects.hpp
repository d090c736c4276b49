#pragma once
// The catalogue of named defects of the simulated charger. Each defect is a small set of
// PlantParameters overrides; every certification plan must pass the conforming charger and fail
// the defect that targets its requirement.
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/sim/plant_parameters.hpp"

#include <string>
#include <vector>

namespace v2gbench::sim {

struct DefectInfo {
    std::string name;                 // as given in setting "sim.defect"
    std::string description;          // what the charger does wrong, with numbers
    std::vector<std::string> targets; // requirement ids it must make fail
    // Which device is defective: "charger" (the simulated charger, GB/T 34657.1 and the charger
    // side of GB/T 34658) or "bms" (the simulated vehicle's BMS, the BMS side of GB/T 34658).
    std::string side = "charger";
};

// All known defects, in catalogue order.
const std::vector<DefectInfo>& defects();

// Applies the named defect's overrides to params. An empty name is the conforming charger (no
// change). Throws std::invalid_argument naming the known defects for an unknown name.
void applyDefect(const std::string& name, PlantParameters& params);

// The simulated BMS's own faults for a defect of side "bms" (faults of its frames, the EV
// emulator's kinds); empty for a charger defect or the conforming lab. Throws like applyDefect.
std::vector<core::EvFault> vehicleDefectFaults(const std::string& name);

// Convenience: the default parameters with the named defect applied.
PlantParameters parametersFor(const std::string& defect);

} // namespace v2gbench::sim
