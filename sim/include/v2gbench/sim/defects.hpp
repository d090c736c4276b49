#pragma once
// The catalogue of named defects of the simulated charger. Each defect is a small set of
// PlantParameters overrides; every certification plan must pass the conforming charger and fail
// the defect that targets its requirement.
#include "v2gbench/sim/plant_parameters.hpp"

#include <string>
#include <vector>

namespace v2gbench::sim {

struct DefectInfo {
    std::string name;                 // as given in setting "sim.defect"
    std::string description;          // what the charger does wrong, with numbers
    std::vector<std::string> targets; // requirement ids it must make fail
};

// All known defects, in catalogue order.
const std::vector<DefectInfo>& defects();

// Applies the named defect's overrides to params. An empty name is the conforming charger (no
// change). Throws std::invalid_argument naming the known defects for an unknown name.
void applyDefect(const std::string& name, PlantParameters& params);

// Convenience: the default parameters with the named defect applied.
PlantParameters parametersFor(const std::string& defect);

} // namespace v2gbench::sim
