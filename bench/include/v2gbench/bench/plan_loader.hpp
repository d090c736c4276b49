#pragma once
// Loads and validates a plan file. The whole plan is checked before anything can run: YAML
// syntax, unknown/missing keys, roles, actions, parameters, signals, units and dimensions of every
// expression, names referenced, requirement ids. All problems are reported, each at
// file:line:column with a sentence a test engineer understands; a plan with any error is not
// returned.
#include "v2gbench/bench/ev_profile.hpp"
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/bench/role_catalog.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct Diagnostic {
    core::SourceLocation where;
    std::string message;
    std::string str() const { return where.str() + ": error: " + message; }
};

struct PlanLoadContext {
    const RoleCatalog* catalog = &RoleCatalog::builtin();
    // Static types of the DUT profile's values ("dut.dc.max_current" → a current).
    TypeLookup dutTypes;
    // Static types of the EV profile's values ("vehicle.max_charge_voltage" → a voltage): fixed by
    // the EV profile format, so every loader knows them unless a caller says otherwise.
    TypeLookup vehicleTypes = &EvProfile::typeOf;
    // Known requirement ids; empty function: requirement ids are not checked.
    std::function<bool(const std::string&)> isKnownRequirement;
    // The catalogues `expect: {criterion: NAME}` is resolved against; null: a criterion is an
    // error (the limits would be unknown). Must outlive the load.
    const RequirementSet* requirements = nullptr;
};

struct PlanLoadResult {
    std::optional<Plan> plan;              // set only when diagnostics is empty
    std::vector<Diagnostic> diagnostics;   // sorted by line, then column
};

PlanLoadResult loadPlanFile(const std::string& path, const PlanLoadContext& context);
PlanLoadResult loadPlanText(const std::string& text, const std::string& fileName, const PlanLoadContext& context);

} // namespace v2gbench::bench
