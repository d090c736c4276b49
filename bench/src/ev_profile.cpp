#include "v2gbench/bench/ev_profile.hpp"

#include "v2gbench/profiles/ev_profile_file.hpp"

namespace v2gbench::bench {

using core::Dimension;

std::optional<Value> EvProfile::lookup(const std::string& name) const {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::optional<ValueType> EvProfile::typeOf(const std::string& name) {
    for (const auto& k : evProfileQuantities())
        if (name == std::string("vehicle.") + k.name) return ValueType::quantity(k.dimension);
    // soc is a fraction (50 % = 0.5), max_temperature plain °C (the unit GB/T 27930 BCP sends).
    if (name == "vehicle.soc" || name == "vehicle.max_temperature") return ValueType::quantity(Dimension::none());
    return std::nullopt;
}

std::vector<std::string> EvProfile::names() {
    std::vector<std::string> out;
    for (const auto& k : evProfileQuantities()) out.push_back(std::string("vehicle.") + k.name);
    out.push_back("vehicle.soc");
    out.push_back("vehicle.max_temperature");
    return out;
}

EvProfile loadEvProfile(const std::string& path) {
    auto file = loadEvProfileFile(path);
    EvProfile p;
    p.id = std::move(file.id);
    p.title = std::move(file.title);
    p.file = std::move(file.file);
    p.sourceText = std::move(file.sourceText);
    p.settings = std::move(file.settings);
    for (const auto& [name, q] : file.quantities) p.values["vehicle." + name] = Value(q);
    return p;
}

} // namespace v2gbench::bench
