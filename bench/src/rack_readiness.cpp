#include "v2gbench/bench/rack_readiness.hpp"

namespace v2gbench::bench {

std::string RackReadiness::statement() const {
    if (ready()) return "rack ready";
    std::string text = "rack not ready: ";
    for (std::size_t i = 0; i < reasons.size(); ++i) text += (i ? "; " : "") + reasons[i];
    return text;
}

std::optional<std::string> selfCheckFinding(const PlanResult& plan) {
    if (plan.verdict == Verdict::Pass) return std::nullopt;
    constexpr std::size_t kChecksNamed = 3;
    std::string line = "self-check '" + plan.id + "' " + toString(plan.verdict);
    std::vector<std::string> named;
    std::size_t notPassed = 0;
    for (const auto& c : plan.cases) {
        for (const auto& ch : c.checks) {
            if (ch.verdict == Verdict::Pass) continue;
            if (++notPassed <= kChecksNamed)
                named.push_back(c.id + " '" + ch.name + "' " + toString(ch.verdict) +
                                (ch.reason.empty() ? "" : " (" + ch.reason + ")"));
        }
        if (c.checks.empty() && c.verdict != Verdict::Pass && ++notPassed <= kChecksNamed)
            named.push_back(c.id + " " + toString(c.verdict) + (c.reason.empty() ? "" : " (" + c.reason + ")"));
    }
    if (named.empty() && !plan.reason.empty()) named.push_back(plan.reason);
    for (std::size_t i = 0; i < named.size(); ++i) line += (i ? ", " : ": ") + named[i];
    if (notPassed > kChecksNamed) line += " and " + std::to_string(notPassed - kChecksNamed) + " more";
    return line;
}

} // namespace v2gbench::bench
