#include "v2gbench/bench/offline_judgement.hpp"

#include "case_instances.hpp"
#include "v2gbench/bench/bus_check_verdict.hpp"
#include "v2gbench/bench/role_catalog.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace v2gbench::bench {

namespace {

// Field values are read as the bus decoder gives them: BSM "charge permitted" is the raw 2-bit
// status (0 forbidden, 1 permitted); BCL "current demand" is in A, 0.1 A per bit.
constexpr BusStimulus kStimuli[] = {
    {"ev.connect", "BHM", nullptr, std::nullopt, nullptr, 0.0, "BHM (a vehicle answering the handshake)"},
    {"ev.stop", "BST", nullptr, std::nullopt, nullptr, 0.0, "BST (the vehicle stopping)"},
    {"ev.pause", "BSM", "charge permitted", 0.0, nullptr, 0.0, "BSM with charging forbidden"},
    {"ev.resume", "BSM", "charge permitted", 1.0, nullptr, 0.0, "BSM with charging permitted"},
    {"ev.demand", "BCL", "current demand", std::nullopt, "current", 0.05, "BCL"},
};

std::string fmt(double v, core::Dimension d) { return core::formatQuantity(v, d); }

// The rest of a case cannot be judged: why.
struct Blocked {
    std::string reason;
};

class OfflineJudge {
public:
    OfflineJudge(const Plan& plan, const CaptureView& capture, const DutProfile& dut)
        : m_plan(plan), m_capture(capture), m_dut(dut) {}

    PlanResult run() {
        PlanResult result;
        result.id = m_plan.id;
        result.title = m_plan.title;
        result.source = m_plan.file;
        result.requirements = m_plan.requirements;
        std::optional<std::string> setupBlocked;
        try {
            for (const auto& p : m_plan.parameters) m_parameters[p.name] = evaluate(p.value, "parameter " + p.name);
            if (m_plan.appliesIf && !evaluate(*m_plan.appliesIf, "applies_if").boolean())
                setupBlocked = "the plan's applies_if is false: " + m_plan.appliesIf->text();
            else
                walkSetup();
        } catch (const Blocked& b) {
            setupBlocked = "setup: " + b.reason;
        }
        // Every case starts where the setup left the session: the cases are independent
        // experiments on a bench, and a capture holds one session, so a case's windows never
        // push the next case's stimulus out of reach.
        const Position afterSetup = position();
        for (const auto& c : m_plan.cases) {
            setPosition(afterSetup);
            runCaseInstances(c, setupBlocked, result);
        }
        result.verdict = result.cases.empty() ? Verdict::NotApplicable : Verdict::Pass;
        for (const auto& c : result.cases) result.verdict = worst(result.verdict, c.verdict);
        return result;
    }

private:
    // ---- names: loop variables, parameters, dut.*, and ev.phase from the capture ----
    std::optional<Value> lookup(const std::string& name) const {
        for (auto it = m_locals.rbegin(); it != m_locals.rend(); ++it)
            if (auto found = it->find(name); found != it->end()) return found->second;
        if (auto p = m_parameters.find(name); p != m_parameters.end()) return p->second;
        if (auto d = m_dut.lookup(name)) return d;
        if (name == "ev.phase") return Value(currentPhase());
        return std::nullopt;
    }
    NameLookup lookupFn() const {
        return [this](const std::string& n) { return lookup(n); };
    }
    // Names a capture cannot give make the expression's step not-applicable, naming them.
    void requireCaptureNames(const Expression& e, const std::string& what) const {
        for (const auto& n : e.names()) {
            if (n.name == "ev.phase" || lookupLocal(n.name)) continue;
            if (RoleCatalog::builtin().signal(n.name))
                throw Blocked{what + " reads " + n.name + ", which a capture does not hold (only ev.phase is read from it)"};
            if (n.name.rfind("vehicle.", 0) == 0)
                throw Blocked{what + " reads " + n.name + " of an EV profile, which judging a capture has none of"};
        }
    }
    bool lookupLocal(const std::string& name) const {
        for (const auto& l : m_locals)
            if (l.count(name)) return true;
        return m_parameters.count(name) > 0;
    }
    Value evaluate(const Expression& e, const std::string& what) const {
        requireCaptureNames(e, what);
        try {
            return e.evaluate(lookupFn());
        } catch (const EvaluationError& error) {
            throw Blocked{what + ": " + error.what()};
        }
    }
    double seconds(const Expression& e, const std::string& what) const {
        return evaluate(e, what).quantity().value;
    }

