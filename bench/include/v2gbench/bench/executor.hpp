#pragma once
// Runs validated plans on an opened bench: setup, cases (for_each instances, applies_if),
// teardown, with the safety supervisor watching every advance of time. Teardown and makeSafe()
// of every role run on every exit path: pass, fail, bench error, exception, abort.
#include "v2gbench/bench/answer_source.hpp"
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/ev_profile.hpp"
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/results.hpp"
#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/bench/run_stream.hpp"
#include "v2gbench/bench/uncertainty_budget.hpp"

#include <functional>
#include <string>

namespace v2gbench::bench {

// Progress for people: one line per event (case started, step, check result), with bench time.
using ProgressSink = std::function<void(const std::string& line)>;

class Executor {
public:
    // `vehicle`: the run's EV profile, read by plans as vehicle.* names; nullptr when the run has
    // none (a plan that reads one then ends its case in error naming the missing profile).
    Executor(BenchSession& session, const BenchProfile& bench, const DutProfile& dut, RunRecorder& recorder,
             AbortFlag& abort, ProgressSink progress, const EvProfile* vehicle = nullptr);
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    // Runs one plan to its end (or abort) and returns its result. Never throws for anything a
    // plan or an instrument can do: those become verdicts. After it returns, every role has been
    // made safe.
    PlanResult run(const Plan& plan, const std::string& planCopy, const std::string& sha256);

    // Where inspect steps get their answers; null (the default): every inspect check is an error
    // that says to pass --answers FILE. Must outlive the runs.
    void setAnswerSource(AnswerSource* source);

    // The register's figures the checks' uncertainty budgets use (uncertainty_budget.hpp); the
    // bench profile's `uncertainty:` fills the signals they lack. Default: the profile's only.
    void setInstrumentFigures(InstrumentFigures figures);

    // The live observers (run_stream.hpp, whose contract they keep); empty: none, and nothing
    // beyond the supervisor's limit signals is read. Set before run().
    void setLiveSinks(SignalStreamSink signals, RunProgressSink progress);
    // Where the next run() stands among the run's plans, and what the later plans declare
    // (declared_duration.hpp), for RunProgress. Default: plan 0 of 1, nothing later.
    void setPlanPosition(std::size_t index, std::size_t count, double laterDeclared, std::size_t laterUndeclared);

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace v2gbench::bench
