#include "v2gbench/bench/bench_bindings.hpp"

namespace v2gbench::bench {

namespace {

// "role 'grid'" or "lab": what the bench profile calls the binding.
std::string bindingName(const InstrumentBinding& binding) {
    return binding.role == "lab" ? std::string("lab") : "role '" + binding.role + "'";
}

} // namespace

const core::DriverInfo& boundDriver(const InstrumentBinding& binding, const core::DriverRegistry& registry) {
    const auto* info = registry.driverInfo(binding.driver);
    if (!info)
        throw core::ConfigError(binding.where, "unknown driver '" + binding.driver + "' for role '" + binding.role +
                                                   "' (see `v2gbench list drivers`)");
    if (info->role != binding.role)
        throw core::ConfigError(binding.where, "driver '" + binding.driver + "' serves role '" + info->role +
                                                   "', not '" + binding.role + "'");
    return *info;
}

const core::LabControlInfo& boundLabControl(const InstrumentBinding& lab, const core::DriverRegistry& registry) {
    if (const auto* info = registry.labControlInfo(lab.driver)) return *info;
    std::string known;
    for (const auto& control : registry.labControls()) known += (known.empty() ? "" : ", ") + control.name;
    throw core::ConfigError(lab.where, "unknown lab control '" + lab.driver + "'" +
                                           (known.empty() ? std::string() : "; known: " + known));
}

core::OptionValues boundOptions(const InstrumentBinding& binding, const std::string& owner,
                                const core::OptionDeclaration& declaration) {
    std::map<std::string, std::string> given;
    for (const auto& [name, setting] : binding.options) given[name] = setting.value;
    try {
        return core::resolveOptions(owner, declaration, given);
    } catch (const core::OptionError& e) {
        const auto& setting = binding.options.at(e.option());
        auto where = setting.nameAt;
        if (e.part() == core::OptionError::Part::Value) {
            where = setting.valueAt;
            if (where.column > 0) where.column += static_cast<int>(e.valueOffset());
        }
        throw core::ConfigError(where, bindingName(binding) + ": " + e.what());
    }
}

std::vector<Diagnostic> checkBindings(const BenchProfile& bench, const core::DriverRegistry& registry) {
    std::vector<Diagnostic> out;
    auto check = [&out](const auto& step) {
        try {
            step();
        } catch (const core::ConfigError& e) {
            out.push_back({e.where(), e.message()});
        }
    };
    if (bench.clock != "real" && !registry.hasClock(bench.clock)) {
        std::string known = "real";
        for (const auto& [name, description] : registry.clocks()) known += ", " + name;
        out.push_back({{bench.file, 0, 0}, "unknown clock '" + bench.clock + "'; known clocks: " + known});
    }
    if (bench.lab)
        check([&] {
            const auto& control = boundLabControl(*bench.lab, registry);
            boundOptions(*bench.lab, control.name, control.options);
        });
    for (const auto& binding : bench.instruments)
        check([&] {
            const auto& driver = boundDriver(binding, registry);
            boundOptions(binding, driver.name, driver.options);
        });
    return out;
}

} // namespace v2gbench::bench
