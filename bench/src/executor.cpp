#include "v2gbench/bench/executor.hpp"

#include "case_instances.hpp"
#include "check_json.hpp"
#include "plan_limits.hpp"
#include "signal_sampler.hpp"
#include "v2gbench/bench/bus_check_verdict.hpp"
#include "v2gbench/bench/bus_judgement.hpp"
#include "v2gbench/bench/bus_vocabulary.hpp"
#include "v2gbench/bench/capture_judgement.hpp"
#include "v2gbench/bench/declared_duration.hpp"
#include "v2gbench/bench/role_io.hpp"
#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/bench/safety_supervisor.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace v2gbench::bench {

namespace {

// Unwinds the plan into its teardown: the operator or the safety supervisor asked to stop.
struct RunAborted {
    std::string reason;
};

// A step could not be carried out by the bench (instrument, evaluation, timeout): verdict error.
struct StepError {
    std::string message;
};

// std::visit over a Step with one handler per alternative and no generic catch-all: a step kind
// the executor does not run is a compile error ("no match for call"), never a silently skipped step.
template <class... Handlers>
struct PerStepKind : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
PerStepKind(Handlers...) -> PerStepKind<Handlers...>;

std::string fmt(double v, core::Dimension d) { return core::formatQuantity(v, d); }

std::string fmtSeconds(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%9.3f s", t);
    return buf;
}

} // namespace

class Executor::Impl {
public:
    Impl(BenchSession& session, const BenchProfile& bench, const DutProfile& dut, const EvProfile* vehicle,
         RunRecorder& recorder, AbortFlag& abort, ProgressSink progress)
        : m_session(session), m_bench(bench), m_dut(dut), m_vehicle(vehicle), m_recorder(recorder), m_abort(abort),
          m_progress(std::move(progress)),
          m_supervisor(bench, [this](const std::string& s) { return supervisedValue(s); }, abort) {
        setInstrumentFigures({});
    }
    void setLiveSinks(SignalStreamSink signals, RunProgressSink progress) {
        m_signalStream = std::move(signals);
        m_runProgress = std::move(progress);
        if (m_signalStream && !m_sampler) m_sampler.emplace(m_session);
    }
    void setPlanPosition(std::size_t index, std::size_t count, double laterDeclared, std::size_t laterUndeclared) {
        m_planIndex = index;
        m_planCount = count;
        m_laterDeclared = laterDeclared;
        m_laterUndeclared = laterUndeclared;
    }

    PlanResult run(const Plan& plan, const std::string& planCopy, const std::string& sha256);
    void setAnswerSource(AnswerSource* source) { m_answers = source; }
    void setInstrumentFigures(InstrumentFigures figures) {
        m_figures = std::move(figures);
        m_figures.profileFile = m_bench.file;
        for (const auto& [signal, u] : m_bench.uncertainty) m_figures.profileFigures[signal] = {u.absolute, u.relative};
    }

private:
    AnswerSource* m_answers = nullptr;
    InstrumentFigures m_figures; // the register's figures (and the bench profile's) for the budgets
    // How a budget names an instrument's time base: "daq sample period (sim-daq)".
    std::string timeSource(const std::string& what, const std::string& role) const {
        const InstrumentBinding* b = m_bench.binding(role);
        return b ? what + " (" + b->driver + ")" : what;
    }
    // How a budget names the frames' time base, with where the times come from:
    // "CAN timestamp resolution 1 µs (can-monitor: socketcand frame time (SECONDS.MICROSECONDS))".
    std::string canTimeSource() {
        const InstrumentBinding* b = m_bench.binding("can");
        auto& can = m_session.can();
        return "CAN timestamp resolution " + fmt(can.timestampResolution().value, core::Dimension::time()) + " (" +
               (b ? b->driver + ": " : std::string()) + can.timestampSource() + ")";
    }
    // A check over frames the recorder could only time when the host read them is not judged:
    // its latency or period would be the host's, not the bus's. `since`: the count at the check's start.
    std::optional<std::string> framesTimedOnReceiptSince(std::uint64_t since) {
        const std::uint64_t now = m_session.can().framesTimedOnReceipt();
        if (now == since) return std::nullopt;
        return std::to_string(now - since) + " frame(s) received during this check carried no bus timestamp (" +
               m_session.can().timestampSource() +
               " gave none); their times would be the host's receipt times, so the check is not judged";
    }
    std::string m_planId;
    // ---- names visible to expressions: loop variables, parameters, dut.*, vehicle.*, live signals ----
    std::optional<Value> lookup(const std::string& name) {
        for (auto it = m_locals.rbegin(); it != m_locals.rend(); ++it) {
            auto found = it->find(name);
            if (found != it->end()) return found->second;
        }
        if (auto p = m_parameters.find(name); p != m_parameters.end()) return p->second;
        if (auto d = m_dut.lookup(name)) return d;
        if (name.rfind("vehicle.", 0) == 0) return vehicleValue(name);
        if (RoleCatalog::builtin().signal(name)) return readSignal(m_session, name);
        return std::nullopt;
    }
    // A vehicle.* name the plan validated against the EV profile format but this run's profile does
    // not provide: say which profile lacks which key (never a silent default).
    Value vehicleValue(const std::string& name) const {
        if (!m_vehicle)
            throw EvaluationError("'" + name + "' is a value of the EV profile, and this run has none (pass --ev FILE, "
                                  "or set ev_profile: in the bench profile)");
        if (auto v = m_vehicle->lookup(name)) return *v;
        throw EvaluationError("'" + name + "': the EV profile '" + m_vehicle->id + "' (" + m_vehicle->file +
                              ") does not set " + name.substr(std::string("vehicle.").size()));
    }
    NameLookup lookupFn() {
        return [this](const std::string& n) { return lookup(n); };
    }
    // The names known without reading an instrument: what a front-end is told before a check runs.
    std::optional<Value> lookupWithoutSignals(const std::string& name) {
        if (RoleCatalog::builtin().signal(name)) return std::nullopt;
        return lookup(name);
    }
    // dut.* and vehicle.*: what declaredDurations() may use besides the plan's own names.
    std::optional<Value> outsideName(const std::string& name) const {
        if (auto d = m_dut.lookup(name)) return d;
        if (name.rfind("vehicle.", 0) == 0 && m_vehicle) return m_vehicle->lookup(name);
        return std::nullopt;
    }
    Value eval(const Expression& e) { return e.evaluate(lookupFn()); }
    double evalSi(const Expression& e) { return eval(e).quantity().value; }
    // A step's duration (wait, timeout, window): literals were checked at validation, durations
    // made of parameters or dut.* values are held to the same bench limit here, before any time passes.
    double durationSi(const Expression& e, const core::SourceLocation& where, const char* what) {
        const double d = evalSi(e);
        if (d > kMaxDurationS)
            throw StepError{where.str() + ": " + what + " of " + fmt(d, core::Dimension::time()) + " (" + e.text() +
                            ") is longer than the bench's limit of 24 h for one step"};
        return d;
    }

    void say(const std::string& what) {
        if (m_progress) m_progress("[" + fmtSeconds(m_session.clock().now().value) + "] " + what);
    }

    // ---- time: every advance is sliced by the supervision period and supervised ----
    void advance(double seconds) {
        double remaining = seconds;
        while (remaining > 1e-12) {
            if (!m_inTeardown && m_abort.requested()) throw RunAborted{m_abort.reason()};
            const double slice = std::min(remaining, m_bench.supervisionPeriod);
            const auto waited = m_session.clock().waitFor(units::Seconds(slice), [this] {
                return !m_inTeardown && m_abort.requested();
            });
            remaining -= waited.value;
            supervise();
            if (waited.value < slice * (1.0 - 1e-9) && !m_inTeardown && m_abort.requested())
                throw RunAborted{m_abort.reason()};
        }
        if (!m_inTeardown && m_abort.requested()) throw RunAborted{m_abort.reason()};
    }

