#include "v2gbench/bench/uncertainty_budget.hpp"

#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/core/quantity.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace v2gbench::bench {

namespace {

core::Dimension signalDimension(const std::string& signal) {
    const SignalSpec* spec = RoleCatalog::builtin().signal(signal);
    return spec ? spec->type.dimension : core::Dimension::none();
}

std::string roleOf(const std::string& signal) { return signal.substr(0, signal.find('.')); }

} // namespace

bool isLogicState(const std::string& signal) {
    if (signal.rfind("daq.", 0) != 0) return false;
    const core::DaqChannelInfo* c = core::daqChannel(signal.substr(4));
    return c && c->kind == core::DaqChannelKind::Digital;
}

double rectangularStandard(double resolution) { return std::fabs(resolution) / (2.0 * std::sqrt(3.0)); }

UncertaintyBudget combineBudget(std::string kind, std::string unit, std::vector<BudgetContribution> contributions,
                                double k, std::string note) {
    if (!(k > 0)) throw std::invalid_argument("a coverage factor k must be above zero");
    UncertaintyBudget b;
    b.kind = std::move(kind);
    b.unit = std::move(unit);
    b.k = k;
    double sum = 0.0;
    for (const auto& c : contributions) sum += (c.sensitivity * c.standard) * (c.sensitivity * c.standard);
    b.combinedStandard = std::sqrt(sum);
    b.expanded = k * b.combinedStandard;
    b.contributions = std::move(contributions);
    b.note = std::move(note);
    return b;
}

InstrumentFigures figuresFromAdmissions(const std::vector<InstrumentAdmission>& admissions) {
    InstrumentFigures figures;
    for (const auto& a : admissions) {
        if (!a.entry) continue;
        for (const auto& r : a.entry->uncertainty) {
            if (roleOf(r.function) != a.role) continue; // a figure for a signal another role reads
            auto& f = figures.bySignal[r.function];
            f.instrument = a.entry->id;
            f.ranges.push_back(r);
        }
    }
    for (auto& [signal, f] : figures.bySignal)
        std::sort(f.ranges.begin(), f.ranges.end(), [](const auto& x, const auto& y) { return x.range < y.range; });
    return figures;
}

InstrumentTerm instrumentTerm(const InstrumentFigures& figures, const std::string& signal, double reading,
                              const std::string& unit) {
    InstrumentTerm t;
    const double magnitude = std::fabs(reading);
    if (const auto it = figures.bySignal.find(signal); it != figures.bySignal.end()) {
        const auto& ranges = it->second.ranges;
        const auto range = std::find_if(ranges.begin(), ranges.end(), [&](const auto& r) { return magnitude <= r.range; });
        if (range == ranges.end()) {
            t.why = "the reading " + core::formatQuantity(reading, signalDimension(signal)) + " is above every range of " +
                    it->second.instrument + " in the register for " + signal;
            return t;
        }
        const double expanded = range->absolute + range->relative * magnitude;
        t.k = range->k;
        t.contribution = BudgetContribution{"instrument (" + signal + ")",
                                            "register:" + it->second.instrument + " " +
                                                core::formatQuantity(range->range, signalDimension(signal)),
                                            "B", expanded / range->k, 1.0, unit};
        return t;
    }
    if (const auto it = figures.profileFigures.find(signal); it != figures.profileFigures.end()) {
        // The bench profile states U without k: taken as k = 2, said in the source.
        const double expanded = it->second.first + it->second.second * magnitude;
        t.contribution = BudgetContribution{"instrument (" + signal + ")",
                                            "bench profile " + figures.profileFile + " uncertainty (k not stated, taken as 2)",
                                            "B", expanded / 2.0, 1.0, unit};
        return t;
    }
    t.why = "no register figure for " + signal;
    return t;
}