    // ---- where the judge stands: a time, the phase at it, the next message (by order, which a
    // capture without usable times still has) ----
    bool timed() const { return m_capture.timesUnusable.empty(); }

    struct Position {
        double cursor;
        long phase;
        std::size_t mark;
    };
    Position position() const { return {m_cursor, m_phase, m_mark}; }
    void setPosition(const Position& p) {
        m_cursor = p.cursor;
        m_phase = p.phase;
        m_mark = p.mark;
    }

    std::string currentPhase() const {
        // Before the first GB/T message: plugged in, nothing said yet.
        return m_phase < 0 ? std::string("connected") : m_capture.phases[static_cast<std::size_t>(m_phase)].phase;
    }

    // Time passes (wait, a check's window): with usable times the phase and the next message follow it.
    void advanceTo(double t) {
        m_cursor = std::max(m_cursor, t);
        if (!timed()) return;
        while (m_phase + 1 < static_cast<long>(m_capture.phases.size()) &&
               m_capture.phases[static_cast<std::size_t>(m_phase + 1)].time <= m_cursor + 1e-9)
            ++m_phase;
        while (m_mark < m_capture.marks.size() && m_capture.marks[m_mark].time < m_cursor - 1e-9) ++m_mark;
    }

    void waitUntil(const WaitUntilStep& step) {
        const std::string what = "wait_until '" + step.condition.text() + "'";
        const long start = m_phase;
        for (long i = start; i < static_cast<long>(m_capture.phases.size()); ++i) {
            m_phase = i;
            if (evaluate(step.condition, what).boolean()) {
                if (i >= 0 && i != start) {
                    const auto& change = m_capture.phases[static_cast<std::size_t>(i)];
                    m_mark = std::max(m_mark, change.position);
                    advanceTo(change.time);
                }
                return;
            }
        }
        m_phase = start;
        std::string seen;
        for (const auto& p : m_capture.phases) seen += (seen.empty() ? "" : " → ") + p.phase;
        throw Blocked{what + " never holds in the capture from phase '" + currentPhase() + "' on (phases its frames show: " +
                      (seen.empty() ? std::string("none") : seen) + ")"};
    }

    void walkSetup() {
        advanceTo(0.0);
        for (const auto& step : m_plan.setup) {
            if (const auto* w = std::get_if<WaitStep>(&step)) advanceTo(m_cursor + seconds(w->duration, "wait"));
            else if (const auto* u = std::get_if<WaitUntilStep>(&step)) waitUntil(*u);
            // Actions and checks of the setup: the capture shows the session they set up.
        }
    }

    // The first message after the cursor that shows `action` happened; the cursor moves there.
    void stimulus(const ActionStep& action) {
        const std::string qualified = action.role + "." + action.action;
        const BusStimulus* s = nullptr;
        for (const auto& k : kStimuli)
            if (qualified == k.action) s = &k;
        if (!s) throw Blocked{"needs the stimulus " + qualified + " (" + action.where.str() + "), which leaves no trace on the bus"};
        std::optional<double> wanted = s->value;
        std::string wantedText; // "current demand 50 A"
        if (s->argument)
            if (auto a = action.arguments.find(s->argument); a != action.arguments.end()) {
                const auto q = evaluate(a->second, qualified + " " + s->argument).quantity();
                wanted = q.value;
                wantedText = std::string(s->field) + " " + core::formatQuantity(q.value, q.dimension);
            }
        for (std::size_t i = m_mark; i < m_capture.marks.size(); ++i) {
            const auto& m = m_capture.marks[i];
            if (std::string_view(m.message) != s->message) continue;
            if (s->field && wanted && (!m.value || std::fabs(*m.value - *wanted) > s->tolerance + 1e-9)) continue;
            m_mark = i;
            advanceTo(m.time);
            return;
        }
        const std::string detail = wantedText.empty() ? std::string(s->meaning) : std::string(s->meaning) + " with " + wantedText;
        throw Blocked{"needs the stimulus " + qualified + " (" + action.where.str() + "): the capture has no " + detail +
                      (timed() ? " after " + fmt(m_cursor, core::Dimension::time()) : std::string(" after this point"))};
    }