    void supervise() {
        const double now = m_session.clock().now().value;
        m_shareTick = streamTick(now);
        if (m_inTeardown) return;
        std::optional<std::string> verdict;
        try {
            verdict = m_supervisor.check(now);
        } catch (...) {
            m_shareTick = false;
            throw;
        }
        m_shareTick = false;
        if (auto violation = verdict) {
            m_recorder.journal("safety_trip", {{"reason", *violation}});
            say("SAFETY: " + *violation);
            throw RunAborted{*violation};
        }
        checkRecording();
    }

    // ---- the live stream (run_stream.hpp): one read of every streamed signal per supervision tick ----
    // True when it read the signals now (the supervisor then judges those readings).
    bool streamTick(double now) {
        if (!m_sampler) return false;
        if (now - m_lastStream < m_bench.supervisionPeriod * (1.0 - 1e-9)) return false;
        m_lastStream = now;
        m_signalStream(m_sampler->sample(now));
        return true;
    }
    // The supervisor's reading: this tick's streamed one when there is one (its failure rethrown,
    // as a direct read would throw it), else a read of its own.
    double supervisedValue(const std::string& signal) {
        if (m_shareTick) {
            if (auto v = m_sampler->value(signal)) return *v;
            if (auto failed = m_sampler->failure(signal)) std::rethrow_exception(failed);
        }
        return readSignal(m_session, signal).quantity().value;
    }

    // ---- structured progress (run_stream.hpp) ----
    void tellProgress(RunProgress::Phase phase, std::size_t step, std::size_t stepCount,
                      std::optional<CheckStart> check = std::nullopt) {
        if (!m_runProgress) return;
        RunProgress p;
        p.benchTime = m_session.clock().now().value;
        p.planIndex = m_planIndex;
        p.planCount = m_planCount;
        p.planId = m_planId;
        p.phase = phase;
        const std::size_t instances = m_declared.instanceCount();
        const std::size_t ordinal = caseOrdinal();
        switch (phase) {
        case RunProgress::Phase::Setup:
            p.caseIndex = 0;
            p.declaredRemaining = m_declared.remainingFromSetupStep(step);
            break;
        case RunProgress::Phase::Case:
            p.caseIndex = ordinal;
            p.caseLabel = m_caseLabel;
            p.declaredRemaining = m_declared.remainingFromCaseStep(m_caseIndex, m_caseInstance, step);
            break;
        case RunProgress::Phase::Teardown:
            p.caseIndex = m_casesFinished; // after an abort: where the plan stopped
            p.declaredRemaining = m_declared.remainingFromTeardownStep(step);
            break;
        case RunProgress::Phase::PlanFinished: p.caseIndex = m_casesFinished; break;
        }
        p.caseCount = std::max(instances, p.caseIndex + (phase == RunProgress::Phase::Case ? 1 : 0));
        p.stepIndex = step;
        p.stepCount = stepCount;
        p.declaredRemaining += m_laterDeclared;
        p.undeclared = m_declared.undeclared + m_laterUndeclared;
        p.check = std::move(check);
        m_runProgress(p);
    }
    // The running case instance's place among the plan's.
    std::size_t caseOrdinal() const {
        return m_caseInstance + (m_caseIndex > 0 ? casesThrough(m_caseIndex - 1) : 0);
    }
    // Case instances the plan declares up to and including case `caseIndex`.
    std::size_t casesThrough(std::size_t caseIndex) const {
        std::size_t n = 0;
        for (std::size_t c = 0; c <= caseIndex && c < m_declared.cases.size(); ++c) n += m_declared.cases[c].size();
        return n;
    }
    // A check starting: its window and, when known without reading an instrument, its limits.
    void tellCheckStart(const CheckResult& check, const std::string& signal, double tStart, double tEnd,
                        const Expectation* expect, core::Dimension dim) {
        if (!m_runProgress) return;
        CheckStart c;
        c.name = check.name;
        c.kind = check.kind;
        c.signal = signal;
        c.unit = check.unit;
        c.tStart = tStart;
        c.tEnd = tEnd;
        if (expect) {
            try {
                const Limits l = bench::resolveLimits(*expect, dim, [this](const std::string& n) { return lookupWithoutSignals(n); });
                c.low = l.low;
                c.high = l.high;
                c.limitsText = l.text;
            } catch (const std::exception&) {
                // Limits over a live signal: resolved (and recorded) when the check ends.
            }
        }
        tellProgress(m_phase, m_stepIndex, m_stepCount, std::move(c));
    }

    // A CAN recorder that lost its source has stopped writing can.log: the evidence of the rest of
    // the case would be missing, so the case ends in a bench error (journal "error", via runOneCase)
    // naming the instrument, never in a pass judged on a trace that silently ends.
    void checkRecording() {
        if (!m_session.has("can")) return;
        if (auto fault = m_session.can().recordingFault()) {
            std::string driver;
            for (const auto& b : m_bench.instruments)
                if (b.role == "can") driver = " (" + b.driver + " " + b.uri + ")";
            throw StepError{"can" + driver + ": recording lost, can.log ends here: " + *fault};
        }
    }

    // ---- steps ----
    // `first`/`count`: the steps' place among the phase's (teardown runs them one at a time).
    void runSteps(const std::vector<Step>& steps, CaseResult& result, std::size_t first = 0, std::size_t count = 0);
    void runAction(const ActionStep& step);
    void runWait(const WaitStep& step);
    void runWaitUntil(const WaitUntilStep& step);
    void runMeasure(const MeasureStep& step, CaseResult& result);
    void runResponse(const ResponseStep& step, CaseResult& result);
    void runBusCheck(const BusCheckStep& step, CaseResult& result);
    void runInspect(const InspectStep& step, CaseResult& result);
    void runCapture(const CaptureStep& step, CaseResult& result);
    UncertaintyBudget deviationBudget(const ResponseStep& step, const std::vector<Sample>& steady, double target,
                                      double rated) const;
    UncertaintyBudget responseBudget(const ResponseStep& step, double period, double value, double initial, double target,
                                     const std::string& unit) const;
    UncertaintyBudget captureBudget(const CaptureResultSpec& spec, const CaptureOutcome& o, const std::string& unit) const;
    core::DaqCapture acquire(const CaptureStep& step, const std::string& name, double pre, double post);
    CaptureEventSpec resolveEvent(const CaptureEvent& event);
    Limits resolveLimits(const Expectation& expect, core::Dimension dimension);
    // What every check records about itself before anything is measured.
    template <class CheckStep>
    CheckResult newCheck(const char* kind, const CheckStep& step, std::string method, core::Dimension valueDimension) {
        CheckResult check;
        check.name = step.name.render(lookupFn());
        check.kind = kind;
        if constexpr (requires { step.signal; }) check.signal = step.signal;
        check.method = std::move(method);
        check.unit = core::unitSymbol(valueDimension);
        check.requirements = requirementsFor(step.requirements);
        check.source = step.where.str();
        if constexpr (requires { step.expect.criterion; }) check.criterion = step.expect.criterion;
        return check;
    }
    void addCheck(CaseResult& result, CheckResult check);

