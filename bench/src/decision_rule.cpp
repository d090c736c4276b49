#include "v2gbench/bench/decision_rule.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace v2gbench::bench {

using nlohmann::json;

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

double guardFactor(const std::string& text, const std::string& rule) {
    double r = 0.0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), r);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(r) || r < 0)
        throw std::invalid_argument("decision rule '" + rule + "': the guard factor r must be a number ≥ 0, not '" + text + "'");
    return r;
}

std::optional<double> optionalNumber(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

std::string verdictText(const json& check) {
    std::string text = check.value("verdict", std::string("?"));
    if (const auto it = check.find("decision"); it != check.end() && it->is_string() && *it != text)
        text += " (" + it->get<std::string>() + ")";
    return text;
}

Verdict verdictIn(const json& j) { return verdictFromString(j.value("verdict", std::string())).value_or(Verdict::Error); }

// A plan or run whose own verdict came from somewhere else than its parts (a bench error, an
// abort) keeps it; so does a case found not applicable.
bool keepsOwnVerdict(Verdict v) { return v == Verdict::Error || v == Verdict::Aborted; }
bool caseKeepsOwnVerdict(Verdict v) { return keepsOwnVerdict(v) || v == Verdict::NotApplicable; }

} // namespace

std::string DecisionRule::name() const {
    switch (kind) {
    case Kind::Simple: return "simple";
    case Kind::Guarded: return "guarded r=" + number(guardFactor);
    case Kind::CustomerAgreed: return "customer-agreed r=" + number(guardFactor);
    }
    return "simple";
}

std::string DecisionRule::statement() const {
    switch (kind) {
    case Kind::Simple:
        return "Simple acceptance (ILAC-G8:09/2019 4.2.1, w = 0): a measured value inside the limit is a pass, "
               "outside a fail; the measurement uncertainty is reported but not used in the decision.";
    case Kind::Guarded:
        return "Guarded acceptance (ILAC-G8:09/2019 4.2.2) with guard band w = " + number(guardFactor) +
               " \xC2\xB7 U: inside the limit by more than w is a pass, by less a conditional pass; outside by less "
               "than w a conditional fail, by more a fail.";
    case Kind::CustomerAgreed:
        return "Decision rule agreed with the customer (" + agreement + "): guard band w = " + number(guardFactor) +
               " \xC2\xB7 U; inside the limit by more than w is a pass, by less a conditional pass; outside by less "
               "than w a conditional fail, by more a fail.";
    }
    return {};
}

DecisionRule parseDecisionRule(const std::string& text) {
    DecisionRule rule;
    if (text == "simple") {
        rule.kind = DecisionRule::Kind::Simple;
        rule.guardFactor = 0.0;
        return rule;
    }
    if (text == "guarded") return rule;
    if (text.rfind("guarded:", 0) == 0) {
        rule.guardFactor = guardFactor(text.substr(8), text);
        return rule;
    }
    if (text.rfind("customer:", 0) == 0) {
        const auto rest = text.substr(9);
        const auto colon = rest.find(':');
        if (colon == std::string::npos || colon + 1 >= rest.size())
            throw std::invalid_argument("decision rule '" + text + "': write customer:R:AGREEMENT (e.g. customer:0.5:contract 2026-117)");
        rule.kind = DecisionRule::Kind::CustomerAgreed;
        rule.guardFactor = guardFactor(rest.substr(0, colon), text);
        rule.agreement = rest.substr(colon + 1);
        return rule;
    }
    throw std::invalid_argument("unknown decision rule '" + text +
                                "' (simple, guarded, guarded:R, customer:R:AGREEMENT)");
}

std::string toString(Decision d) {
    switch (d) {
    case Decision::Pass: return "pass";
    case Decision::ConditionalPass: return "conditional pass";
    case Decision::ConditionalFail: return "conditional fail";
    case Decision::Fail: return "fail";
    }
    return "fail";
}

Verdict verdictOf(Decision d) {
    switch (d) {
    case Decision::Pass: return Verdict::Pass;
    case Decision::ConditionalPass:
    case Decision::ConditionalFail: return Verdict::Inconclusive;
    case Decision::Fail: return Verdict::Fail;
    }
    return Verdict::Fail;
}

Decision decide(double value, const Limits& limits, double u, const DecisionRule& rule) {
    const double w = rule.kind == DecisionRule::Kind::Simple ? 0.0 : rule.guardFactor * std::fabs(u);
    const bool inside = (!limits.low || value >= *limits.low) && (!limits.high || value <= *limits.high);
    if (inside) {
        const bool clear = (!limits.low || value >= *limits.low + w) && (!limits.high || value <= *limits.high - w);
        return clear ? Decision::Pass : Decision::ConditionalPass;
    }
    const bool clearlyOut = (limits.low && value < *limits.low - w) || (limits.high && value > *limits.high + w);
    return clearlyOut ? Decision::Fail : Decision::ConditionalFail;
}

DecisionRule recordedDecisionRule(const json& summary) {
    const auto it = summary.find("decision_rule");
    if (it == summary.end() || !it->is_object() || !it->contains("rule") || !(*it)["rule"].is_string()) return {};
    return parseDecisionRule((*it)["rule"].get<std::string>());
}

