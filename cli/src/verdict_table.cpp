#include "v2gbench/app/verdict_table.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace v2gbench::app {

namespace {

std::string pad(const std::string& s, std::size_t width) {
    if (s.size() >= width) return s.substr(0, width - 1) + " ";
    return s + std::string(width - s.size(), ' ');
}

// The first check that decided a non-pass verdict, or the case's reason.
std::string detailOf(const bench::CaseResult& c) {
    if (!c.reason.empty()) return c.reason;
    for (const auto& ch : c.checks) {
        if (ch.verdict != c.verdict) continue;
        char value[64] = "no value";
        if (ch.value) std::snprintf(value, sizeof value, "%.5g %s", *ch.value, ch.unit.c_str());
        return ch.name + ": " + value + " [" + ch.limits.text + "]" + (ch.reason.empty() ? "" : " " + ch.reason);
    }
    return "";
}

} // namespace

void printVerdictTable(const bench::RunOutcome& outcome, std::ostream& out) {
    out << pad("PLAN", 42) << pad("CASE", 12) << pad("INSTANCE", 22) << pad("VERDICT", 15) << "DETAIL\n";
    std::map<bench::Verdict, int> counts;
    int cases = 0;
    for (const auto& p : outcome.plans) {
        if (p.cases.empty()) {
            out << pad(p.id, 42) << pad("-", 12) << pad("", 22) << pad(toString(p.verdict), 15) << p.reason << "\n";
            ++counts[p.verdict];
            ++cases;
            continue;
        }
        for (const auto& c : p.cases) {
            const auto detail = c.verdict == bench::Verdict::Pass ? std::string() : detailOf(c);
            out << pad(p.id, 42) << pad(c.id, 12) << pad(c.instance, 22) << pad(toString(c.verdict), 15) << detail << "\n";
            ++counts[c.verdict];
            ++cases;
        }
    }
    char times[96];
    std::snprintf(times, sizeof times, "bench time %.1f s, wall time %.2f s", outcome.benchTime, outcome.wallTime);
    out << "\nRUN VERDICT: " << toString(outcome.verdict) << "  (" << outcome.plans.size() << " plans, " << cases
        << " cases:";
    for (const auto& [v, n] : counts) out << " " << n << " " << toString(v);
    out << "; " << times << ")\n";
}

} // namespace v2gbench::app