    // ---- cases ----
    void runCaseInstances(const Case& c, const std::optional<std::string>& setupBlocked, PlanResult& plan) {
        if (c.forEach.empty()) {
            runCase(c, "", setupBlocked, plan);
            return;
        }
        detail::ForEachLists lists;
        try {
            for (const auto& b : c.forEach) lists.emplace_back(b.variable, evaluate(b.values, "for_each " + b.variable).list());
        } catch (const Blocked& b) {
            runCase(c, "", b.reason, plan);
            return;
        }
        detail::forEachCaseInstance(lists, [&](const std::map<std::string, Value>& locals, const std::string& instance) {
            m_locals.push_back(locals);
            const Position start = position();
            runCase(c, instance, setupBlocked, plan);
            setPosition(start);
            m_locals.pop_back();
        });
    }

    std::vector<std::string> requirementsFor(const Case& c, const std::vector<std::string>& own) const {
        if (!own.empty()) return own;
        if (!c.requirements.empty()) return c.requirements;
        return m_plan.requirements;
    }

    template <class CheckStep>
    CheckResult newCheck(const Case& c, const char* kind, const CheckStep& step) const {
        CheckResult check;
        try {
            check.name = step.name.render(lookupFn());
        } catch (const std::exception&) {
            check.name = step.name.text();
        }
        check.kind = kind;
        check.requirements = requirementsFor(c, step.requirements);
        check.source = step.where.str();
        if constexpr (requires { step.signal; }) check.signal = step.signal;
        check.criterion = step.expect.criterion;
        return check;
    }

    static CheckResult notApplicable(CheckResult check, const std::string& reason) {
        check.verdict = Verdict::NotApplicable;
        check.reason = reason;
        return check;
    }

    void runCase(const Case& c, const std::string& instance, const std::optional<std::string>& setupBlocked, PlanResult& plan) {
        CaseResult r;
        r.id = c.id;
        r.instance = instance;
        r.title = renderTitle(c.title, c.where, lookupFn());
        r.requirements = requirementsFor(c, {});
        r.tStart = m_cursor;
        std::optional<std::string> blocked = setupBlocked;
        try {
            if (!blocked && c.appliesIf && !evaluate(*c.appliesIf, "applies_if").boolean())
                blocked = "applies_if is false: " + c.appliesIf->text();
        } catch (const Blocked& b) {
            blocked = b.reason;
        }
        const double caseStart = m_cursor;
        for (const auto& step : c.steps) {
            try {
                if (blocked) throw Blocked{*blocked};
                runStep(c, step, caseStart, r);
            } catch (const Blocked& b) {
                blocked = b.reason;
                addNotApplicable(c, step, b.reason, r);
            }
        }
        r.verdict = Verdict::Pass;
        for (const auto& ch : r.checks) r.verdict = worst(r.verdict, ch.verdict);
        if (r.checks.empty()) {
            r.verdict = Verdict::NotApplicable;
            r.reason = blocked ? *blocked : "the case has no check";
        } else if (r.verdict == Verdict::NotApplicable) {
            r.reason = blocked ? *blocked : r.checks.front().reason;
        }
        r.benchTime = m_cursor - r.tStart;
        plan.cases.push_back(std::move(r));
    }

