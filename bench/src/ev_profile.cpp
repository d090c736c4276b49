#include "v2gbench/bench/ev_profile.hpp"

#include "v2gbench/profiles/profile_yaml.hpp"
#include "v2gbench/core/errors.hpp"

#include <cstdio>

namespace v2gbench::bench {

namespace py = profile_yaml;
using core::Dimension;

namespace {

struct Key {
    const char* name;
    Dimension dimension;
    const char* unit; // how the value is handed on
};

// The quantities of the profile, with the unit their setting is written in.
const Key kQuantities[] = {
    {"rated_capacity", Dimension::charge(), "Ah"},        {"rated_voltage", Dimension::voltage(), "V"},
    {"max_cell_voltage", Dimension::voltage(), "V"},      {"max_charge_voltage", Dimension::voltage(), "V"},
    {"max_charge_current", Dimension::current(), "A"},    {"nominal_energy", Dimension::energy(), "kWh"},
    {"battery_voltage", Dimension::voltage(), "V"},
};

// GB/T 27930 BRM battery types (byte 4).
const char* const kBatteryTypes[] = {"lead-acid", "NiMH", "LFP", "LMO", "LCO", "NMC", "polymer", "LTO", "other"};

std::string format(double value, const char* unit) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g %s", value, unit);
    return buf;
}

} // namespace

std::optional<Value> EvProfile::lookup(const std::string& name) const {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::optional<ValueType> EvProfile::typeOf(const std::string& name) {
    for (const auto& k : kQuantities)
        if (name == std::string("vehicle.") + k.name) return ValueType::quantity(k.dimension);
    // soc is a fraction (50 % = 0.5), max_temperature plain °C (the unit GB/T 27930 BCP sends).
    if (name == "vehicle.soc" || name == "vehicle.max_temperature") return ValueType::quantity(Dimension::none());
    return std::nullopt;
}

std::vector<std::string> EvProfile::names() {
    std::vector<std::string> out;
    for (const auto& k : kQuantities) out.push_back(std::string("vehicle.") + k.name);
    out.push_back("vehicle.soc");
    out.push_back("vehicle.max_temperature");
    return out;
}

EvProfile loadEvProfile(const std::string& path) {
    const std::string sourceText = py::readText(path, "an EV profile");
    const auto root = py::parse(sourceText, path);
    py::requireMap(root, path, "an EV profile");
    py::checkKeys(root, path,
                  {"ev", "title", "battery_type", "rated_capacity", "rated_voltage", "max_cell_voltage",
                   "max_charge_voltage", "max_charge_current", "nominal_energy", "max_temperature", "soc",
                   "battery_voltage", "vin"});
    EvProfile p;
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
    for (const auto& k : kQuantities) {
        const auto node = root[k.name];
        if (!node) continue;
        double v = py::quantity(node, path, k.dimension);
        if (v <= 0) throw core::ConfigError(py::at(node, path), std::string(k.name) + " must be positive");
        p.values[std::string("vehicle.") + k.name] = Value(core::Quantity::of(v, k.dimension)); // SI, for plans
        if (k.dimension == Dimension::charge()) v /= 3600.0;   // As → Ah
        if (k.dimension == Dimension::energy()) v /= 3.6e6;    // J → kWh
        p.settings[std::string("ev.") + k.name] = format(v, k.unit);
    }
    if (const auto t = root["max_temperature"]) {
        const double c = py::quantity(t, path, Dimension::none());
        if (c < -50 || c > 200) throw core::ConfigError(py::at(t, path), "max_temperature is in °C, -50 … 200");
        p.settings["ev.max_temperature"] = format(c, "");
        p.values["vehicle.max_temperature"] = Value(core::Quantity::of(c, Dimension::none()));
    }
    if (const auto s = root["soc"]) {
        const auto q = py::anyQuantity(s, path);
        const double fraction = q.value; // 50 % and 0.5 are the same fraction
        if (!(q.dimension == Dimension::none()) || fraction < 0 || fraction > 1)
            throw core::ConfigError(py::at(s, path), "soc must be a percentage from 0 % to 100 % (e.g. 50 %)");
        p.settings["ev.soc"] = format(fraction * 100.0, "%");
        p.values["vehicle.soc"] = Value(core::Quantity::of(fraction, Dimension::none()));
    }
    if (const auto v = root["vin"]) {
        const auto vin = py::text(v, path);
        if (vin.size() != 17) throw core::ConfigError(py::at(v, path), "vin must have 17 characters, got " + std::to_string(vin.size()));
        p.settings["ev.vin"] = vin;
    }
    return p;
}

} // namespace v2gbench::bench