UncertaintyBudget levelBudget(const InstrumentFigures& figures, const std::string& signal, Statistic statistic,
                              const std::vector<Sample>& samples, double value, const std::string& unit,
                              bool logicState) {
    if (logicState)
        return combineBudget("level", unit, {}, 2.0, "a logic state read against its threshold: exact (0 or 1)");
    std::vector<BudgetContribution> contributions;
    std::string note;
    const InstrumentTerm instrument = instrumentTerm(figures, signal, value, unit);
    if (instrument.contribution) contributions.push_back(*instrument.contribution);
    else note = instrument.why;
    // The mean of n samples scatters by s/√n (s: the samples' standard deviation, n − 1); a single
    // extreme, the last sample or the spread itself has no such term: the scatter is what it reads.
    if (statistic == Statistic::Mean && samples.size() >= 2) {
        const double n = static_cast<double>(samples.size());
        double sum = 0.0;
        for (const auto& s : samples) sum += s.v;
        const double mean = sum / n;
        double sq = 0.0;
        for (const auto& s : samples) sq += (s.v - mean) * (s.v - mean);
        const double sd = std::sqrt(sq / (n - 1.0));
        contributions.push_back({"Type A: standard error of the mean of " + std::to_string(samples.size()) + " samples",
                                 "type A", "A", sd / std::sqrt(n), 1.0, unit});
    }
    return combineBudget("level", unit, std::move(contributions), instrument.k, std::move(note));
}

namespace {

void addInstant(std::vector<BudgetContribution>& out, const std::string& role, const TimeInstant& t, double sensitivity) {
    if (t.resolution <= 0.0) return; // set by the bench itself: exact on the bench clock
    out.push_back({role + ": " + t.event, t.source, "B", rectangularStandard(t.resolution), sensitivity, "s"});
}

} // namespace

UncertaintyBudget timeBudget(const TimeInstant& from, const TimeInstant& to) {
    std::vector<BudgetContribution> contributions;
    addInstant(contributions, "from", from, -1.0);
    addInstant(contributions, "to", to, 1.0);
    std::string note = contributions.empty() ? "both instants set by the bench clock" : "";
    return combineBudget("time", "s", std::move(contributions), 2.0, std::move(note));
}

UncertaintyBudget rateBudget(double rate, double dt, const UncertaintyBudget& time,
                             const std::optional<BudgetContribution>& levelAtFrom,
                             const std::optional<BudgetContribution>& levelAtTo, const std::string& unit,
                             const std::string& note, double levelFactor) {
    std::vector<BudgetContribution> contributions;
    // rate = f·|x1 − x0| / Δt: ∂/∂x = ±f/Δt, ∂/∂Δt = −rate/Δt.
    if (levelAtFrom) {
        auto c = *levelAtFrom;
        c.name = "level at from: " + c.name;
        c.sensitivity = -levelFactor / dt;
        contributions.push_back(std::move(c));
    }
    if (levelAtTo) {
        auto c = *levelAtTo;
        c.name = "level at to: " + c.name;
        c.sensitivity = levelFactor / dt;
        contributions.push_back(std::move(c));
    }
    for (const auto& t : time.contributions) {
        auto c = t;
        c.sensitivity = t.sensitivity * -rate / dt;
        contributions.push_back(std::move(c));
    }
    return combineBudget("rate", unit, std::move(contributions), 2.0, note);
}

UncertaintyBudget busBudget(BusMetric metric, bool referenceIsFrame, double timeResolution,
                            const std::string& timeSource) {
    switch (metric) {
    case BusMetric::Latency: {
        auto b = timeBudget({referenceIsFrame ? "reference frame" : "command (bench clock)", timeSource,
                             referenceIsFrame ? timeResolution : 0.0},
                            {"matching frame", timeSource, timeResolution});
        b.kind = "bus";
        return b;
    }
    case BusMetric::Period:
    case BusMetric::Span: {
        // Each interval is the difference of two frame times.
        auto b = timeBudget({"earlier frame", timeSource, timeResolution}, {"later frame", timeSource, timeResolution});
        b.kind = "bus";
        return b;
    }
    case BusMetric::Count:
    case BusMetric::Episodes:
    case BusMetric::Layout:
    case BusMetric::Distinct:
        return combineBudget("bus", "", {}, 2.0, "a count of frames is exact");
    case BusMetric::Field:
        return combineBudget("bus", "", {}, 2.0, "the field's value as the frame carries it: read exactly");
    }
    return combineBudget("bus", "", {}, 2.0, "");
}

} // namespace v2gbench::bench
