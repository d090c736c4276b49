#include "v2gbench/bench/bench_profile.hpp"

#include "v2gbench/profiles/profile_yaml.hpp"
#include "v2gbench/bench/decision_rule.hpp"
#include "v2gbench/bench/role_catalog.hpp"

#include <algorithm>
#include <filesystem>

namespace v2gbench::bench {

namespace py = profile_yaml;

const InstrumentBinding* BenchProfile::binding(const std::string& role) const {
    for (const auto& b : instruments)
        if (b.role == role) return &b;
    return nullptr;
}

std::vector<std::string> BenchProfile::safeOrder() const {
    std::vector<std::string> order;
    for (const auto& r : shutdownOrder)
        if (binding(r)) order.push_back(r);
    for (auto it = instruments.rbegin(); it != instruments.rend(); ++it)
        if (std::find(order.begin(), order.end(), it->role) == order.end()) order.push_back(it->role);
    return order;
}

namespace {

const SignalSpec& knownSignal(const YAML::Node& node, const std::string& file) {
    const auto name = py::text(node, file);
    const auto& catalog = RoleCatalog::builtin();
    if (const auto* s = catalog.signal(name)) return *s;
    auto hint = catalog.suggestSignal(name);
    throw core::ConfigError(py::at(node, file),
                            "unknown signal '" + name + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
}

// The `options:` map as written; which names and values a driver takes is its own declaration's
// business (checked when the registry is at hand), but a name given twice is an error here.
std::map<std::string, OptionSetting> optionSettings(const YAML::Node& options, const std::string& file) {
    py::requireMap(options, file, "options");
    std::map<std::string, OptionSetting> out;
    for (const auto& o : options) {
        const auto name = py::text(o.first, file);
        OptionSetting setting{py::text(o.second, file), py::at(o.first, file), py::at(o.second, file)};
        // A quoted scalar (tag "!") starts one character after its mark.
        if (o.second.Tag() == "!" && setting.valueAt.column > 0) ++setting.valueAt.column;
        if (!out.emplace(name, std::move(setting)).second)
            throw core::ConfigError(py::at(o.first, file), "option '" + name + "' is given twice");
    }
    return out;
}

} // namespace

BenchProfile loadBenchProfile(const std::string& path) {
    const std::string sourceText = py::readText(path, "a bench profile");
    const auto root = py::parse(sourceText, path);
    py::requireMap(root, path, "a bench profile");
    py::checkKeys(root, path,
                  {"bench", "title", "description", "clock", "instruments", "safety", "shutdown_order", "uncertainty",
                   "settings", "ev_profile", "lab", "signing_key", "results", "instrument_register",
                   "decision_rule"});
    BenchProfile p;
    p.file = path;
    p.sourceText = sourceText; // the very bytes parsed, hashed and copied into the run folder
    p.id = py::text(py::required(root, "bench", path, "a bench profile"), path);
    if (root["title"]) p.title = py::text(root["title"], path);
    if (root["clock"]) p.clock = py::text(root["clock"], path);

    const auto& catalog = RoleCatalog::builtin();
    const auto instruments = py::required(root, "instruments", path, "a bench profile");
    py::requireMap(instruments, path, "instruments");
    for (const auto& kv : instruments) {
        InstrumentBinding b;
        b.role = kv.first.as<std::string>();
        b.where = py::at(kv.first, path);
        if (!catalog.isRole(b.role)) {
            auto hint = closestMatch(b.role, catalog.roles());
            throw core::ConfigError(b.where, "unknown role '" + b.role + "'" +
                                                 (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
        const auto& spec = kv.second;
        py::requireMap(spec, path, "instrument '" + b.role + "'");
        py::checkKeys(spec, path, {"driver", "uri", "options"});
        b.driver = py::text(py::required(spec, "driver", path, "instrument '" + b.role + "'"), path);
        b.uri = py::text(py::required(spec, "uri", path, "instrument '" + b.role + "'"), path);
        if (const auto options = spec["options"]) b.options = optionSettings(options, path);
        p.instruments.push_back(std::move(b));
    }

    if (const auto safety = root["safety"]) {
        py::requireMap(safety, path, "safety");
        py::checkKeys(safety, path, {"supervision_period", "limits"});
        if (safety["supervision_period"]) {
            p.supervisionPeriod = py::quantity(safety["supervision_period"], path, core::Dimension::time());
            if (p.supervisionPeriod <= 0)
                throw core::ConfigError(py::at(safety["supervision_period"], path), "supervision_period must be positive");
        }
        if (const auto limits = safety["limits"]) {
            if (!limits.IsSequence()) throw core::ConfigError(py::at(limits, path), "safety.limits must be a list");
            for (const auto& l : limits) {
                py::requireMap(l, path, "a safety limit");
                py::checkKeys(l, path, {"signal", "min", "max"});
                SafetyLimit limit;
                limit.where = py::at(l, path);
                const auto& signal = knownSignal(py::required(l, "signal", path, "a safety limit"), path);
                if (signal.type.kind != ValueType::Kind::Quantity)
                    throw core::ConfigError(py::at(l["signal"], path), "signal '" + signal.name + "' is not a quantity");
                limit.signal = signal.name;
                if (l["min"]) limit.min = py::quantity(l["min"], path, signal.type.dimension);
                if (l["max"]) limit.max = py::quantity(l["max"], path, signal.type.dimension);
                if (!limit.min && !limit.max)
                    throw core::ConfigError(limit.where, "a safety limit needs min, max or both");
                p.limits.push_back(limit);
            }
        }
    }

    if (const auto lab = root["lab"]) {
        py::requireMap(lab, path, "lab");
        py::checkKeys(lab, path, {"driver", "uri", "options"});
        InstrumentBinding b;
        b.role = "lab";
        b.where = py::at(lab, path);
        b.driver = py::text(py::required(lab, "driver", path, "lab"), path);
        b.uri = py::text(py::required(lab, "uri", path, "lab"), path);
        if (const auto options = lab["options"]) b.options = optionSettings(options, path);
        p.lab = std::move(b);
    }
    if (const auto ev = root["ev_profile"]) {
        const std::filesystem::path rel = py::text(ev, path);
        p.evProfile = (rel.is_absolute() ? rel : std::filesystem::path(path).parent_path() / rel).lexically_normal().string();
    }
    if (const auto key = root["signing_key"]) {
        const std::filesystem::path rel = py::text(key, path);
        p.signingKey = (rel.is_absolute() ? rel : std::filesystem::path(path).parent_path() / rel).lexically_normal().string();
        p.signingKeyAt = py::at(key, path);
    }
    if (const auto results = root["results"]) {
        p.results = py::text(results, path);
        p.resultsAt = py::at(results, path);
    }
    if (const auto reg = root["instrument_register"]) {
        const std::filesystem::path rel = py::text(reg, path);
        p.instrumentRegister = (rel.is_absolute() ? rel : std::filesystem::path(path).parent_path() / rel).lexically_normal().string();
        p.instrumentRegisterAt = py::at(reg, path);
    }
    if (const auto rule = root["decision_rule"]) {
        p.decisionRule = py::text(rule, path);
        p.decisionRuleAt = py::at(rule, path);
        try {
            parseDecisionRule(p.decisionRule);
        } catch (const std::invalid_argument& e) {
            throw core::ConfigError(p.decisionRuleAt, e.what());
        }
    }
    if (const auto order = root["shutdown_order"]) {
        if (!order.IsSequence()) throw core::ConfigError(py::at(order, path), "shutdown_order must be a list of roles");
        for (const auto& r : order) {
            auto role = py::text(r, path);
            if (!p.binding(role))
                throw core::ConfigError(py::at(r, path), "shutdown_order names role '" + role +
                                                             "', which has no instrument in this bench");
            p.shutdownOrder.push_back(role);
        }
    }

    if (const auto unc = root["uncertainty"]) {
        py::requireMap(unc, path, "uncertainty");
        for (const auto& kv : unc) {
            const auto& signal = knownSignal(kv.first, path);
            py::requireMap(kv.second, path, "uncertainty of '" + signal.name + "'");
            py::checkKeys(kv.second, path, {"absolute", "relative"});
            Uncertainty u;
            if (kv.second["absolute"]) u.absolute = py::quantity(kv.second["absolute"], path, signal.type.dimension);
            if (kv.second["relative"]) {
                auto q = py::anyQuantity(kv.second["relative"], path);
                if (!q.percent)
                    throw core::ConfigError(py::at(kv.second["relative"], path),
                                            "a relative uncertainty is a percentage, e.g. '0.05 %'");
                u.relative = q.value;
            }
            p.uncertainty[signal.name] = u;
        }
    }

    if (const auto settings = root["settings"]) {
        py::requireMap(settings, path, "settings");
        for (const auto& kv : settings) p.settings[kv.first.as<std::string>()] = py::text(kv.second, path);
    }
    return p;
}

} // namespace v2gbench::bench
