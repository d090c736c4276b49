#include "v2gbench/sim/defects.hpp"

#include <stdexcept>
#include <utility>

namespace v2gbench::sim {

namespace {

struct Override {
    double PlantParameters::*field;
    double value;
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
        for (const auto& o : e.overrides)
            params.*(o.field) = o.value;
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
