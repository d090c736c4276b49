#include "v2gbench/bench/case_selection.hpp"

#include "v2gbench/core/closest_match.hpp"

#include <algorithm>

namespace v2gbench::bench {

namespace {

bool selects(const std::string& wanted, const std::string& caseId) {
    return caseId == wanted || (caseId.size() > wanted.size() && caseId.compare(0, wanted.size(), wanted) == 0 &&
                                caseId[wanted.size()] == '-');
}

} // namespace

std::vector<Diagnostic> selectCases(std::vector<Plan>& plans, const std::vector<std::string>& selection) {
    std::vector<Diagnostic> diagnostics;
    if (selection.empty()) return diagnostics;
    std::vector<std::string> allIds;
    for (const auto& p : plans)
        for (const auto& c : p.cases) allIds.push_back(c.id);
    for (const auto& wanted : selection) {
        const bool found = std::any_of(allIds.begin(), allIds.end(), [&](const auto& id) { return selects(wanted, id); });
        if (found) continue;
        const std::string hint = core::closestMatch(wanted, allIds);
        diagnostics.push_back({{"--case", 0, 0},
                               "no case '" + wanted + "' in the plans of this run" +
                                   (hint.empty() ? "" : " (did you mean '" + hint + "'?)")});
    }
    for (auto& p : plans)
        std::erase_if(p.cases, [&](const Case& c) {
            return std::none_of(selection.begin(), selection.end(), [&](const auto& w) { return selects(w, c.id); });
        });
    std::erase_if(plans, [](const Plan& p) { return p.cases.empty(); });
    return diagnostics;
}

} // namespace v2gbench::bench
