#pragma once
// Faults of the simulated lab's own instruments — the rack, not the charger — for the rack
// self-check plans to catch (setting "sim.rack_fault", in process). Data only: a fault is a row.
#include "v2gbench/sim/plant_parameters.hpp"

#include <string>
#include <vector>

namespace v2gbench::sim {

struct RackFaultInfo {
    std::string name;        // as given in setting "sim.rack_fault"
    std::string description; // what the instrument does wrong, with numbers
};

const std::vector<RackFaultInfo>& rackFaults();

// Applies the named fault to params; an empty name changes nothing. Throws std::invalid_argument
// naming the known faults for an unknown name.
void applyRackFault(const std::string& name, PlantParameters& params);

} // namespace v2gbench::sim
