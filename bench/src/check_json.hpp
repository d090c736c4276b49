#pragma once
// Private: how a check's criterion and an inspect check's answer are written to the journal and
// summary.json (docs/run-folder.md).
#include "v2gbench/bench/results.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace v2gbench::bench {

// null for the plan's own limits.
inline nlohmann::json criterionJson(const std::optional<CriterionUse>& c) {
    if (!c) return nullptr;
    return {{"requirement", c->requirement}, {"name", c->name},         {"text", c->text},
            {"source", c->source},           {"confidence", c->confidence}, {"ours", c->ours},
            {"defined_at", c->definedAt.str()}};
}

// The check's uncertainty budget (docs/run-folder.md, "budget"); null when it has none.
inline nlohmann::json budgetJson(const std::optional<UncertaintyBudget>& b) {
    if (!b) return nullptr;
    nlohmann::json contributions = nlohmann::json::array();
    for (const auto& c : b->contributions)
        contributions.push_back({{"name", c.name}, {"source", c.source}, {"type", c.type}, {"standard", c.standard},
                                 {"sensitivity", c.sensitivity}, {"unit", c.unit}});
    nlohmann::json j = {{"kind", b->kind}, {"k", b->k}, {"combined_standard", b->combinedStandard},
                        {"expanded", b->expanded}, {"unit", b->unit}, {"contributions", contributions}};
    if (!b->note.empty()) j["note"] = b->note;
    return j;
}

// null for checks that are not inspect steps.
inline nlohmann::json answerJson(const CheckResult& check) {
    if (check.kind != "inspect") return nullptr;
    return {{"value", check.answer}, {"by", check.answeredBy}, {"origin", check.answerOrigin}};
}

} // namespace v2gbench::bench