std::vector<RejudgedCheck> applyDecisionRule(json& summary, const DecisionRule& rule, const DecisionRule& recordedRule) {
    std::vector<RejudgedCheck> changes;
    const auto ruleText = [](const DecisionRule& r) {
        switch (r.kind) {
        case DecisionRule::Kind::Simple: return std::string("simple");
        case DecisionRule::Kind::Guarded: return "guarded:" + number(r.guardFactor);
        case DecisionRule::Kind::CustomerAgreed: return "customer:" + number(r.guardFactor) + ":" + r.agreement;
        }
        return std::string("simple");
    };
    summary["decision_rule"] = {{"rule", ruleText(rule)}, {"name", rule.name()}, {"statement", rule.statement()},
                                {"guard_factor", rule.kind == DecisionRule::Kind::Simple ? 0.0 : rule.guardFactor}};
    if (!summary.contains("plans") || !summary["plans"].is_array()) return changes;

    std::optional<Verdict> run;
    std::map<std::string, int> counts = {{"pass", 0}, {"fail", 0}, {"inconclusive", 0}, {"not-applicable", 0},
                                         {"error", 0}, {"aborted", 0}};
    std::map<std::string, Verdict> requirementVerdicts;
    for (auto& plan : summary["plans"]) {
        std::optional<Verdict> planFromCases;
        bool caseAborted = false;
        for (auto& kase : plan["cases"]) {
            std::optional<Verdict> caseFromChecks;
            for (auto& check : kase["checks"]) {
                const auto value = optionalNumber(check, "value");
                const auto u = optionalNumber(check, "uncertainty");
                Limits limits;
                limits.low = optionalNumber(check, "low");
                limits.high = optionalNumber(check, "high");
                const Verdict recorded = verdictIn(check);
                // Only verdicts this comparison gave are re-decided; an interval whose lower limit of
                // 0 s was decided by the order of its events keeps its verdict.
                const bool comparable = value && u && (limits.low || limits.high) && check.value("kind", "") != "inspect" &&
                                        (recorded == Verdict::Pass || recorded == Verdict::Fail ||
                                         recorded == Verdict::Inconclusive) &&
                                        !(limits.low && *limits.low == 0.0 && *value < 0.0) &&
                                        verdictOf(decide(*value, limits, *u, recordedRule)) == recorded;
                if (comparable) {
                    const auto before = verdictText(check);
                    const Decision d = decide(*value, limits, *u, rule);
                    const Verdict v = verdictOf(d);
                    check["decision"] = toString(d);
                    check["guard_band"] = rule.kind == DecisionRule::Kind::Simple ? 0.0 : rule.guardFactor * std::fabs(*u);
                    check["verdict"] = toString(v);
                    if (v == Verdict::Inconclusive)
                        check["reason"] = toString(d) + ": the value lies within the guard band w = " +
                                          number(check["guard_band"].get<double>()) + " " + check.value("unit", "") +
                                          " of a limit (" + rule.name() + ")";
                    else if (recorded == Verdict::Inconclusive)
                        check["reason"] = "";
                    const auto after = verdictText(check);
                    if (after != before)
                        changes.push_back({plan.value("id", "") + " / " + kase.value("id", "") +
                                               (kase.value("instance", "").empty() ? "" : " [" + kase.value("instance", "") + "]") +
                                               " / " + check.value("name", ""),
                                           before, after});
                }
                const Verdict now = verdictIn(check);
                caseFromChecks = caseFromChecks ? worst(*caseFromChecks, now) : now;
                if (check.contains("requirements") && check["requirements"].is_array())
                    for (const auto& id : check["requirements"])
                        if (id.is_string()) {
                            auto [it, fresh] = requirementVerdicts.emplace(id.get<std::string>(), now);
                            if (!fresh) it->second = worst(it->second, now);
                        }
            }
            if (caseFromChecks && !caseKeepsOwnVerdict(verdictIn(kase))) kase["verdict"] = toString(*caseFromChecks);
            const Verdict caseVerdict = verdictIn(kase);
            counts[toString(caseVerdict)] += 1;
            caseAborted = caseAborted || caseVerdict == Verdict::Aborted;
            planFromCases = planFromCases ? worst(*planFromCases, caseVerdict) : caseVerdict;
        }
        if (planFromCases && !keepsOwnVerdict(verdictIn(plan))) plan["verdict"] = toString(*planFromCases);
        const Verdict planVerdict = verdictIn(plan);
        if (plan["cases"].empty() || (planVerdict == Verdict::Aborted && !caseAborted)) counts[toString(planVerdict)] += 1;
        run = run ? worst(*run, planVerdict) : planVerdict;
    }
    const bool runError = summary.contains("error") && !summary["error"].is_null();
    if (run && !runError && !keepsOwnVerdict(verdictIn(summary))) summary["verdict"] = toString(*run);
    summary["counts"] = counts;
    // A requirement's verdict: the worst of its checks (requirements judged without checks keep theirs).
    if (summary.contains("requirements") && summary["requirements"].is_array())
        for (auto& r : summary["requirements"]) {
            const auto it = requirementVerdicts.find(r.value("id", ""));
            const Verdict recorded = verdictIn(r);
            if (it != requirementVerdicts.end() && r.value("checks", 0) > 0 &&
                (recorded == Verdict::Pass || recorded == Verdict::Inconclusive || recorded == Verdict::Fail))
                r["verdict"] = toString(it->second);
        }
    return changes;
}

} // namespace v2gbench::bench
