#include "v2gbench/profiles/ev_profile_file.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/profiles/profile_yaml.hpp"

#include <cstdio>

namespace v2gbench::bench {

namespace py = profile_yaml;
using core::Dimension;

namespace {

// GB/T 27930 BRM battery types (byte 4).
const char* const kBatteryTypes[] = {"lead-acid", "NiMH", "LFP", "LMO", "LCO", "NMC", "polymer", "LTO", "other"};

std::string format(double value, const char* unit) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g%s%s", value, *unit ? " " : "", unit);
    return buf;
}

} // namespace

const std::vector<EvQuantityKey>& evProfileQuantities() {
    static const std::vector<EvQuantityKey> keys{
        {"rated_capacity", Dimension::charge(), "Ah"},        {"rated_voltage", Dimension::voltage(), "V"},
        {"max_cell_voltage", Dimension::voltage(), "V"},      {"max_charge_voltage", Dimension::voltage(), "V"},
        {"max_charge_current", Dimension::current(), "A"},    {"nominal_energy", Dimension::energy(), "kWh"},
        {"battery_voltage", Dimension::voltage(), "V"},
    };
    return keys;
}

EvProfileFile loadEvProfileFile(const std::string& path) {
    const std::string sourceText = py::readText(path, "an EV profile");
    const auto root = py::parse(sourceText, path);
    py::requireMap(root, path, "an EV profile");
    py::checkKeys(root, path,
                  {"ev", "title", "battery_type", "rated_capacity", "rated_voltage", "max_cell_voltage",
                   "max_charge_voltage", "max_charge_current", "nominal_energy", "max_temperature", "soc",
                   "battery_voltage", "vin"});
    EvProfileFile p;
    p.file = path;
    p.sourceText = sourceText; // the very bytes parsed, hashed and copied into the run folder
    p.id = py::text(py::required(root, "ev", path, "an EV profile"), path);
    if (const auto t = root["title"]) p.title = py::text(t, path);
    if (const auto t = root["battery_type"]) {
        const auto type = py::text(t, path);
        bool known = false;
        std::string all;
        for (const char* k : kBatteryTypes) {
            known = known || type == k;
            all += (all.empty() ? "" : ", ") + std::string(k);
        }
        if (!known) throw core::ConfigError(py::at(t, path), "unknown battery_type '" + type + "'; GB/T 27930 knows " + all);
        p.settings["ev.battery_type"] = type;
    }
    for (const auto& k : evProfileQuantities()) {
        const auto node = root[k.name];
        if (!node) continue;
        double v = py::quantity(node, path, k.dimension);
        if (v <= 0) throw core::ConfigError(py::at(node, path), std::string(k.name) + " must be positive");
        p.quantities[k.name] = core::Quantity::of(v, k.dimension); // SI, for plans
        if (k.dimension == Dimension::charge()) v /= 3600.0;   // As → Ah
        if (k.dimension == Dimension::energy()) v /= 3.6e6;    // J → kWh
        p.settings[std::string("ev.") + k.name] = format(v, k.unit);
    }
    if (const auto t = root["max_temperature"]) {
        const double c = py::quantity(t, path, Dimension::none());
        if (c < -50 || c > 200) throw core::ConfigError(py::at(t, path), "max_temperature is in °C, -50 … 200");
        p.settings["ev.max_temperature"] = format(c, "");
        p.quantities["max_temperature"] = core::Quantity::of(c, Dimension::none());
    }
    if (const auto s = root["soc"]) {
        const auto q = py::anyQuantity(s, path);
        const double fraction = q.value; // 50 % and 0.5 are the same fraction
        if (!(q.dimension == Dimension::none()) || fraction < 0 || fraction > 1)
            throw core::ConfigError(py::at(s, path), "soc must be a percentage from 0 % to 100 % (e.g. 50 %)");
        p.settings["ev.soc"] = format(fraction * 100.0, "%");
        p.quantities["soc"] = core::Quantity::of(fraction, Dimension::none());
    }
    if (const auto v = root["vin"]) {
        const auto vin = py::text(v, path);
        if (vin.size() != 17) throw core::ConfigError(py::at(v, path), "vin must have 17 characters, got " + std::to_string(vin.size()));
        p.settings["ev.vin"] = vin;
    }
    return p;
}

} // namespace v2gbench::bench