    // A step that would have produced a check, not judged: its check is not-applicable.
    void addNotApplicable(const Case& c, const Step& step, const std::string& reason, CaseResult& r) const {
        std::visit(
            [&](const auto& s) {
                using S = std::decay_t<decltype(s)>;
                if constexpr (std::is_same_v<S, BusCheckStep>) r.checks.push_back(notApplicable(newCheck(c, "bus", s), reason));
                else if constexpr (std::is_same_v<S, MeasureStep>)
                    r.checks.push_back(notApplicable(newCheck(c, "measure", s), reason));
                else if constexpr (std::is_same_v<S, ResponseStep>)
                    r.checks.push_back(notApplicable(newCheck(c, "response", s), reason));
                else if constexpr (std::is_same_v<S, InspectStep>)
                    r.checks.push_back(notApplicable(newCheck(c, "inspect", s), reason));
                else if constexpr (std::is_same_v<S, CaptureStep>) {
                    for (const auto& spec : s.results) {
                        CheckResult check;
                        check.name = spec.name.text();
                        check.kind = "capture";
                        check.requirements = requirementsFor(c, spec.requirements);
                        check.source = s.where.str();
                        r.checks.push_back(notApplicable(std::move(check), reason));
                    }
                }
            },
            step);
    }

    void runStep(const Case& c, const Step& step, double caseStart, CaseResult& r) {
        std::visit(
            [&](const auto& s) {
                using S = std::decay_t<decltype(s)>;
                if constexpr (std::is_same_v<S, ActionStep>) stimulus(s);
                else if constexpr (std::is_same_v<S, WaitStep>) advanceTo(m_cursor + seconds(s.duration, "wait"));
                else if constexpr (std::is_same_v<S, WaitUntilStep>) waitUntil(s);
                else if constexpr (std::is_same_v<S, MeasureStep>) {
                    r.checks.push_back(notApplicable(newCheck(c, "measure", s), "measures " + s.signal + ", which a capture does not hold"));
                    advanceTo(m_cursor + seconds(s.window, "window"));
                } else if constexpr (std::is_same_v<S, ResponseStep>) {
                    stimulus(s.command);
                    r.checks.push_back(notApplicable(newCheck(c, "response", s), "measures the response of " + s.signal +
                                                                                     ", which a capture does not hold"));
                    advanceTo(m_cursor + seconds(s.timeout, "timeout"));
                } else if constexpr (std::is_same_v<S, InspectStep>) {
                    r.checks.push_back(notApplicable(newCheck(c, "inspect", s), "asks the operator at the bench: " + s.question));
                } else if constexpr (std::is_same_v<S, CaptureStep>) {
                    if (s.command) stimulus(*s.command);
                    addNotApplicable(c, step, "samples the bench's daq, which a capture does not hold", r);
                    const double pre = s.pre.empty() ? 0.0 : seconds(s.pre, "pre");
                    advanceTo(m_cursor + pre + (s.post.empty() ? 0.0 : seconds(s.post, "post")));
                } else if constexpr (std::is_same_v<S, BusCheckStep>) {
                    busCheck(c, s, caseStart, r);
                }
            },
            step);
    }