    void runCaseInstances(const Plan& plan, const Case& c, PlanResult& planResult);
    void runOneCase(const Plan& plan, const Case& c, const std::string& instance, PlanResult& planResult);
    void runTeardown(const Plan& plan, PlanResult& planResult);

    std::vector<std::string> requirementsFor(const std::vector<std::string>& own) const {
        if (!own.empty()) return own;
        if (!m_caseRequirements.empty()) return m_caseRequirements;
        return m_planRequirements;
    }

    BenchSession& m_session;
    const BenchProfile& m_bench;
    const DutProfile& m_dut;
    const EvProfile* m_vehicle; // nullptr: the run has no EV profile
    RunRecorder& m_recorder;
    AbortFlag& m_abort;
    ProgressSink m_progress;
    SafetySupervisor m_supervisor;

    std::map<std::string, Value> m_parameters;
    std::vector<std::map<std::string, Value>> m_locals;
    std::vector<std::string> m_planRequirements;
    std::vector<std::string> m_caseRequirements;
    bool m_inTeardown = false;
    // Live observers and where the run is (run_stream.hpp).
    SignalStreamSink m_signalStream;
    RunProgressSink m_runProgress;
    std::optional<SignalSampler> m_sampler; // only with a signal stream
    double m_lastStream = -1e300;
    bool m_shareTick = false; // the supervisor's check is judging the frame just read
    RunProgress::Phase m_phase = RunProgress::Phase::Setup;
    std::size_t m_planIndex = 0, m_planCount = 1;
    double m_laterDeclared = 0.0;
    std::size_t m_laterUndeclared = 0;
    DeclaredDurations m_declared;
    std::size_t m_caseIndex = 0, m_caseInstance = 0;
    std::size_t m_casesFinished = 0; // case instances of the plan run to their end (or found not applicable)
    std::string m_caseLabel;
    std::size_t m_stepIndex = 0, m_stepCount = 0;
    std::uint64_t m_busCursor = 0; // next message index of the can role
    std::vector<core::BusMessage> m_caseMessages; // bus messages since the case started
    double m_caseStart = 0.0;
};

// ----------------------------------------------------------------------------------------------

PlanResult Executor::Impl::run(const Plan& plan, const std::string& planCopy, const std::string& sha256) {
    PlanResult result;
    result.id = plan.id;
    result.title = plan.title;
    result.file = planCopy;
    result.source = plan.file;
    result.sha256 = sha256;
    result.requirements = plan.requirements;
    m_planRequirements = plan.requirements;
    m_planId = plan.id;
    m_parameters.clear();
    m_locals.clear();
    m_inTeardown = false;
    m_declared = {};
    m_caseIndex = m_caseInstance = m_casesFinished = 0;
    m_caseLabel.clear();
    const double start = m_session.clock().now().value;
    m_recorder.journal("plan_started", {{"plan", plan.id}, {"file", plan.file}, {"sha256", sha256}});
    say("plan " + plan.id + ": " + plan.title);

    auto finish = [&](Verdict v, const std::string& reason) {
        result.verdict = v;
        if (result.reason.empty()) result.reason = reason;
        result.benchTime = m_session.clock().now().value - start;
        m_recorder.journal("plan_finished", {{"plan", plan.id}, {"verdict", toString(result.verdict)},
                                              {"reason", result.reason}, {"bench_time_s", result.benchTime}});
        say("plan " + plan.id + " → " + toString(result.verdict) + (result.reason.empty() ? "" : " (" + result.reason + ")"));
        tellProgress(RunProgress::Phase::PlanFinished, 0, 0);
    };

    if (m_abort.requested()) {
        finish(Verdict::Aborted, "not started: " + m_abort.reason());
        return result;
    }

    // Capabilities and roles first: a plan the bench cannot run is not applicable, and nothing is switched.
    for (const auto& role : plan.requiredRoles) {
        if (!m_session.has(role)) {
            m_recorder.journal("plan_not_applicable", {{"plan", plan.id}, {"reason", "no '" + role + "' instrument"}});
            finish(Verdict::NotApplicable, "the bench has no instrument for role '" + role + "'");
            return result;
        }
    }
    for (const auto& capability : plan.requiredCapabilities) {
        bool found = false;
        for (const auto& i : m_session.opened()) found = found || i.capabilities.has(capability);
        if (!found) {
            finish(Verdict::NotApplicable, "no instrument on this bench has the capability '" + capability + "'");
            return result;
        }
    }

    Verdict verdict = Verdict::Pass;
    bool anyCase = false;
    try {
        for (const auto& p : plan.parameters) m_parameters[p.name] = eval(p.value);
        if (plan.appliesIf && !eval(*plan.appliesIf).boolean()) {
            const auto reason = "applies_if is false: " + plan.appliesIf->text();
            m_recorder.journal("plan_not_applicable", {{"plan", plan.id}, {"reason", reason}});
            finish(Verdict::NotApplicable, reason);
            return result;
        }
    } catch (const std::exception& e) {
        m_recorder.journal("error", {{"plan", plan.id}, {"message", e.what()}});
        finish(Verdict::Error, std::string("evaluating the plan's parameters failed: ") + e.what());
        return result;
    }

    if (m_runProgress)
        m_declared = declaredDurations(plan, [this](const std::string& n) { return outsideName(n); });
    CaseResult setupChecks;
    setupChecks.id = "setup";
    bool inSetup = true;
    try {
        if (!plan.setup.empty()) say("setup");
        m_phase = RunProgress::Phase::Setup;
        tellProgress(m_phase, 0, plan.setup.size());
        runSteps(plan.setup, setupChecks);
        inSetup = false;
        for (std::size_t i = 0; i < plan.cases.size(); ++i) {
            m_caseIndex = i;
            m_caseInstance = 0;
            runCaseInstances(plan, plan.cases[i], result);
            anyCase = true;
        }
    } catch (const RunAborted& a) {
        verdict = Verdict::Aborted;
        result.reason = a.reason;
        m_recorder.journal("abort_requested", {{"plan", plan.id}, {"reason", a.reason}});
        say("ABORT: " + a.reason);
    } catch (const StepError& e) {
        verdict = Verdict::Error;
        result.reason = (inSetup ? "setup failed: " : "") + e.message;
        m_recorder.journal("error", {{"plan", plan.id}, {"message", e.message}});
        say("ERROR: " + e.message);
    }
    if (!setupChecks.checks.empty()) {
        setupChecks.verdict = Verdict::Pass;
        for (const auto& ch : setupChecks.checks) setupChecks.verdict = worst(setupChecks.verdict, ch.verdict);
        result.cases.insert(result.cases.begin(), setupChecks);
    }

    runTeardown(plan, result);

    for (const auto& c : result.cases) verdict = worst(verdict, c.verdict);
    bool allNotApplicable = anyCase && !result.cases.empty();
    for (const auto& c : result.cases) allNotApplicable = allNotApplicable && c.verdict == Verdict::NotApplicable;
    if (allNotApplicable && verdict == Verdict::NotApplicable) verdict = Verdict::NotApplicable;
    finish(verdict, "");
    return result;
}

