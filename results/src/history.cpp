#include "v2gbench/results/history.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <stdexcept>

namespace v2gbench::results {

HistoryMatrix buildHistory(ResultsStore& store, const RunFilter& filter) {
    HistoryMatrix m;
    m.runs = store.runs(filter);
    std::set<std::string> keys;
    for (auto& cell : store.verdicts(filter)) {
        keys.insert(cell.key);
        m.cells[{cell.key, cell.runKey}] = std::move(cell.verdict);
    }
    m.keys.assign(keys.begin(), keys.end());
    return m;
}

std::string nightsBeforeLatest(ResultsStore& store, int days) {
    const std::string latest = store.latestNight();
    if (latest.empty()) return {};
    int y = 0;
    unsigned mo = 0, d = 0;
    if (std::sscanf(latest.c_str(), "%4d-%2u-%2u", &y, &mo, &d) != 3)
        throw std::invalid_argument(store.describe() + ": stored night '" + latest + "' is not YYYY-MM-DD");
    using namespace std::chrono;
    const year_month_day from{sys_days{year{y} / month{mo} / day{d}} - std::chrono::days{days}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(from.year()), unsigned(from.month()), unsigned(from.day()));
    return buffer;
}

Trend buildTrend(ResultsStore& store, const RunFilter& filter) {
    if (filter.check.empty()) throw std::invalid_argument("trend needs a check");
    auto points = store.checkPoints(filter);
    std::set<std::string> keys;
    for (const auto& p : points) keys.insert(p.checkKey);
    if (keys.empty())
        throw std::invalid_argument("no stored check is named '" + filter.check + "' (a check name or plan/case/name) in " +
                                    store.describe() + (filter.since.empty() ? "" : " since " + filter.since));
    if (keys.size() > 1) {
        std::string list;
        for (const auto& k : keys) list += "\n  " + k;
        throw std::invalid_argument("'" + filter.check + "' names " + std::to_string(keys.size()) +
                                    " checks; name one by its key:" + list);
    }
    Trend t;
    t.checkKey = *keys.begin();
    for (auto& p : points) {
        if (!t.firstFail && p.verdict == "fail") t.firstFail = t.points.size();
        RunHeader run = p.run;
        t.points.push_back({std::move(run), std::move(p)});
    }
    return t;
}

namespace {

template <typename Record, typename Key>
std::map<std::string, const Record*> byKey(const std::vector<Record>& records, Key key) {
    std::map<std::string, const Record*> out;
    for (const auto& r : records) out[key(r)] = &r;
    return out;
}

template <typename Record>
std::vector<VerdictChange> verdictChanges(const std::vector<Record>& a, const std::vector<Record>& b) {
    const auto key = [](const Record& r) { return r.key(); };
    const auto inA = byKey(a, key), inB = byKey(b, key);
    std::set<std::string> keys;
    for (const auto& [k, r] : inA) keys.insert(k);
    for (const auto& [k, r] : inB) keys.insert(k);
    std::vector<VerdictChange> out;
    for (const auto& k : keys) {
        const auto ia = inA.find(k), ib = inB.find(k);
        const std::string before = ia == inA.end() ? "" : ia->second->verdict;
        const std::string after = ib == inB.end() ? "" : ib->second->verdict;
        if (before != after) out.push_back({k, before, after});
    }
    return out;
}

} // namespace

Comparison compareRuns(ResultsStore& store, const std::string& runA, const std::string& runB) {
    auto a = store.readRun(runA);
    if (!a) throw std::invalid_argument("no run '" + runA + "' in " + store.describe());
    auto b = store.readRun(runB);
    if (!b) throw std::invalid_argument("no run '" + runB + "' in " + store.describe());
    Comparison c;
    c.caseVerdicts = verdictChanges(a->cases, b->cases);
    c.checkVerdicts = verdictChanges(a->checks, b->checks);
    const auto key = [](const CheckRecord& r) { return r.key(); };
    const auto inA = byKey(a->checks, key), inB = byKey(b->checks, key);
    std::set<std::string> keys;
    for (const auto& [k, r] : inA) keys.insert(k);
    for (const auto& [k, r] : inB) keys.insert(k);
    for (const auto& k : keys) {
        const auto ia = inA.find(k), ib = inB.find(k);
        const CheckRecord* ka = ia == inA.end() ? nullptr : ia->second;
        const CheckRecord* kb = ib == inB.end() ? nullptr : ib->second;
        ValueChange v;
        v.checkKey = k;
        if (ka) v.before = ka->value, v.uncertaintyBefore = ka->uncertainty, v.unit = ka->unit;
        if (kb) v.after = kb->value, v.uncertaintyAfter = kb->uncertainty, v.unit = kb->unit;
        bool changed = v.before.has_value() != v.after.has_value();
        if (v.before && v.after) {
            const double difference = std::abs(*v.after - *v.before);
            if (v.uncertaintyBefore && v.uncertaintyAfter)
                changed = difference > std::hypot(*v.uncertaintyBefore, *v.uncertaintyAfter);
            else
                changed = difference > 0.0;
        }
        if (changed) c.values.push_back(std::move(v));
    }
    c.a = std::move(*a);
    c.b = std::move(*b);
    return c;
}

std::vector<FlakyCheck> findFlaky(ResultsStore& store, const RunFilter& filter) { return store.mixedVerdicts(filter); }

} // namespace v2gbench::results
