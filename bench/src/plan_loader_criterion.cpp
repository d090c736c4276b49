// `expect: {criterion: NAME}`: the limits of a check come from the requirement catalogue. The
// name is looked up in the step's requirements (else the case's, else the plan's); the criterion's
// values are checked in the step's scope, and every problem is reported at the plan's line, naming
// the catalogue line the criterion stands at.
#include "plan_loader_impl.hpp"

#include <filesystem>

namespace v2gbench::bench {

namespace {

std::string shortLocation(const core::SourceLocation& where) {
    return std::filesystem::path(where.file).filename().string() + ":" + std::to_string(where.line);
}

std::string listed(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

} // namespace

void PlanLoaderImpl::checkCriterionValue(const Expression& value, const ValueType& wanted, Percent percent,
                                         const core::SourceLocation& at, const std::string& label) {
    for (const auto& ref : value.names()) {
        if (!lookupType(ref.name)) {
            error(at, label + " uses '" + ref.name + "', which this step does not define (write the step so that '" +
                          ref.name + "' is a parameter or loop variable, or use another criterion)");
            return;
        }
    }
    std::optional<ValueType> t;
    try {
        t = value.typeCheck([this](const std::string& n) { return lookupType(n); });
    } catch (const core::ConfigError& e) {
        error(at, label + ": " + e.message());
        return;
    }
    if (!t || t->kind == ValueType::Kind::Unknown || wanted.kind == ValueType::Kind::Unknown) return;
    const bool sameQuantity = t->kind == ValueType::Kind::Quantity && wanted.kind == ValueType::Kind::Quantity &&
                              (t->dimension == wanted.dimension || (percent == Percent::Accepted && t->percent));
    if (!sameQuantity && !(t->kind == wanted.kind && wanted.kind != ValueType::Kind::Quantity))
        error(at, label + " is " + describe(*t) + ", but this check's value is " + describe(wanted));
}

void PlanLoaderImpl::resolveCriterion(const MapEntry& c, Expectation& x, const ValueType& valueType,
                                      const std::vector<std::string>* stepRequirements) {
    const core::SourceLocation at = m_source.contentAt(c.value, m_source.at(c.keyNode));
    const auto name = text(c);
    if (!name) return;
    const std::vector<std::string>& scope = stepRequirements && !stepRequirements->empty() ? *stepRequirements
                                            : !m_caseRequirements.empty()                   ? m_caseRequirements
                                                                                            : m_planRequirements;
    if (!m_context.requirements) {
        error(at, "criterion '" + *name + "' cannot be resolved: no requirement catalogue is loaded");
        return;
    }
    if (scope.empty()) {
        error(at, "criterion '" + *name +
                      "' needs a requirement to look in: give the step, its case or the plan 'requirements'");
        return;
    }
    const RequirementSet& set = *m_context.requirements;
    std::vector<std::pair<const Requirement*, const Criterion*>> found;
    std::vector<std::string> namesInScope;
    for (const auto& id : scope) {
        const Requirement* r = set.find(id);
        if (!r) continue; // an unknown id is reported where it is listed
        for (const auto& crit : r->criteria) namesInScope.push_back(crit.name);
        if (const Criterion* crit = r->criterion(*name)) found.emplace_back(r, crit);
    }
    if (found.size() > 1) {
        std::vector<std::string> ids;
        for (const auto& f : found) ids.push_back(f.first->id);
        error(at, "criterion '" + *name + "' is ambiguous: " + listed(ids) +
                      " both define it; name the one you mean in the step's 'requirements'");
        return;
    }
    if (found.empty()) {
        std::string message = "unknown criterion '" + *name + "' in " + listed(scope);
        const std::string hint = closestMatch(*name, namesInScope);
        if (!hint.empty()) {
            message += " (did you mean '" + hint + "'?)";
        } else {
            std::vector<std::string> elsewhere;
            for (const auto& r : set.all())
                if (r.criterion(*name)) elsewhere.push_back(r.id);
            if (!elsewhere.empty())
                message += "; " + listed(elsewhere) + " defines it: add it to the step's 'requirements'";
            else if (namesInScope.empty())
                message += ", which defines no criteria";
            else
                message += "; its criteria are " + listed(namesInScope);
        }
        error(at, message);
        return;
    }
    const Requirement& r = *found.front().first;
    const Criterion& crit = *found.front().second;
    const std::string label = "criterion '" + crit.name + "' (" + shortLocation(crit.where) + ")";
    if (!crit.hasLimit()) {
        error(at, label + " states no limit (" + crit.text + "), so it cannot judge a check");
        return;
    }
    const bool answerWord = valueType.kind == ValueType::Kind::String;
    if (crit.equals && !answerWord) {
        error(at, label + " expects the answer '" + *crit.equals + "'; only an inspect step can use it");
        return;
    }
    if (!crit.equals && answerWord) {
        error(at, label + " gives limits, not an answer; a yes-no or text answer needs a criterion with 'equals'");
        return;
    }
    x.equals = crit.equals;
    if (crit.nominal) checkCriterionValue(*crit.nominal, valueType, Percent::Rejected, at, label + " nominal");
    if (crit.tolerance) checkCriterionValue(*crit.tolerance, valueType, Percent::Accepted, at, label + " tolerance");
    if (crit.min) checkCriterionValue(*crit.min, valueType, Percent::Rejected, at, label + " min");
    if (crit.max) checkCriterionValue(*crit.max, valueType, Percent::Rejected, at, label + " max");
    x.nominal = crit.nominal;
    x.tolerance = crit.tolerance;
    x.min = crit.min;
    x.max = crit.max;
    x.criterion = CriterionUse{r.id, crit.name, crit.text, crit.source, toString(crit.confidence), crit.ours, crit.where};
}

} // namespace v2gbench::bench