void Executor::Impl::runTeardown(const Plan& plan, PlanResult& planResult) {
    m_inTeardown = true;
    m_locals.clear();
    m_caseRequirements.clear();
    m_recorder.journal("teardown_started", {{"plan", plan.id}});
    say("teardown");
    m_phase = RunProgress::Phase::Teardown;
    tellProgress(m_phase, 0, plan.teardown.size());
    CaseResult teardownChecks;
    teardownChecks.id = "teardown";
    // Every teardown step is attempted, whatever the previous one did.
    for (std::size_t i = 0; i < plan.teardown.size(); ++i) {
        try {
            std::vector<Step> one{plan.teardown[i]};
            runSteps(one, teardownChecks, i, plan.teardown.size());
        } catch (const StepError& e) {
            planResult.reason += (planResult.reason.empty() ? "" : "; ") + std::string("teardown: ") + e.message;
            teardownChecks.verdict = Verdict::Error;
            teardownChecks.reason = e.message;
            m_recorder.journal("error", {{"plan", plan.id}, {"phase", "teardown"}, {"message", e.message}});
            say("ERROR in teardown: " + e.message);
        } catch (const RunAborted&) {
            // Not raised in teardown; kept so nothing can skip the make-safe below.
        }
    }
    if (!teardownChecks.checks.empty() || teardownChecks.verdict == Verdict::Error) {
        for (const auto& ch : teardownChecks.checks) teardownChecks.verdict = worst(teardownChecks.verdict, ch.verdict);
        planResult.cases.push_back(teardownChecks);
    }
    m_session.makeAllSafe([this](const std::string& role) { m_recorder.journal("make_safe", {{"role", role}}); });
    m_inTeardown = false;
}

void Executor::Impl::runCaseInstances(const Plan& plan, const Case& c, PlanResult& planResult) {
    m_caseRequirements = c.requirements;
    if (c.forEach.empty()) {
        runOneCase(plan, c, "", planResult);
        return;
    }
    // Cartesian product of the bindings, in the order written.
    detail::ForEachLists lists;
    try {
        for (const auto& b : c.forEach) lists.emplace_back(b.variable, eval(b.values).list());
    } catch (const std::exception& e) {
        CaseResult r;
        r.id = c.id;
        r.title = c.title;
        r.verdict = Verdict::Error;
        r.reason = std::string("for_each: ") + e.what();
        r.requirements = requirementsFor({});
        planResult.cases.push_back(r);
        m_casesFinished = std::max(m_casesFinished, casesThrough(m_caseIndex));
        return;
    }
    detail::forEachCaseInstance(lists, [&](const std::map<std::string, Value>& locals, const std::string& instance) {
        m_locals.push_back(locals);
        try {
            runOneCase(plan, c, instance, planResult);
        } catch (...) {
            m_locals.pop_back();
            throw;
        }
        m_locals.pop_back();
        ++m_caseInstance;
    });
}

void Executor::Impl::runOneCase(const Plan& plan, const Case& c, const std::string& instance, PlanResult& planResult) {
    CaseResult r;
    r.id = c.id;
    r.instance = instance;
    r.title = renderTitle(c.title, c.where, lookupFn());
    r.requirements = requirementsFor({});
    r.tStart = m_session.clock().now().value;
    m_caseStart = r.tStart;
    m_caseMessages.clear();
    if (m_session.has("can")) {
        // Earlier cases' messages are not this case's; the recorder's capability decides whether it decodes.
        try {
            std::vector<core::BusMessage> before;
            m_busCursor = m_session.can().readMessages(m_busCursor, before);
        } catch (const core::CapabilityError&) {
        }
    }
    const std::string label = c.id + (instance.empty() ? "" : " [" + instance + "]");
    m_recorder.journal("case_started", {{"plan", plan.id}, {"case", c.id}, {"instance", instance}});
    say("case " + label + (r.title.empty() ? "" : ": " + r.title));
    m_phase = RunProgress::Phase::Case;
    m_caseLabel = label;
    tellProgress(m_phase, 0, c.steps.size());
    try {
        if (c.appliesIf && !eval(*c.appliesIf).boolean()) {
            r.verdict = Verdict::NotApplicable;
            r.reason = "applies_if is false: " + c.appliesIf->text();
        } else {
            runSteps(c.steps, r);
            r.verdict = Verdict::Pass;
            for (const auto& ch : r.checks) r.verdict = worst(r.verdict, ch.verdict);
        }
    } catch (const StepError& e) {
        r.verdict = Verdict::Error;
        r.reason = e.message;
        m_recorder.journal("error", {{"plan", plan.id}, {"case", c.id}, {"message", e.message}});
        say("ERROR: " + e.message);
    } catch (const std::exception& e) {
        r.verdict = Verdict::Error;
        r.reason = e.what();
    } catch (const RunAborted& a) {
        r.verdict = Verdict::Aborted;
        r.reason = a.reason;
        r.benchTime = m_session.clock().now().value - r.tStart;
        planResult.cases.push_back(r);
        m_recorder.journal("case_finished", {{"plan", plan.id}, {"case", c.id}, {"instance", instance},
                                              {"verdict", toString(r.verdict)}, {"reason", r.reason}});
        throw;
    }
    m_recorder.journal("case_finished", {{"plan", plan.id}, {"case", c.id}, {"instance", instance},
                                          {"verdict", toString(r.verdict)}, {"reason", r.reason}});
    say("case " + label + " → " + toString(r.verdict) + (r.reason.empty() ? "" : " (" + r.reason + ")"));
    r.benchTime = m_session.clock().now().value - r.tStart;
    m_casesFinished = std::max(m_casesFinished, caseOrdinal() + 1);
    const bool benchBroken = r.verdict == Verdict::Error;
    planResult.cases.push_back(std::move(r));
    // After a bench error the instruments' state is unknown: stop the plan and go to teardown.
    if (benchBroken) throw StepError{"case " + label + " ended in a bench error; remaining cases not run"};
}

void Executor::Impl::runSteps(const std::vector<Step>& steps, CaseResult& result, std::size_t first, std::size_t count) {
    m_stepCount = count > 0 ? count : steps.size();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        if (!m_inTeardown && m_abort.requested()) throw RunAborted{m_abort.reason()};
        m_stepIndex = first + i;
        // The phase's start already said step 0.
        if (m_stepIndex > 0) tellProgress(m_phase, m_stepIndex, m_stepCount);
        try {
            std::visit(PerStepKind{[&](const ActionStep& s) { runAction(s); },
                                   [&](const WaitStep& s) { runWait(s); },
                                   [&](const WaitUntilStep& s) { runWaitUntil(s); },
                                   [&](const MeasureStep& s) { runMeasure(s, result); },
                                   [&](const ResponseStep& s) { runResponse(s, result); },
                                   [&](const BusCheckStep& s) { runBusCheck(s, result); },
                                   [&](const InspectStep& s) { runInspect(s, result); },
                                   [&](const CaptureStep& s) { runCapture(s, result); }},
                       step);
        } catch (const RunAborted&) {
            throw;
        } catch (const StepError&) {
            throw;
        } catch (const core::InstrumentError& e) {
            throw StepError{e.what()};
        } catch (const std::exception& e) {
            const auto where = std::visit([](const auto& s) { return s.where.str(); }, step);
            throw StepError{where + ": " + e.what()};
        }
    }
}

void Executor::Impl::runAction(const ActionStep& step) {
    std::map<std::string, Value> args;
    nlohmann::json shown = nlohmann::json::object();
    for (const auto& [name, expr] : step.arguments) {
        args[name] = eval(expr);
        shown[name] = toDisplayString(args[name]);
    }
    const auto qualified = step.role + "." + step.action;
    m_recorder.journal("step", {{"action", qualified}, {"arguments", shown}, {"source", step.where.str()}});
    std::string argText;
    for (auto it = shown.begin(); it != shown.end(); ++it)
        argText += (argText.empty() ? "" : ", ") + it.key() + ": " + it.value().get<std::string>();
    say("  " + qualified + (argText.empty() ? "" : " {" + argText + "}"));
    performAction(m_session, m_dut, step, args);
    supervise();
}

