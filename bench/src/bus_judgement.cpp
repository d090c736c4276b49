#include "v2gbench/bench/bus_judgement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace v2gbench::bench {

namespace {

constexpr std::size_t kEvidenceHead = 8; // first matches shown
constexpr std::size_t kEvidenceTail = 4; // last matches shown

std::string number(double v) {
    char buf[32];
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::vector<const core::BusMessage*> select(const std::vector<core::BusMessage>& messages, const BusMatch& match) {
    std::vector<const core::BusMessage*> out;
    for (const auto& m : messages)
        if (matches(m, match)) out.push_back(&m);
    return out;
}

std::string line(const core::BusMessage& m) {
    std::string text;
    if (m.summary.empty()) {
        // The decoders' summaries start with the time; a bare message gets one here.
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f s ", m.time);
        text = buf + m.sender + " " + m.name;
    } else {
        text = m.summary;
    }
    if (!m.problem.empty()) text += "  [" + m.problem + "]";
    return text;
}

// When nothing matched, what the charger sent under that name instead is the best evidence
// (a CEM with the wrong bit, a CRM with the other recognition value).
void addNearMisses(BusJudgement& j, const std::vector<core::BusMessage>& messages, const BusMatch& match) {
    if (match.where.empty()) return;
    BusMatch byName;
    byName.message = match.message;
    const auto others = select(messages, byName);
    if (others.empty()) return;
    j.evidence.push_back(std::to_string(others.size()) + " " + match.message + " seen without the condition, e.g.:");
    for (std::size_t i = 0; i < others.size() && i < 3; ++i) j.evidence.push_back(line(*others[i]));
}


void addEvidence(BusJudgement& j, const std::vector<const core::BusMessage*>& hits) {
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (i == kEvidenceHead && hits.size() > kEvidenceHead + kEvidenceTail) {
            j.evidence.push_back("   … " + std::to_string(hits.size() - kEvidenceHead - kEvidenceTail) + " more");
            i = hits.size() - kEvidenceTail;
        }
        j.evidence.push_back(line(*hits[i]));
    }
}

double statistic(std::vector<double> v, PeriodStatistic s) {
    std::sort(v.begin(), v.end());
    auto quantile = [&](double q) {
        const double pos = q * static_cast<double>(v.size() - 1);
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const auto hi = std::min(lo + 1, v.size() - 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
    };
    switch (s) {
    case PeriodStatistic::Median: return quantile(0.5);
    case PeriodStatistic::P95: return quantile(0.95);
    case PeriodStatistic::Max: return v.back();
    case PeriodStatistic::Min: return v.front();
    case PeriodStatistic::Mean: {
        double sum = 0.0;
        for (double x : v) sum += x;
        return sum / static_cast<double>(v.size());
    }
    }
    return 0.0;
}

} // namespace

bool matches(const core::BusMessage& m, const BusMatch& match) {
    if (m.name != match.message) return false;
    for (const auto& [name, wanted] : match.where) {
        const core::BusField* f = m.field(name);
        if (!f || !f->available) return false;
        if (std::fabs(f->value - wanted) > 1e-6 * std::max(1.0, std::fabs(wanted))) return false;
    }
    return true;
}

std::string describe(const BusMatch& match) {
    std::string out = match.message;
    if (!match.where.empty()) {
        out += " (";
        for (std::size_t i = 0; i < match.where.size(); ++i)
            out += (i ? ", " : "") + match.where[i].first + "=" + number(match.where[i].second);
        out += ")";
    }
    return out;
}

// A latency's reference: the first `after` message, or (which: last) the last one before the first match.
const core::BusMessage* reference(const std::vector<core::BusMessage>& messages, const BusMatch& after,
                                  const core::BusMessage* firstHit) {
    const core::BusMessage* ref = nullptr;
    for (const auto& m : messages) {
        if (after.last && &m == firstHit) break; // in bus order: a reference after the match does not count
        if (!matches(m, after)) continue;
        ref = &m;
        if (!after.last) break;
    }
    return ref;
}

bool latencyComplete(const BusCheckInput& input, const std::vector<core::BusMessage>& messages) {
    bool reference = input.after.empty(), hit = false;
    for (const auto& m : messages) {
        reference = reference || matches(m, input.after);
        hit = hit || matches(m, input.match);
        if (reference && hit) return true;
    }
    return false;
}

BusJudgement judgeBus(const BusCheckInput& in, const std::vector<core::BusMessage>& messages) {
    BusJudgement j;
    const auto hits = select(messages, in.match);
    j.matches = hits.size();
    j.evidence.push_back(std::to_string(messages.size()) + " messages observed, " + std::to_string(hits.size()) +
                         " of them " + describe(in.match));
    switch (in.metric) {
    case BusMetric::Latency: {
        double from = in.t0;
        if (!in.after.empty()) {
            const core::BusMessage* ref = reference(messages, in.after, hits.empty() ? nullptr : hits.front());
            if (!ref) {
                j.reason = in.after.last ? "the reference (the last " + describe(in.after) + " before the match) was never seen"
                                         : "the reference " + describe(in.after) + " was never seen";
                addEvidence(j, hits);
                return j;
            }
            from = ref->time;
            j.evidence.push_back(line(*ref) + (in.after.last ? "   ← reference (the last before the match)" : "   ← reference"));
        }
        if (hits.empty()) {
            j.reason = "no " + describe(in.match) + " seen";
            addNearMisses(j, messages, in.match);
            return j;
        }
        j.value = hits.front()->time - from;
        j.evidence.push_back(line(*hits.front()) + "   ← first match");
        break;
    }
    case BusMetric::Count:
        j.value = static_cast<double>(hits.size());
        addEvidence(j, hits);
        break;
    case BusMetric::Period: {
        if (hits.size() < 2) {
            j.reason = "fewer than two " + describe(in.match) + " seen: no period";
            addEvidence(j, hits);
            return j;
        }
        std::vector<double> intervals;
        for (std::size_t i = 1; i < hits.size(); ++i) intervals.push_back(hits[i]->time - hits[i - 1]->time);
        j.value = statistic(intervals, in.statistic);
        j.evidence.push_back("intervals: min " + number(statistic(intervals, PeriodStatistic::Min) * 1e3) + " ms, median " +
                             number(std::round(statistic(intervals, PeriodStatistic::Median) * 1e4) / 10) + " ms, p95 " +
                             number(std::round(statistic(intervals, PeriodStatistic::P95) * 1e4) / 10) + " ms, max " +
                             number(std::round(statistic(intervals, PeriodStatistic::Max) * 1e4) / 10) + " ms");
        addEvidence(j, hits);
        break;
    }
    case BusMetric::Episodes: {
        std::size_t episodes = 0;
        std::vector<const core::BusMessage*> starts;
        for (std::size_t i = 0; i < hits.size(); ++i)
            if (i == 0 || hits[i]->time - hits[i - 1]->time > in.gap) {
                ++episodes;
                starts.push_back(hits[i]);
            }
        j.value = static_cast<double>(episodes);
        j.evidence.push_back("episode starts (gap > " + number(in.gap) + " s):");
        addEvidence(j, starts);
        break;
    }
    case BusMetric::Layout: {
        if (hits.empty()) {
            j.reason = "no " + describe(in.match) + " seen: no layout to judge";
            return j;
        }
        std::vector<const core::BusMessage*> bad;
        for (const auto* m : hits)
            if (!m->layout.empty()) bad.push_back(m);
        j.value = static_cast<double>(bad.size());
        j.evidence.push_back(std::to_string(bad.size()) + " of " + std::to_string(hits.size()) + " " + in.match.message +
                             " depart from the GB/T 27930-2015 table" + (bad.empty() ? "" : ":"));
        for (std::size_t i = 0; i < bad.size() && i < kEvidenceHead; ++i)
            j.evidence.push_back(line(*bad[i]) + "  {" + bad[i]->layout + "}");
        if (bad.empty()) j.evidence.push_back(line(*hits.front()) + "   ← first match");
        break;
    }
    case BusMetric::Distinct: {
        if (hits.empty()) {
            j.reason = "no " + describe(in.match) + " seen";
            return j;
        }
        std::vector<std::pair<double, const core::BusMessage*>> values;
        for (const auto* m : hits) {
            const core::BusField* f = m->field(in.field);
            if (!f) {
                j.reason = in.match.message + " has no field '" + in.field + "'";
                j.planError = true;
                return j;
            }
            if (!f->available) continue;
            if (std::none_of(values.begin(), values.end(), [&](const auto& v) { return v.first == f->value; }))
                values.emplace_back(f->value, m);
        }
        j.value = static_cast<double>(values.size());
        j.evidence.push_back(std::to_string(values.size()) + " distinct " + in.field + " in " + std::to_string(hits.size()) +
                             " " + in.match.message + "; the first with each:");
        for (std::size_t i = 0; i < values.size() && i < kEvidenceHead; ++i) j.evidence.push_back(line(*values[i].second));
        break;
    }
    case BusMetric::Span: {
        if (hits.empty()) {
            j.reason = "no " + describe(in.match) + " seen";
            return j;
        }
        j.value = hits.back()->time - hits.front()->time;
        j.evidence.push_back(line(*hits.front()) + "   ← first");
        j.evidence.push_back(line(*hits.back()) + "   ← last (" + std::to_string(hits.size()) + " in all)");
        break;
    }
    case BusMetric::Field: {
        if (hits.empty()) {
            j.reason = "no " + describe(in.match) + " seen";
            addNearMisses(j, messages, in.match);
            return j;
        }
        const core::BusField* f = hits.front()->field(in.field);
        if (!f) {
            std::string names;
            for (const auto& x : hits.front()->fields) names += (names.empty() ? "" : ", ") + x.name;
            j.reason = in.match.message + " has no field '" + in.field + "' (fields: " + names + ")";
            j.planError = true;
            return j;
        }
        if (!f->available) {
            j.reason = "field '" + in.field + "' is not available in the first " + in.match.message;
            j.evidence.push_back(line(*hits.front()));
            return j;
        }
        j.value = f->value;
        j.evidence.push_back(line(*hits.front()) + "   ← " + in.field + " = " + f->text);
        break;
    }
    }
    return j;
}

} // namespace v2gbench::bench
