#pragma once
// What a run tells a front-end while it goes, besides the text ProgressSink: the bench's signals
// at the supervision rate (SignalFrame) and where the run is (RunProgress). Engine hooks, usable
// by any front-end; none of this is evidence — the run folder is.
//
// Contract of both sinks (RunRequest::signalStream, RunRequest::runProgress):
// - called on the run's thread, synchronously: they must not block (copy and hand over; a GUI
//   queues and coalesces) and must not throw;
// - never called after executeRun() returned.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct SignalReading {
    std::string name; // the plan vocabulary's name: "analyzer.dc_current"
    std::string unit; // SI symbol of its dimension ("A", "V", "W", "Hz", "Ω"); "" for plain numbers and booleans
    double value = 0.0; // SI; a boolean is 0 or 1
};

// Every streamed signal's reading at one supervision tick.
//
// Which signals: every signal of the role catalogue whose role the bench binds and whose value is a
// quantity or a boolean (texts such as ev.phase, and bench.time itself, are not streamed).
// When: after each supervision tick (every advance of bench time by the bench profile's
// supervision_period at most: waits, wait_until polls, measure/response/bus windows, captures),
// and in the plan's teardown at the same period. Each signal is read once per tick, and the
// safety supervisor judges its limits on those same readings (it reads nothing twice).
// Read failure: a signal whose read threw this tick is absent from this frame — never a stale or
// made-up value. A signal its instrument cannot measure at all (core::CapabilityError) is left out
// for the rest of the run.
struct SignalFrame {
    double benchTime = 0.0; // s, the bench clock when the signals were read
    std::vector<SignalReading> readings;
};
using SignalStreamSink = std::function<void(const SignalFrame&)>;

// A check as it starts: its signal, the window it observes and its limits, so a front-end can
// draw them before the check's trace exists.
struct CheckStart {
    std::string name;
    std::string kind;   // "measure", "response", "bus", "capture"
    std::string signal; // "analyzer.dc_current"; for bus checks the matched message ("BCL"), for captures "daq.<channel>"
    std::string unit;   // the unit of the check's value and limits (the signal's own for a measure check)
    double tStart = 0.0;                // s, bench time
    double tEnd = 0.0;                  // s, the declared end of the observation (tStart + window/timeout/post)
    std::optional<double> low, high;    // SI, when the limits are known at the start (limits that read a live
                                        // signal are resolved when the check ends and are absent here)
    std::string limitsText;             // "10 A ± 0.3 A"; empty when not known at the start
};

// Where the run is. Sent when a plan, its setup, a case (each for_each instance), each top-level
// step of the setup, a case or the teardown starts, when a check starts, and when a plan ends.
struct RunProgress {
    enum class Phase { Setup, Case, Teardown, PlanFinished };
    double benchTime = 0.0;
    std::size_t planIndex = 0, planCount = 1; // 0-based index among the run's plans
    std::string planId;
    Phase phase = Phase::Setup;
    // Case instances of the plan (each for_each instance counts once), 0-based. In setup the
    // index is 0; in teardown and after the plan it is the number of instances that ran to their
    // end (caseCount when all did; fewer after an abort or a bench error: where the plan stopped).
    std::size_t caseIndex = 0, caseCount = 0;
    std::string caseLabel;                    // "C3 [current=10 A]"
    std::size_t stepIndex = 0, stepCount = 0; // the phase's top-level steps; stepIndex: the step starting
    // Bench time the plan declares from here to the end of the run (this plan's remaining steps and
    // the later plans'), by declaredDurations(): an estimate, not a promise (wait_until and
    // triggers take what they take).
    double declaredRemaining = 0.0;
    std::size_t undeclared = 0;        // durations that could not be evaluated before the run (not in the estimate)
    std::optional<CheckStart> check;   // set when the event is a check starting

    // 0 … 1 over the plans, the plan's case instances and the case's steps (setup counts as the
    // plan's start, teardown as its end).
    double fraction() const;
};
using RunProgressSink = std::function<void(const RunProgress&)>;

} // namespace v2gbench::bench
