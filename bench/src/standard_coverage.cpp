#include "v2gbench/bench/standard_coverage.hpp"

#include <map>
#include <set>
#include <string>

namespace v2gbench::bench {

using nlohmann::json;

namespace {

std::string text(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// What the run says about one requirement's cases and checks that did not apply or ended early.
struct RunNotes {
    std::map<std::string, std::string> notApplicable; // requirement → first reason
    std::map<std::string, std::string> unjudged;      // requirement → the error / abort that ended it
};

RunNotes notesOf(const json& summary) {
    RunNotes notes;
    const auto plans = summary.find("plans");
    if (plans == summary.end() || !plans->is_array()) return notes;
    const auto note = [](std::map<std::string, std::string>& into, const json& ids, const std::string& reason) {
        if (!ids.is_array()) return;
        for (const auto& id : ids)
            if (id.is_string() && !into.count(id.get<std::string>())) into[id.get<std::string>()] = reason;
    };
    for (const auto& plan : *plans) {
        if (!plan.contains("cases") || !plan["cases"].is_array()) continue;
        for (const auto& kase : plan["cases"]) {
            const std::string verdict = text(kase, "verdict");
            const std::string reason = text(kase, "reason");
            const json ids = kase.value("requirements", json::array());
            if (verdict == "not-applicable") note(notes.notApplicable, ids, reason);
            if (verdict == "error" || verdict == "aborted") note(notes.unjudged, ids, verdict + (reason.empty() ? "" : ": " + reason));
            if (!kase.contains("checks") || !kase["checks"].is_array()) continue;
            for (const auto& check : kase["checks"])
                if (text(check, "verdict") == "not-applicable")
                    note(notes.notApplicable, check.value("requirements", json::array()), text(check, "reason"));
        }
    }
    return notes;
}

// requirement → the unverified criteria its checks were judged on.
std::map<std::string, std::set<std::string>> unverifiedUses(const json& summary) {
    std::map<std::string, std::set<std::string>> uses;
    const auto certificate = summary.find("certificate");
    if (certificate == summary.end() || !certificate->is_object()) return uses;
    const auto list = certificate->find("unverified_criteria");
    if (list == certificate->end() || !list->is_array()) return uses;
    for (const auto& c : *list) uses[text(c, "requirement")].insert(text(c, "name"));
    return uses;
}

json caseStatus(const json& entry, const json* requirement, const RunNotes& notes,
                const std::map<std::string, std::set<std::string>>& unverified) {
    const std::string id = text(entry, "id");
    json out = {{"id", text(entry, "clause").empty() ? id : text(entry, "clause")},
                {"requirement", id},
                {"title", text(entry, "title")},
                {"verdict", nullptr},
                {"reason", ""}};
    if (!requirement) {
        out["status"] = "not-tested";
        out["reason"] = "no plan of this run judged it";
        return out;
    }
    const std::string verdict = text(*requirement, "verdict");
    const int checks = requirement->value("checks", 0);
    if (verdict == "not-applicable") {
        out["status"] = "not-applicable";
        out["verdict"] = verdict;
        const auto it = notes.notApplicable.find(id);
        out["reason"] = it != notes.notApplicable.end() && !it->second.empty() ? it->second : "did not apply to this bench or charger";
        return out;
    }
    if (checks == 0) {
        out["status"] = "not-tested";
        out["verdict"] = verdict;
        const auto it = notes.unjudged.find(id);
        out["reason"] = it != notes.unjudged.end() ? it->second : "no check was judged (" + verdict + ")";
        return out;
    }
    out["verdict"] = verdict;
    const auto used = unverified.find(id);
    if (used != unverified.end() && !used->second.empty()) {
        std::string names;
        for (const auto& n : used->second) names += (names.empty() ? "" : ", ") + n;
        out["status"] = "unverified";
        out["reason"] = "judged on unverified criteria: " + names;
    } else if (text(entry, "confidence") == "unverified") {
        out["status"] = "unverified";
        out["reason"] = "the case's own reading is unverified (catalogue confidence)";
    } else {
        out["status"] = "tested";
    }
    return out;
}

} // namespace

json standardCoverage(const json& summary) {
    json out = json::array();
    const auto catalogues = summary.find("catalogues");
    if (catalogues == summary.end() || !catalogues->is_array()) return out;
    std::map<std::string, const json*> requirements;
    if (const auto r = summary.find("requirements"); r != summary.end() && r->is_array())
        for (const auto& q : *r) requirements[text(q, "id")] = &q;
    const RunNotes notes = notesOf(summary);
    const auto unverified = unverifiedUses(summary);
    for (const auto& catalogue : *catalogues) {
        if (!catalogue.contains("entries") || !catalogue["entries"].is_array()) continue;
        bool inScope = false;
        for (const auto& e : catalogue["entries"]) inScope = inScope || requirements.count(text(e, "id"));
        if (!inScope) continue;
        json cases = json::array();
        for (const auto& e : catalogue["entries"]) {
            const auto it = requirements.find(text(e, "id"));
            cases.push_back(caseStatus(e, it == requirements.end() ? nullptr : it->second, notes, unverified));
        }
        out.push_back({{"standard", text(catalogue, "standard").empty() ? text(catalogue, "name") : text(catalogue, "standard")},
                       {"catalogue", text(catalogue, "name")},
                       {"complete", catalogue.value("complete", false)},
                       {"cases", cases}});
    }
    return out;
}

} // namespace v2gbench::bench