void Executor::Impl::runWait(const WaitStep& step) {
    const double d = durationSi(step.duration, step.where, "wait");
    if (d < 0) throw StepError{step.where.str() + ": wait of a negative time (" + fmt(d, core::Dimension::time()) + ")"};
    m_recorder.journal("step", {{"action", "wait"}, {"duration_s", d}, {"source", step.where.str()}});
    say("  wait " + fmt(d, core::Dimension::time()));
    advance(d);
}

void Executor::Impl::runWaitUntil(const WaitUntilStep& step) {
    const double timeout = durationSi(step.timeout, step.where, "timeout");
    const double poll = step.poll.empty() ? 0.01 : evalSi(step.poll);
    if (poll <= 0) throw StepError{step.where.str() + ": poll period must be positive"};
    m_recorder.journal("step", {{"action", "wait_until"}, {"condition", step.condition.text()}, {"timeout_s", timeout},
                                {"source", step.where.str()}});
    say("  wait until " + step.condition.text() + " (timeout " + fmt(timeout, core::Dimension::time()) + ")");
    const double start = m_session.clock().now().value;
    while (!eval(step.condition).boolean()) {
        const double elapsed = m_session.clock().now().value - start;
        if (elapsed >= timeout) {
            std::string state;
            for (const auto& n : step.condition.names()) {
                if (auto v = lookup(n.name)) state += (state.empty() ? "" : ", ") + n.name + " = " + toDisplayString(*v);
            }
            throw StepError{step.where.str() + ": '" + step.condition.text() + "' not met within " +
                            fmt(timeout, core::Dimension::time()) + (state.empty() ? "" : " (" + state + ")")};
        }
        advance(std::min(poll, timeout - elapsed));
    }
}

Limits Executor::Impl::resolveLimits(const Expectation& expect, core::Dimension d) {
    return bench::resolveLimits(expect, d, lookupFn());
}

// The operator's answer, judged like any check: a quantity against its limits (plain numbers in the
// step's unit), a yes-no or text answer against `equals`. No answer is the bench's error, never
// the DUT's fail.
void Executor::Impl::runInspect(const InspectStep& step, CaseResult& result) {
    CheckResult check = newCheck("inspect", step, toString(step.answer), core::Dimension::none());
    check.unit = step.unit;
    InspectQuestion q{m_planId, result.id, result.instance, check.name, step.question, step.answer, step.unit};
    say("  inspect " + check.name + ": " + step.question);
    std::optional<OperatorAnswer> given = m_answers ? m_answers->answer(q) : std::nullopt;
    if (step.expect.equals) check.limits.text = "= " + *step.expect.equals;
    if (!given) {
        check.verdict = Verdict::Error;
        check.reason = "no answer for '" + check.name + "' (plan " + m_planId + ", case " + result.id + ") \xE2\x80\x94 " +
                       (m_answers ? m_answers->howToAnswer() : std::string("pass --answers FILE"));
        addCheck(result, std::move(check));
        return;
    }
    const ParsedAnswer parsed = parseAnswer(step.answer, step.unit, given->value);
    check.answeredBy = given->by;
    check.answerOrigin = given->origin;
    m_recorder.journal("operator_answer", {{"plan", m_planId}, {"case", result.id}, {"instance", result.instance},
                                           {"name", check.name}, {"question", step.question}, {"value", given->value},
                                           {"by", given->by}, {"origin", given->origin}});
    if (!parsed.error.empty()) {
        check.verdict = Verdict::Error;
        check.answer = given->value;
        check.reason = given->origin + ": " + parsed.error;
        addCheck(result, std::move(check));
        return;
    }
    check.answer = parsed.text;
    if (step.answer == AnswerKind::Quantity) {
        check.value = parsed.number;
        check.limits = resolveLimits(step.expect, core::Dimension::none());
        // resolveLimits prints plain numbers: they are in the step's unit (check.unit).
        check.verdict = judge(*parsed.number, check.limits, 0.0);
    } else {
        check.verdict = parsed.text == step.expect.equals.value_or("") ? Verdict::Pass : Verdict::Fail;
        if (check.verdict == Verdict::Fail) check.reason = "answered '" + parsed.text + "'";
    }
    addCheck(result, std::move(check));
}

void Executor::Impl::addCheck(CaseResult& result, CheckResult check) {
    nlohmann::json j = {{"name", check.name},          {"kind", check.kind},
                        {"signal", check.signal},      {"method", check.method},
                        {"unit", check.unit},          {"limits", check.limits.text},
                        {"uncertainty", check.uncertainty}, {"verdict", toString(check.verdict)},
                        {"reason", check.reason},      {"trace", check.trace},
                        {"t_start_s", check.tStart},   {"t_end_s", check.tEnd},
                        {"requirements", check.requirements}, {"source", check.source}};
    if (!check.evidence.empty()) j["evidence"] = check.evidence;
    j["value"] = check.value ? nlohmann::json(*check.value) : nlohmann::json(nullptr);
    j["criterion"] = criterionJson(check.criterion);
    j["answer"] = answerJson(check);
    j["budget"] = budgetJson(check.budget);
    m_recorder.journal("check", j);
    say("  check " + check.name + ": " +
        (check.value ? core::formatQuantity(*check.value, core::Dimension::none()) + " " + check.unit : "no value") +
        " [" + check.limits.text + "] → " + toString(check.verdict) + (check.reason.empty() ? "" : " (" + check.reason + ")"));
    result.checks.push_back(std::move(check));
}

void Executor::Impl::runMeasure(const MeasureStep& step, CaseResult& result) {
    const auto dim = RoleCatalog::builtin().signal(step.signal)->type.dimension;
    CheckResult check = newCheck("measure", step, toString(step.statistic), dim);

    const double window = durationSi(step.window, step.where, "window");
    const double period = step.samplePeriod.empty() ? 0.01 : evalSi(step.samplePeriod);
    if (window <= 0 || period <= 0 || period > window)
        throw StepError{step.where.str() + ": the window must be positive and at least one sample period long"};
    const auto count = static_cast<std::size_t>(std::llround(window / period));
    std::vector<Sample> samples;
    samples.reserve(count);
    check.tStart = m_session.clock().now().value;
    tellCheckStart(check, step.signal, check.tStart, check.tStart + window, &step.expect, dim);
    for (std::size_t i = 0; i < count; ++i) {
        advance(period);
        samples.push_back({m_session.clock().now().value, readSignal(m_session, step.signal).quantity().value});
    }
    check.tEnd = m_session.clock().now().value;
    check.trace = m_recorder.writeTrace(step.signal, check.unit, samples);
    const double value = computeStatistic(step.statistic, samples);
    check.value = value;
    check.limits = resolveLimits(step.expect, dim);
    check.budget = levelBudget(m_figures, step.signal, step.statistic, samples, value, check.unit, isLogicState(step.signal));
    check.uncertainty = check.budget->expanded;
    check.verdict = judge(value, check.limits, check.uncertainty);
    if (check.verdict == Verdict::Inconclusive)
        check.reason = "the value lies within the measurement uncertainty (" + fmt(check.uncertainty, dim) + ") of a limit";
    addCheck(result, std::move(check));
}

