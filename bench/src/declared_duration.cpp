#include "v2gbench/bench/declared_duration.hpp"

#include "case_instances.hpp"

#include <map>
#include <numeric>

namespace v2gbench::bench {

namespace {

template <class... Handlers>
struct PerStepKind : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
PerStepKind(Handlers...) -> PerStepKind<Handlers...>;

class Declared {
public:
    Declared(const NameLookup& outside, std::size_t& undeclared) : m_outside(outside), m_undeclared(undeclared) {}

    std::map<std::string, Value> parameters;
    std::map<std::string, Value> locals;

    NameLookup lookup() const {
        return [this](const std::string& n) -> std::optional<Value> {
            if (auto l = locals.find(n); l != locals.end()) return l->second;
            if (auto p = parameters.find(n); p != parameters.end()) return p->second;
            return m_outside ? m_outside(n) : std::nullopt;
        };
    }

    // A duration's seconds; one that cannot be evaluated here is counted as undeclared.
    double seconds(const Expression& e) const {
        if (e.empty()) return 0.0;
        try {
            const Value v = e.evaluate(lookup());
            const double s = v.quantity().value;
            if (s >= 0.0) return s;
        } catch (const std::exception&) {
        }
        ++m_undeclared;
        return 0.0;
    }

    double step(const Step& s) const {
        return std::visit(PerStepKind{[](const ActionStep&) { return 0.0; },
                                      [this](const WaitStep& w) { return seconds(w.duration); },
                                      [](const WaitUntilStep&) { return 0.0; },
                                      [this](const MeasureStep& m) { return seconds(m.window); },
                                      [this](const ResponseStep& r) { return seconds(r.timeout); },
                                      [this](const BusCheckStep& b) { return seconds(b.window); },
                                      [](const InspectStep&) { return 0.0; },
                                      [this](const CaptureStep& c) { return seconds(c.pre) + seconds(c.post); }},
                          s);
    }

    std::vector<double> steps(const std::vector<Step>& list) const {
        std::vector<double> out;
        out.reserve(list.size());
        for (const auto& s : list) out.push_back(step(s));
        return out;
    }

private:
    const NameLookup& m_outside;
    std::size_t& m_undeclared;
};

double sum(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

double sumFrom(const std::vector<double>& v, std::size_t from) {
    double s = 0.0;
    for (std::size_t i = from; i < v.size(); ++i) s += v[i];
    return s;
}

} // namespace

DeclaredDurations declaredDurations(const Plan& plan, const NameLookup& outside) {
    DeclaredDurations out;
    Declared d(outside, out.undeclared);
    for (const auto& p : plan.parameters) {
        try {
            d.parameters[p.name] = p.value.evaluate(d.lookup());
        } catch (const std::exception&) {
            // Left out: the durations that use it become undeclared.
        }
    }
    out.setup = d.steps(plan.setup);
    for (const auto& c : plan.cases) {
        std::vector<std::vector<double>> instances;
        detail::ForEachLists lists;
        bool listed = true;
        try {
            for (const auto& b : c.forEach) lists.emplace_back(b.variable, b.values.evaluate(d.lookup()).list());
        } catch (const std::exception&) {
            listed = false;
        }
        if (!listed) {
            ++out.undeclared;
            instances.push_back(d.steps(c.steps));
        } else if (lists.empty()) {
            instances.push_back(d.steps(c.steps));
        } else {
            detail::forEachCaseInstance(lists, [&](const std::map<std::string, Value>& locals, const std::string&) {
                d.locals = locals;
                instances.push_back(d.steps(c.steps));
            });
            d.locals.clear();
        }
        out.cases.push_back(std::move(instances));
    }
    out.teardown = d.steps(plan.teardown);
    return out;
}

double DeclaredDurations::total() const { return remainingFromSetupStep(0); }

std::size_t DeclaredDurations::instanceCount() const {
    std::size_t n = 0;
    for (const auto& c : cases) n += c.size();
    return n;
}

double DeclaredDurations::remainingFromTeardownStep(std::size_t step) const { return sumFrom(teardown, step); }

double DeclaredDurations::remainingFromCaseStep(std::size_t caseIndex, std::size_t instance, std::size_t step) const {
    double s = 0.0;
    for (std::size_t c = caseIndex; c < cases.size(); ++c)
        for (std::size_t i = c == caseIndex ? instance : 0; i < cases[c].size(); ++i)
            s += c == caseIndex && i == instance ? sumFrom(cases[c][i], step) : sum(cases[c][i]);
    return s + sum(teardown);
}

double DeclaredDurations::remainingFromSetupStep(std::size_t step) const {
    return sumFrom(setup, step) + remainingFromCaseStep(0, 0, 0);
}

} // namespace v2gbench::bench
