#pragma once
// The JSON Schema (draft 2020-12) editors use for plans, written from the two tables that define
// the plan language: the plan grammar (plan_grammar.hpp: keys, step kinds, words) and a
// RoleCatalog (roles, actions with their parameters, signals). The build writes it for the
// built-in catalogue (bench/tools/plan_schema_tool.cpp → <build>/schema/plan.schema.json, installed
// as share/v2gbench/schema/plan.schema.json), so a new action or step key reaches editors without
// anyone editing a schema. It checks structure only: units, dimensions and names inside
// expressions are the validator's (`v2gbench validate`), which is stricter.
#include "v2gbench/bench/role_catalog.hpp"

#include <nlohmann/json.hpp>

namespace v2gbench::bench {

nlohmann::ordered_json planSchema(const RoleCatalog& catalog);

} // namespace v2gbench::bench