// The response's times are read on the samples the executor takes every `period` after the
// command (which the bench clock stamps exactly): each read instant is quantised by the period.
UncertaintyBudget Executor::Impl::responseBudget(const ResponseStep& step, double period, double value, double initial,
                                                 double target, const std::string& unit) const {
    const std::string base = "response sample period " + fmt(period, core::Dimension::time()) + " (" + step.signal + ")";
    switch (step.metric) {
    case ResponseMetric::SettlingTime:
    case ResponseMetric::RegulationTime:
        return timeBudget({"command (bench clock)", "bench clock", 0.0}, {"entry into the band", base, period});
    case ResponseMetric::ResponseTime:
        return timeBudget({"command (bench clock)", "bench clock", 0.0}, {"90 % crossing", base, period});
    case ResponseMetric::ControlDeviation: break; // a level, not a time: deviationBudget()
    case ResponseMetric::RiseTime: return timeBudget({"10 % crossing", base, period}, {"90 % crossing", base, period});
    case ResponseMetric::SlewRate: {
        // slew = 0.8·|target − initial| / rise: the initial value is a reading, the target is commanded (exact).
        const double rise = 0.8 * std::fabs(target - initial) / value;
        const auto time = timeBudget({"10 % crossing", base, period}, {"90 % crossing", base, period});
        const auto atStart = instrumentTerm(m_figures, step.signal, initial, core::unitSymbol(
                                                                              RoleCatalog::builtin().signal(step.signal)->type.dimension));
        return rateBudget(value, rise, time, atStart.contribution, std::nullopt, unit,
                          atStart.contribution ? "the target is the commanded value: exact" : atStart.why, 0.8);
    }
    }
    return combineBudget("time", unit, {});
}

// (mean − target) / rated: the mean's level budget (instrument and type A) with sensitivity
// 1/rated; the target is commanded and the rated value declared, both exact.
UncertaintyBudget Executor::Impl::deviationBudget(const ResponseStep& step, const std::vector<Sample>& steady,
                                                  double target, double rated) const {
    const auto dim = RoleCatalog::builtin().signal(step.signal)->type.dimension;
    const double mean = computeStatistic(Statistic::Mean, steady);
    const auto level = levelBudget(m_figures, step.signal, Statistic::Mean, steady, mean, core::unitSymbol(dim), false);
    auto contributions = level.contributions;
    for (auto& c : contributions) c.sensitivity /= rated;
    return combineBudget("level", "", std::move(contributions), level.k,
                         level.note.empty() ? "the target is commanded and the rated value declared: exact (" +
                                                  fmt(target, dim) + ", " + fmt(rated, dim) + ")"
                                            : level.note);
}

void Executor::Impl::runResponse(const ResponseStep& step, CaseResult& result) {
    const auto dim = RoleCatalog::builtin().signal(step.signal)->type.dimension;
    const auto metricDim = step.metric == ResponseMetric::SlewRate           ? dim / core::Dimension::time()
                           : step.metric == ResponseMetric::ControlDeviation ? core::Dimension::none()
                                                                             : core::Dimension::time();
    CheckResult check = newCheck("response", step, toString(step.metric), metricDim);

    const double timeout = durationSi(step.timeout, step.where, "timeout");
    const double period = step.samplePeriod.empty() ? 0.001 : evalSi(step.samplePeriod);
    if (timeout <= 0 || period <= 0 || period > timeout)
        throw StepError{step.where.str() + ": the timeout must be positive and at least one sample period long"};

    // The control deviation's rated value and steady-state window, refused before anything is commanded.
    double rated = 0.0, steadyWindow = 0.0;
    if (step.metric == ResponseMetric::ControlDeviation) {
        rated = evalSi(step.rated);
        steadyWindow = durationSi(step.steadyWindow, step.where, "steady_window");
        if (!(rated > 0.0)) throw StepError{step.where.str() + ": the rated value must be positive, got " + fmt(rated, dim)};
        if (!(steadyWindow > 0.0) || steadyWindow > timeout)
            throw StepError{step.where.str() + ": the steady_window must be positive and no longer than the timeout"};
    }

    // t0 is the bench clock at the command: in process the plant receives the set point at that
    // instant (the virtual clock stands still while the action runs).
    const double initial = readSignal(m_session, step.signal).quantity().value;
    const double t0 = m_session.clock().now().value;
    std::vector<Sample> samples;
    samples.push_back({t0, initial});
    runAction(step.command);
    const double target = evalSi(step.target);
    check.tStart = t0;
    tellCheckStart(check, step.signal, t0, t0 + timeout, &step.expect, metricDim);
    const auto count = static_cast<std::size_t>(std::llround(timeout / period));
    samples.reserve(count + 1);
    for (std::size_t i = 0; i < count; ++i) {
        advance(period);
        samples.push_back({m_session.clock().now().value, readSignal(m_session, step.signal).quantity().value});
    }
    check.tEnd = m_session.clock().now().value;
    check.trace = m_recorder.writeTrace(step.signal, core::unitSymbol(dim), samples);

    ResponseResult r;
    switch (step.metric) {
    case ResponseMetric::SettlingTime:
    case ResponseMetric::RegulationTime: {
        const auto band = eval(step.band).quantity();
        const double halfWidth = band.percent ? std::fabs(target - initial) * std::fabs(band.value) : std::fabs(band.value);
        r = settlingTime(samples, t0, target, halfWidth);
        break;
    }
    case ResponseMetric::RiseTime: r = riseTime(samples, t0, initial, target); break;
    case ResponseMetric::SlewRate: r = slewRate(samples, t0, initial, target); break;
    case ResponseMetric::ResponseTime: r = responseTime(samples, t0, initial, target); break;
    case ResponseMetric::ControlDeviation: r = controlDeviation(samples, target, rated, steadyWindow); break;
    }
    check.limits = resolveLimits(step.expect, metricDim);
    if (r.value) {
        check.value = *r.value;
        check.budget = step.metric == ResponseMetric::ControlDeviation
                           ? deviationBudget(step, steadyTail(samples, steadyWindow), target, rated)
                           : responseBudget(step, period, *r.value, initial, target, check.unit);
        check.uncertainty = check.budget->expanded;
        check.verdict = judge(*r.value, check.limits, check.uncertainty);
        if (check.verdict == Verdict::Inconclusive)
            check.reason = "the value lies within its uncertainty (" + fmt(check.uncertainty, metricDim) + ") of a limit";
    } else {
        // The DUT did not complete the response within the observation: that is its failure.
        check.verdict = Verdict::Fail;
        check.reason = r.reason + " (observed " + fmt(timeout, core::Dimension::time()) + ", from " +
                       fmt(initial, dim) + " towards " + fmt(target, dim) + ")";
    }
    addCheck(result, std::move(check));
}