    void busCheck(const Case& c, const BusCheckStep& step, double caseStart, CaseResult& r) {
        const auto dim = busCheckDimension(step);
        CheckResult check = newCheck(c, "bus", step);
        check.method = toString(step.metric) + (step.metric == BusMetric::Period ? " " + toString(step.statistic) : "");
        check.unit = core::unitSymbol(dim);
        check.signal = describe(step.match);
        const double window = seconds(step.window, "window");
        const double gap = step.gap.empty() ? 1.0 : seconds(step.gap, "gap");
        check.limits = [&] {
            requireCaptureNames(step.expect.nominal.value_or(Expression()), "the limit");
            for (const auto* e : {&step.expect.tolerance, &step.expect.min, &step.expect.max})
                if (*e) requireCaptureNames(**e, "the limit");
            try {
                return resolveLimits(step.expect, dim, lookupFn());
            } catch (const EvaluationError& e) {
                throw Blocked{std::string("the limit: ") + e.what()};
            }
        }();
        if (step.command) stimulus(*step.command);
        const double t0 = step.sinceCaseStart ? caseStart : m_cursor;
        const BusCheckInput input = busCheckInput(step, gap, t0);
        check.tStart = t0;
        check.tEnd = t0 + window;
        if (!timed()) {
            advanceTo(t0 + window);
            r.checks.push_back(notApplicable(std::move(check), "its " + fmt(window, core::Dimension::time()) +
                                                                   " window needs the frames' times: " + m_capture.timesUnusable));
            return;
        }
        std::vector<core::BusMessage> seen;
        double completed = -1.0; // when a latency was decided (the live check stops observing then)
        for (auto& m : m_capture.window(t0, t0 + window)) {
            seen.push_back(std::move(m));
            if (step.metric == BusMetric::Latency && completed < 0 && latencyComplete(input, seen)) {
                completed = seen.back().time;
                break;
            }
        }
        if (completed < 0 && t0 + window > m_capture.end + 1e-9) {
            advanceTo(t0 + window);
            const std::string reason = "the capture ends " + fmt(std::max(0.0, m_capture.end - t0), core::Dimension::time()) +
                                       " into the check's " + fmt(window, core::Dimension::time()) + " window";
            throw Blocked{reason};
        }
        advanceTo(completed >= 0 ? completed : t0 + window);
        const BusCheckVerdict v = judgeBusCheck(step, input, seen, check.limits, m_capture.timeResolution, window);
        check.evidence = v.evidence;
        check.value = v.value;
        check.uncertainty = v.uncertainty;
        check.budget = v.budget;
        check.verdict = v.verdict;
        check.reason = v.planError ? step.where.str() + ": " + v.reason : v.reason;
        r.checks.push_back(std::move(check));
    }

    const Plan& m_plan;
    const CaptureView& m_capture;
    const DutProfile& m_dut;
    std::map<std::string, Value> m_parameters;
    std::vector<std::map<std::string, Value>> m_locals;
    double m_cursor = 0.0;       // s on the capture's time base
    long m_phase = -1;           // index in m_capture.phases; -1 before the first
    std::size_t m_mark = 0;      // index in m_capture.marks of the next stimulus mark
};

void addMatchNames(const BusMatch& match, std::set<std::string>& names) {
    if (!match.message.empty()) names.insert(match.message);
}

} // namespace

std::span<const BusStimulus> busStimuli() { return kStimuli; }

std::optional<StimulusMark> stimulusMark(const core::BusMessage& m) {
    for (const auto& s : kStimuli) {
        if (m.name != s.message) continue;
        StimulusMark mark{m.time, s.message, std::nullopt};
        // The stimuli of one message read one field (busStimuli()).
        for (const auto& k : kStimuli)
            if (k.field && m.name == k.message)
                if (const core::BusField* f = m.field(k.field); f && f->available) mark.value = f->value;
        return mark;
    }
    return std::nullopt;
}

CaptureView captureFromMessages(std::vector<core::BusMessage> messages, double timeResolution) {
    CaptureView view;
    for (const auto& m : messages)
        if (auto mark = stimulusMark(m)) view.marks.push_back(std::move(*mark));
    view.end = messages.empty() ? 0.0 : messages.back().time;
    view.timeResolution = timeResolution;
    view.window = [all = std::move(messages)](double from, double to) {
        std::vector<core::BusMessage> out;
        for (const auto& m : all)
            if (m.time >= from - 1e-9 && m.time <= to + 1e-9) out.push_back(m);
        return out;
    };
    return view;
}

std::set<std::string> messagesNeeded(const Plan& plan) {
    std::set<std::string> names;
    const auto add = [&names](const std::vector<Step>& steps) {
        for (const auto& step : steps)
            if (const auto* b = std::get_if<BusCheckStep>(&step)) {
                addMatchNames(b->match, names);
                addMatchNames(b->after, names);
            }
    };
    add(plan.setup);
    for (const auto& c : plan.cases) add(c.steps);
    return names;
}

PlanResult judgeCapture(const Plan& plan, const CaptureView& capture, const DutProfile& dut) {
    return OfflineJudge(plan, capture, dut).run();
}

} // namespace v2gbench::bench
