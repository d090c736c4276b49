#include "v2gbench/bench/answers_file.hpp"

#include "v2gbench/core/closest_match.hpp"
#include "v2gbench/profiles/profile_yaml.hpp"

#include <algorithm>

namespace v2gbench::bench {

namespace py = profile_yaml;

namespace {

std::string hint(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string h = core::closestMatch(word, candidates);
    return h.empty() ? "" : " (did you mean '" + h + "'?)";
}

// The inspect steps of a case, by the text of their name template.
std::vector<const InspectStep*> inspectsOf(const Case& c) {
    std::vector<const InspectStep*> out;
    for (const auto& s : c.steps)
        if (const auto* i = std::get_if<InspectStep>(&s)) out.push_back(i);
    return out;
}

} // namespace

AnswersFile AnswersFile::load(const std::string& path) {
    AnswersFile file;
    file.m_file = path;
    const auto root = py::loadFile(path, "an answers file");
    if (root.IsNull()) return file; // an empty file answers nothing
    py::requireMap(root, path, "an answers file (plan id: {case id: {inspect name: {value, by}}})");
    for (const auto& plan : root) {
        const std::string planId = py::text(plan.first, path);
        py::requireMap(plan.second, path, "the answers of plan '" + planId + "' (case id: {inspect name: {value, by}})");
        for (const auto& kase : plan.second) {
            const std::string caseId = py::text(kase.first, path);
            py::requireMap(kase.second, path, "the answers of case '" + caseId + "' (inspect name: {value, by})");
            for (const auto& step : kase.second) {
                const std::string name = py::text(step.first, path);
                const YAML::Node a = step.second;
                py::requireMap(a, path, "the answer to '" + name + "' ({value: ..., by: NAME})");
                py::checkKeys(a, path, {"value", "by"});
                Entry e;
                e.planAt = py::at(plan.first, path);
                e.caseAt = py::at(kase.first, path);
                e.nameAt = py::at(step.first, path);
                const YAML::Node value = py::required(a, "value", path, "the answer to '" + name + "'");
                e.valueAt = py::at(value, path);
                e.answer.value = py::text(value, path);
                const YAML::Node by = py::required(a, "by", path, "the answer to '" + name + "'");
                e.answer.by = py::text(by, path);
                if (e.answer.by.find_first_not_of(" \t") == std::string::npos)
                    throw core::ConfigError(py::at(by, path), "'by' must name who observed or measured it");
                e.answer.origin = path + ":" + std::to_string(e.nameAt.line);
                if (!file.m_answers.emplace(std::tuple(planId, caseId, name), e).second)
                    throw core::ConfigError(e.nameAt, "'" + name + "' is answered twice for case '" + caseId + "'");
            }
        }
    }
    return file;
}

std::vector<Diagnostic> AnswersFile::checkAgainst(const std::vector<Plan>& plans) const {
    std::vector<Diagnostic> out;
    for (const auto& [key, e] : m_answers) {
        const auto& [planId, caseId, name] = key;
        const Plan* plan = nullptr;
        for (const auto& p : plans)
            if (p.id == planId) plan = &p;
        if (!plan) continue; // answers for plans of other runs may share the file
        const Case* kase = nullptr;
        std::vector<std::string> caseIds;
        for (const auto& c : plan->cases) {
            caseIds.push_back(c.id);
            if (c.id == caseId) kase = &c;
        }
        if (!kase) {
            out.push_back({e.caseAt, "plan '" + planId + "' has no case '" + caseId + "'" + hint(caseId, caseIds)});
            continue;
        }
        const auto steps = inspectsOf(*kase);
        const InspectStep* match = nullptr;
        bool templated = false;
        std::vector<std::string> names;
        for (const auto* s : steps) {
            templated = templated || s->name.text().find("${") != std::string::npos;
            names.push_back(s->name.text());
            if (s->name.text() == name) match = s;
        }
        if (steps.empty()) {
            out.push_back({e.nameAt, "case '" + caseId + "' of plan '" + planId + "' has no inspect step"});
            continue;
        }
        if (!match) {
            if (!templated) out.push_back({e.nameAt, "case '" + caseId + "' has no inspect step '" + name + "'" + hint(name, names)});
            continue;
        }
        const ParsedAnswer parsed = parseAnswer(match->answer, match->unit, e.answer.value);
        if (!parsed.error.empty())
            out.push_back({e.valueAt, "answer to '" + name + "' (" + toString(match->answer) + "): " + parsed.error});
    }
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    return out;
}

std::optional<OperatorAnswer> AnswersFile::answer(const InspectQuestion& q) {
    const auto it = m_answers.find(std::tuple(q.planId, q.caseId, q.name));
    if (it == m_answers.end()) return std::nullopt;
    return it->second.answer;
}

std::string AnswersFile::howToAnswer() const { return "add it to " + m_file; }

} // namespace v2gbench::bench