void Executor::Impl::runBusCheck(const BusCheckStep& step, CaseResult& result) {
    const auto dim = busCheckDimension(step);
    CheckResult check = newCheck("bus", step, toString(step.metric) +
                                                  (step.metric == BusMetric::Period ? " " + toString(step.statistic) : ""),
                                 dim);
    check.signal = describe(step.match);
    const double window = durationSi(step.window, step.where, "window");
    if (window <= 0) throw StepError{step.where.str() + ": the window must be positive"};
    constexpr double kPoll = 0.01; // s: how often the bus is read while observing

    // The case's messages so far; a check sees those from its t0 on (the step start, or the case start).
    auto& can = m_session.can();
    const std::uint64_t timedOnReceiptAtStart = can.framesTimedOnReceipt();
    m_busCursor = can.readMessages(m_busCursor, m_caseMessages);
    const double t0 = step.sinceCaseStart ? m_caseStart : m_session.clock().now().value;
    std::vector<core::BusMessage> seen;
    for (const auto& m : m_caseMessages)
        if (m.time >= t0 - 1e-9) seen.push_back(m);

    const BusCheckInput input = busCheckInput(step, step.gap.empty() ? 1.0 : evalSi(step.gap), t0);
    check.tStart = input.t0;
    if (step.command) runAction(*step.command);
    const double end = m_session.clock().now().value + window;
    tellCheckStart(check, check.signal, m_session.clock().now().value, end, &step.expect, dim);
    std::vector<core::BusMessage> fresh; // read during the observation; also the case's from now on
    auto readBus = [&] {
        const std::size_t before = fresh.size();
        m_busCursor = can.readMessages(m_busCursor, fresh);
        seen.insert(seen.end(), fresh.begin() + static_cast<std::ptrdiff_t>(before), fresh.end());
    };
    while (true) {
        readBus();
        if (step.metric == BusMetric::Latency && latencyComplete(input, seen)) break;
        const double now = m_session.clock().now().value;
        if (now >= end - 1e-9) break;
        advance(std::min(kPoll, end - now));
    }
    readBus();
    check.tEnd = m_session.clock().now().value;
    m_caseMessages.insert(m_caseMessages.end(), fresh.begin(), fresh.end());

    check.limits = resolveLimits(step.expect, dim);
    const BusCheckVerdict v =
        judgeBusCheck(step, input, seen, check.limits, can.timestampResolution().value, window, canTimeSource());
    check.evidence = v.evidence;
    m_recorder.journal("bus_evidence", {{"check", check.name}, {"messages", seen.size()}, {"evidence", v.evidence}});
    if (v.planError) throw StepError{step.where.str() + ": " + v.reason};
    check.value = v.value;
    check.uncertainty = v.uncertainty;
    check.budget = v.budget;
    check.verdict = v.verdict;
    check.reason = v.reason;
    if (auto unstamped = framesTimedOnReceiptSince(timedOnReceiptAtStart)) {
        check.verdict = Verdict::Error;
        check.reason = *unstamped;
    }
    addCheck(result, std::move(check));
}

namespace {

core::Dimension channelDimension(const std::string& channel) {
    const core::DaqChannelInfo* c = core::daqChannel(channel);
    if (!c) return core::Dimension::none();
    switch (c->kind) {
    case core::DaqChannelKind::Voltage: return core::Dimension::voltage();
    case core::DaqChannelKind::Current: return core::Dimension::current();
    case core::DaqChannelKind::Digital: return core::Dimension::none();
    }
    return core::Dimension::none();
}

// A frame field as an expression value: its physical value in SI with the dimension of its unit.
std::optional<Value> fieldValue(const core::BusMessage& m, const std::string& name) {
    std::string spaced = name;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    const core::BusField* f = m.field(spaced);
    if (!f) f = m.field(name);
    if (!f) return std::nullopt;
    if (const auto unit = f->unit.empty() ? std::nullopt : core::lookupUnit(f->unit))
        return Value(core::Quantity::of(f->value * unit->scale, unit->dimension));
    return Value(core::Quantity::scalar(f->value));
}

std::string fieldNames(const core::BusMessage& m) {
    std::string names;
    for (const auto& f : m.fields) {
        std::string n = f.name;
        std::replace(n.begin(), n.end(), ' ', '_');
        names += (names.empty() ? "" : ", ") + n;
    }
    return names.empty() ? "none" : names;
}

} // namespace

CaptureEventSpec Executor::Impl::resolveEvent(const CaptureEvent& event) {
    CaptureEventSpec spec;
    spec.kind = event.kind;
    spec.message = event.message;
    spec.channel = event.channel;
    if (event.kind == CaptureEventKind::Rising || event.kind == CaptureEventKind::Falling) spec.level = evalSi(event.level);
    if (event.where) {
        const Expression condition = *event.where;
        spec.whereText = condition.text();
        spec.where = [this, condition](const core::BusMessage& m) {
            const Value v = condition.evaluate([&](const std::string& n) -> std::optional<Value> {
                if (auto f = fieldValue(m, n)) return f;
                if (auto plan = lookup(n)) return plan;
                throw EvaluationError(condition.where().str() + ": " + m.name + " has no field '" + n +
                                      "' (its fields: " + fieldNames(m) + ")");
            });
            return v.boolean();
        };
    }
    return spec;
}

core::DaqCapture Executor::Impl::acquire(const CaptureStep& step, const std::string& name, double pre, double post) {
    const double period = durationSi(step.samplePeriod, step.where, "sample_period");
    const double timeout = durationSi(step.timeout, step.where, "timeout");
    if (period <= 0 || post <= 0 || pre < 0 || timeout <= 0 || period > post)
        throw StepError{step.where.str() + ": capture '" + name + "': post, sample_period and timeout must be positive, "
                        "pre not negative, and post at least one sample period long"};
    core::DaqCaptureRequest request;
    request.channels = step.channels;
    request.samplePeriod = units::Seconds(period);
    request.preTrigger = units::Seconds(pre);
    request.postTrigger = units::Seconds(post);
    std::string triggerText = "immediate";
    switch (step.trigger.kind) {
    case CaptureTriggerKind::Immediate: request.trigger.kind = core::DaqTriggerKind::Immediate; break;
    case CaptureTriggerKind::Rising:
    case CaptureTriggerKind::Falling: {
        const bool rising = step.trigger.kind == CaptureTriggerKind::Rising;
        request.trigger.kind = rising ? core::DaqTriggerKind::Rising : core::DaqTriggerKind::Falling;
        request.trigger.channel = step.trigger.channel;
        request.trigger.level = evalSi(step.trigger.level);
        triggerText = std::string(rising ? "rising " : "falling ") + step.trigger.channel + " through " +
                      fmt(request.trigger.level, channelDimension(step.trigger.channel));
        break;
    }
    case CaptureTriggerKind::Frame:
        request.trigger.kind = core::DaqTriggerKind::CanFrame;
        request.trigger.pgn = *busMessagePgn(step.trigger.message); // the loader admits messages with a PGN only
        triggerText = step.trigger.message + " frame";
        break;
    }
    m_recorder.journal("step", {{"action", "capture"}, {"name", name}, {"trigger", triggerText}, {"pre_s", pre},
                                {"post_s", post}, {"sample_period_s", period}, {"channels", step.channels},
                                {"source", step.where.str()}});
    say("  capture " + name + " (trigger: " + triggerText + ")");
    auto& daq = m_session.daq();
    const double armedAt = m_session.clock().now().value;
    if (m_runProgress) {
        // The trigger's time is not known yet: the window shown runs to the latest end.
        CheckStart c;
        c.name = name;
        c.kind = "capture";
        c.signal = step.channels.empty() ? std::string() : "daq." + step.channels.front();
        c.unit = step.channels.empty() ? std::string() : core::unitSymbol(channelDimension(step.channels.front()));
        c.tStart = armedAt;
        c.tEnd = armedAt + timeout + post;
        tellProgress(m_phase, m_stepIndex, m_stepCount, std::move(c));
    }
    daq.arm(request);
    if (step.command) runAction(*step.command);
    // The trigger may come up to `timeout` after arming; the capture is complete `post` later.
    const double deadline = armedAt + timeout + post;
    constexpr double kPoll = 0.01; // s: how often the daq is asked for its capture
    while (true) {
        if (auto capture = daq.fetch()) return std::move(*capture);
        const double now = m_session.clock().now().value;
        if (now >= deadline - 1e-9)
            throw StepError{step.where.str() + ": capture '" + name + "': the trigger (" + triggerText +
                            ") did not come within " + fmt(timeout, core::Dimension::time()) + " of arming the daq"};
        advance(std::min(kPoll, deadline - now));
    }
}

