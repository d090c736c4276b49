#include "v2gbench/sim/rack_faults.hpp"

#include <stdexcept>

namespace v2gbench::sim {

namespace {

struct RackFaultEntry {
    RackFaultInfo info;
    double PlantParameters::*parameter;
    double value;
};

const std::vector<RackFaultEntry>& table() {
    static const std::vector<RackFaultEntry> entries = {
        {{"grid-source-low",
          "the grid emulator delivers 8 % below its setpoint (211.6 V for 230 V) while its own read-back "
          "shows the setpoint: only an independent meter (the analyzer) sees it"},
         &PlantParameters::gridSourceGain,
         0.92},
    };
    return entries;
}

} // namespace

const std::vector<RackFaultInfo>& rackFaults() {
    static const std::vector<RackFaultInfo> infos = [] {
        std::vector<RackFaultInfo> out;
        for (const auto& e : table()) out.push_back(e.info);
        return out;
    }();
    return infos;
}

void applyRackFault(const std::string& name, PlantParameters& params) {
    if (name.empty()) return;
    std::string known;
    for (const auto& e : table()) {
        if (e.info.name == name) {
            params.*(e.parameter) = e.value;
            return;
        }
        known += (known.empty() ? "" : ", ") + e.info.name;
    }
    throw std::invalid_argument("sim.rack_fault: unknown rack fault '" + name + "' (known: " + known + ")");
}

} // namespace v2gbench::sim
