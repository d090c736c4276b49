#pragma once
// Shared helpers for the plan-language tests.
#include "v2gbench/bench/expression.hpp"

#include <map>
#include <string>

namespace plan_test {

using namespace v2gbench;

inline core::SourceLocation at(int line = 3, int column = 10) { return {"plan.yaml", line, column}; }

// Types and values for a few names, as a plan's parameters and signals would give them.
inline bench::TypeLookup types() {
    return [](const std::string& n) -> std::optional<bench::ValueType> {
        static const std::map<std::string, bench::ValueType> t{
            {"current", bench::ValueType::quantity(core::Dimension::current())},
            {"voltage", bench::ValueType::quantity(core::Dimension::voltage())},
            {"ev.phase", bench::ValueType::text()},
            {"grid.on", bench::ValueType::boolean()},
            {"count", bench::ValueType::quantity(core::Dimension::none())},
        };
        auto it = t.find(n);
        if (it == t.end()) return std::nullopt;
        return it->second;
    };
}

inline bench::NameLookup values(double current = 10.0) {
    return [current](const std::string& n) -> std::optional<bench::Value> {
        if (n == "current") return bench::Value(core::Quantity::of(current, core::Dimension::current()));
        if (n == "voltage") return bench::Value(core::Quantity::of(400.0, core::Dimension::voltage()));
        if (n == "ev.phase") return bench::Value(std::string("charging"));
        if (n == "grid.on") return bench::Value(true);
        if (n == "count") return bench::Value(core::Quantity::scalar(0.0));
        return std::nullopt;
    };
}

inline bench::Value eval(const std::string& text, double current = 10.0) {
    return bench::Expression::parse(text, at()).evaluate(values(current));
}

inline bench::ValueType typeOf(const std::string& text) { return bench::Expression::parse(text, at()).typeCheck(types()); }

// The location and message of the ConfigError that `f` throws ("" when it throws none).
template <typename F>
std::string configError(F&& f) {
    try {
        f();
    } catch (const core::ConfigError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " + e.message();
    }
    return "";
}

inline std::string parseError(const std::string& text) { return configError([&] { bench::Expression::parse(text, at()); }); }
inline std::string typeError(const std::string& text) { return configError([&] { typeOf(text); }); }

} // namespace plan_test