UncertaintyBudget Executor::Impl::captureBudget(const CaptureResultSpec& spec, const CaptureOutcome& o,
                                                const std::string& unit) const {
    const std::string signal = "daq." + spec.channel;
    switch (spec.metric) {
    case CaptureMetric::Interval: return *o.time;
    case CaptureMetric::Rate: {
        const std::string levelUnit = core::unitSymbol(channelDimension(spec.channel));
        const auto from = instrumentTerm(m_figures, signal, *o.levelFrom, levelUnit);
        const auto to = instrumentTerm(m_figures, signal, *o.levelTo, levelUnit);
        return rateBudget(*o.value, *o.t1 - *o.t0, *o.time, from.contribution, to.contribution, unit,
                          from.contribution ? std::string() : from.why);
    }
    case CaptureMetric::Peak: // one sample each: no Type A term
    case CaptureMetric::Value:
        return levelBudget(m_figures, signal, Statistic::Final, {}, *o.value, unit, isLogicState(signal));
    }
    return combineBudget("level", unit, {});
}

void Executor::Impl::runCapture(const CaptureStep& step, CaseResult& result) {
    const std::string name = step.name.render(lookupFn());
    if (!m_session.has("daq"))
        throw StepError{step.where.str() + ": capture '" + name + "' needs a 'daq' instrument; the bench has none"};
    if (step.usesFrames && !m_session.has("can"))
        throw StepError{step.where.str() + ": capture '" + name + "' times frames but the bench has no 'can' instrument"};
    const double pre = durationSi(step.pre, step.where, "pre");
    const double post = durationSi(step.post, step.where, "post");
    const std::uint64_t timedOnReceiptAtStart = step.usesFrames ? m_session.can().framesTimedOnReceipt() : 0;
    // Frames seen so far belong to the case (a pre-trigger frame may be an event).
    if (step.usesFrames) m_busCursor = m_session.can().readMessages(m_busCursor, m_caseMessages);

    CaptureData data;
    data.capture = acquire(step, name, pre, post);
    data.preTrigger = pre;
    data.daqSource = timeSource("daq sample period", "daq");
    data.canSource = m_session.has("can") ? canTimeSource() : timeSource("CAN timestamp resolution", "can");
    if (step.usesFrames) {
        auto& can = m_session.can();
        m_busCursor = can.readMessages(m_busCursor, m_caseMessages);
        data.canResolution = can.timestampResolution().value;
        const double begin = data.capture.triggerTime - pre;
        for (const auto& m : m_caseMessages)
            if (m.time >= begin - 1e-9) data.frames.push_back(m);
    }

    // Evidence: every channel of the capture as a trace, and the frames it judged.
    std::map<std::string, std::string> traces;
    for (std::size_t c = 0; c < data.capture.channels.size(); ++c) {
        std::vector<Sample> samples;
        samples.reserve(data.capture.samples.size());
        for (const auto& s : data.capture.samples) samples.push_back({s.time, s.values.at(c)});
        const std::string& channel = data.capture.channels[c];
        traces[channel] = m_recorder.writeTrace("daq." + channel, core::unitSymbol(channelDimension(channel)), samples);
    }
    std::vector<std::string> frameLines;
    for (const auto& m : data.frames) frameLines.push_back(fmtSeconds(m.time) + " " + m.summary);
    m_recorder.journal("capture_evidence", {{"capture", name},
                                            {"trigger_time_s", data.capture.triggerTime},
                                            {"resolution_s", data.capture.resolution.value},
                                            {"can_resolution_s", data.canResolution},
                                            {"samples", data.capture.samples.size()},
                                            {"traces", traces},
                                            {"frames", frameLines}});

    for (const auto& spec : step.results) {
        core::Dimension dim = core::Dimension::time();
        if (spec.metric == CaptureMetric::Peak || spec.metric == CaptureMetric::Value) dim = channelDimension(spec.channel);
        if (spec.metric == CaptureMetric::Rate) dim = channelDimension(spec.channel) / core::Dimension::time();
        CheckResult check = newCheck("capture", spec, toString(spec.metric), dim);
        CaptureResultInput input;
        input.metric = spec.metric;
        input.from = resolveEvent(spec.from);
        input.to = resolveEvent(spec.to);
        input.channel = spec.channel;
        if (spec.metric == CaptureMetric::Peak) input.span = durationSi(spec.span, spec.where, "for");
        check.signal = spec.channel.empty() ? describe(input.to) : "daq." + spec.channel;
        const std::string traceChannel = !spec.channel.empty()                 ? spec.channel
                                         : !input.to.channel.empty()          ? input.to.channel
                                         : !input.from.channel.empty()        ? input.from.channel
                                         : data.capture.channels.empty()      ? std::string()
                                                                              : data.capture.channels.front();
        if (auto t = traces.find(traceChannel); t != traces.end()) check.trace = t->second;

        const CaptureOutcome o = judgeCapture(input, data);
        if (o.planError) throw StepError{spec.where.str() + ": capture '" + name + "', result '" + check.name + "': " + o.reason};
        check.evidence = o.evidence;
        check.tStart = o.t0.value_or(data.capture.triggerTime);
        check.tEnd = o.t1.value_or(check.tStart);
        check.limits = resolveLimits(spec.expect, dim);
        if (o.value) {
            check.value = *o.value;
            check.budget = captureBudget(spec, o, check.unit);
            check.uncertainty = check.budget->expanded;
            // A lower limit of 0 s ("after") is a question of order: where the capture knows the
            // order exactly (frames in bus order, samples apart), the resolution is held against the
            // other limit only, as bus_check does.
            Limits judged = check.limits;
            const bool orderOnly = spec.metric == CaptureMetric::Interval && o.orderKnown && judged.low && *judged.low == 0.0;
            if (orderOnly) judged.low.reset();
            check.verdict = orderOnly && *o.value < 0.0 ? Verdict::Fail : judge(*o.value, judged, check.uncertainty);
            if (check.verdict == Verdict::Inconclusive)
                check.reason = "the value lies within its uncertainty (" + fmt(check.uncertainty, dim) + ") of a limit";
        } else {
            // An event the DUT should have produced did not happen within the capture: its failure.
            check.verdict = Verdict::Fail;
            check.reason = o.reason;
        }
        if (step.usesFrames)
            if (auto unstamped = framesTimedOnReceiptSince(timedOnReceiptAtStart)) {
                check.verdict = Verdict::Error;
                check.reason = *unstamped;
            }
        addCheck(result, std::move(check));
    }
}

// ----------------------------------------------------------------------------------------------

Executor::Executor(BenchSession& session, const BenchProfile& bench, const DutProfile& dut, RunRecorder& recorder,
                   AbortFlag& abort, ProgressSink progress, const EvProfile* vehicle)
    : m_impl(std::make_unique<Impl>(session, bench, dut, vehicle, recorder, abort, std::move(progress))) {}

Executor::~Executor() = default;

void Executor::setInstrumentFigures(InstrumentFigures figures) { m_impl->setInstrumentFigures(std::move(figures)); }

PlanResult Executor::run(const Plan& plan, const std::string& planCopy, const std::string& sha256) {
    return m_impl->run(plan, planCopy, sha256);
}

void Executor::setAnswerSource(AnswerSource* source) { m_impl->setAnswerSource(source); }

void Executor::setLiveSinks(SignalStreamSink signals, RunProgressSink progress) {
    m_impl->setLiveSinks(std::move(signals), std::move(progress));
}

void Executor::setPlanPosition(std::size_t index, std::size_t count, double laterDeclared, std::size_t laterUndeclared) {
    m_impl->setPlanPosition(index, count, laterDeclared, laterUndeclared);
}

} // namespace v2gbench::bench
