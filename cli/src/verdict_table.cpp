#include "v2gbench/app/verdict_table.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace v2gbench::app {

namespace {

std::string pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
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
    struct Row {
        std::string plan, id, instance, verdict, detail;
    };
    std::vector<Row> rows;
    std::map<bench::Verdict, int> counts;
    for (const auto& p : outcome.plans) {
        if (p.cases.empty()) {
            rows.push_back({p.id, "-", "", toString(p.verdict), p.reason});
            ++counts[p.verdict];
            continue;
        }
        for (const auto& c : p.cases) {
            rows.push_back({p.id, c.id, c.instance, toString(c.verdict),
                            c.verdict == bench::Verdict::Pass ? std::string() : detailOf(c)});
            ++counts[c.verdict];
        }
    }
    Row header{"PLAN", "CASE", "INSTANCE", "VERDICT", "DETAIL"};
    std::size_t w[4] = {header.plan.size(), header.id.size(), header.instance.size(), header.verdict.size()};
    for (const auto& r : rows) {
        w[0] = std::max(w[0], r.plan.size());
        w[1] = std::max(w[1], r.id.size());
        w[2] = std::max(w[2], r.instance.size());
        w[3] = std::max(w[3], r.verdict.size());
    }
    auto print = [&](const Row& r) {
        out << pad(r.plan, w[0] + 2) << pad(r.id, w[1] + 2) << pad(r.instance, w[2] + 2) << pad(r.verdict, w[3] + 2)
            << r.detail << "\n";
    };
    print(header);
    for (const auto& r : rows) print(r);
    char times[96];
    std::snprintf(times, sizeof times, "bench time %.1f s, wall time %.2f s", outcome.benchTime, outcome.wallTime);
    out << "\nRUN VERDICT: " << toString(outcome.verdict) << "  (" << outcome.plans.size() << " plans, " << rows.size()
        << " cases:";
    for (const auto& [v, n] : counts) out << " " << n << " " << toString(v);
    out << "; " << times << ")\n";
    if (outcome.rack && !outcome.rack->ready()) {
        // The charger was not judged: say so before anything reads the plans' verdicts.
        out << "RACK NOT READY: the charger was not judged";
        std::string notRun;
        for (const auto& p : outcome.rack->plansNotRun) notRun += (notRun.empty() ? "" : ", ") + p;
        if (!notRun.empty()) out << "; not run: " << notRun;
        out << "\n";
    }
    if (!outcome.plans.empty()) out << bench::certificateStatus(outcome.plans).statement() << "\n";
}

} // namespace v2gbench::app
