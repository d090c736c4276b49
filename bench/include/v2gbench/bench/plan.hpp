#pragma once
// A validated test plan, as the plan loader produces it and the executor runs it. Every element
// keeps its source location, so run-time problems can also be reported at file:line:column.
#include "v2gbench/bench/expression.hpp"
#include "v2gbench/core/errors.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace v2gbench::bench {

// `grid.apply: {voltage: 230 V, frequency: 50 Hz}`
struct ActionStep {
    std::string role;    // "grid"
    std::string action;  // "apply"
    std::map<std::string, Expression> arguments; // validated against RoleCatalog
    core::SourceLocation where;
};

// `wait: 3 s`
struct WaitStep {
    Expression duration; // a time
    core::SourceLocation where;
};

// `wait_until: {condition: ev.phase == 'charging', timeout: 30 s, poll: 100 ms}`
struct WaitUntilStep {
    Expression condition; // a boolean
    Expression timeout;   // a time; expiring is a bench error ("inconclusive" is not right: nothing was measured)
    Expression poll;      // a time; default 10 ms
    core::SourceLocation where;
};

// Where a check's limits come from when the step says `expect: {criterion: NAME}`: the catalogue
// entry's criterion, resolved by the plan loader (requirement_catalogue.hpp). Results carry it.
struct CriterionUse {
    std::string requirement; // "GBT34657.1-2017/D0.4503"
    std::string name;        // "cst_within"
    std::string text;        // the judgement in words
    std::string source;      // the public source (the criterion's, else its entry's)
    std::string confidence;  // "confirmed", "single-source" or "unverified"
    std::string ours;        // unverified: where our number comes from
    core::SourceLocation definedAt; // in the catalogue
};

// `expect: {nominal: current, tolerance: "current < 30 A ? 0.3 A : 1 %"}` or `{min: .., max: ..}`,
// or `{criterion: NAME}` (the limits below are then the catalogue criterion's).
// tolerance: absolute (same dimension as the value) or a percentage of the nominal value.
struct Expectation {
    std::optional<Expression> nominal;
    std::optional<Expression> tolerance;
    std::optional<Expression> min;
    std::optional<Expression> max;
    std::optional<std::string> equals;     // inspect steps: the expected answer word or text
    std::optional<CriterionUse> criterion; // set when the limits come from the catalogue
    core::SourceLocation where;
};

enum class Statistic { Mean, Min, Max, Rms, Final, PeakToPeak, StdDev };
// Every value of each step enum, in the order plans and messages list them: the plan grammar
// (plan_grammar.hpp) takes the words a plan may write from these and toString().
inline constexpr std::array kStatistics{Statistic::Mean,  Statistic::Min,        Statistic::Max,   Statistic::Rms,
                                        Statistic::Final, Statistic::PeakToPeak, Statistic::StdDev};

// `measure: {name, signal, window, statistic, expect, sample_period}`
struct MeasureStep {
    TextTemplate name;
    std::string signal;            // a RoleCatalog signal of quantity type
    Expression window;             // a time
    Statistic statistic = Statistic::Mean;
    Expression samplePeriod;       // a time; default 10 ms
    Expectation expect;
    std::vector<std::string> requirements; // default: the case's
    core::SourceLocation where;
};

// How a response to a command is timed.
enum class ResponseMetric {
    SettlingTime, // from the command until the signal enters target ± band and stays there to the end
    RiseTime,     // 10 % → 90 % of the step from the value at the command to the target
    SlewRate,     // 0.8 · |step| / (t90 − t10): e.g. output current stop rate in A/s
    // The three figures of a set-point step (GB/T 34133-2023 Annex A as customarily read,
    // standards-cases.md §5.1), each its own check so that one defect fails only its figure:
    ResponseTime,     // from the command until the signal first reaches 90 % of the step
    RegulationTime,   // from the command until it enters target ± band and stays (settling_time's rule)
    ControlDeviation, // mean(signal − target) over the last steady_window of the record, / rated
};
inline constexpr std::array kResponseMetrics{ResponseMetric::SettlingTime,   ResponseMetric::RiseTime,
                                             ResponseMetric::SlewRate,       ResponseMetric::ResponseTime,
                                             ResponseMetric::RegulationTime, ResponseMetric::ControlDeviation};

// `response: {name, command: {ev.demand: {...}}, signal, target, band, metric, timeout, expect}`
struct ResponseStep {
    TextTemplate name;
    ActionStep command;       // issued at t0
    std::string signal;
    Expression target;        // final value of the step
    Expression band;          // absolute, or a percentage of |step|; needed for settling/regulation time
    Expression rated;         // control_deviation: the rated value the deviation is relative to
    Expression steadyWindow;  // control_deviation: the last part of the record that is steady state
    ResponseMetric metric = ResponseMetric::SettlingTime;
    Expression timeout;       // observation length after the command
    Expression samplePeriod;  // default 1 ms
    Expectation expect;       // on the metric: a time, or a rate
    std::vector<std::string> requirements;
    core::SourceLocation where;
};

// What a bus_check measures over the decoded messages of the `can` role.
enum class BusMetric {
    Latency,  // time from the reference (the command, or the `after` message) to the first match (s)
    Count,    // matching messages in the window (plain)
    Period,   // a statistic of the intervals between consecutive matches (s)
    Episodes, // runs of matching messages separated by more than `gap` (plain): e.g. reconnect attempts
    Field,    // the value of `field` in the first match (plain number, in the field's unit)
    Layout,   // matches whose frame departs from the GB/T 27930-2015 table (DLC, priority, unused bits) (plain)
    Distinct, // distinct values of `field` among the matches (plain): 1 = constant (CRM's charger number)
    Span,     // time from the first to the last match (s): how long a message kept coming
};
inline constexpr std::array kBusMetrics{BusMetric::Latency, BusMetric::Count,  BusMetric::Period,
                                        BusMetric::Episodes, BusMetric::Field, BusMetric::Layout,
                                        BusMetric::Distinct, BusMetric::Span};
enum class PeriodStatistic { Median, P95, Max, Min, Mean };
inline constexpr std::array kPeriodStatistics{PeriodStatistic::Median, PeriodStatistic::P95, PeriodStatistic::Max,
                                              PeriodStatistic::Min, PeriodStatistic::Mean};

// Which messages a bus_check looks at: `message: CEM` and `where: {BRM timeout: 1}` (raw values of
// status/enumeration fields, physical values otherwise; every condition must hold).
struct BusMatch {
    std::string message;
    std::vector<std::pair<std::string, double>> where;
    core::SourceLocation at;
    // A latency's reference only (`after: {which: last}`): the last such message before the first
    // match instead of the first one after t0 (Amendment No. 1 times from the last BRO(0xAA)).
    bool last = false;
    bool empty() const { return message.empty(); }
};

// `bus_check: {name, command, message, where, after, metric, statistic, field, gap, window, expect}`:
// watches the bus for `window` after the command (or the step start) and judges the metric.
struct BusCheckStep {
    TextTemplate name;
    std::optional<ActionStep> command; // issued at t0
    BusMatch match;
    BusMatch after;                    // Latency: measured from the first such message after t0
    BusMetric metric = BusMetric::Latency;
    PeriodStatistic statistic = PeriodStatistic::Median;
    std::string field;                 // Field
    Expression gap;                    // Episodes; default 1 s
    Expression window;                 // a time
    // `since: case`: the check also sees what the bus carried since the case started (t0 = the
    // case start), e.g. a BSD that came while an earlier check of the case was being judged.
    bool sinceCaseStart = false;
    Expectation expect;                // on the metric
    std::vector<std::string> requirements;
    core::SourceLocation where;
};

// What an operator answers in an inspect step.
enum class AnswerKind {
    YesNo,    // yes or no
    Quantity, // a number in the step's `unit` (e.g. mm), judged against min/max/nominal+tolerance
    Text,     // free text, judged by `equals`
};
inline constexpr std::array kAnswerKinds{AnswerKind::YesNo, AnswerKind::Quantity, AnswerKind::Text};

// `inspect: {name, question, answer, unit, expect}`: an observation or measurement only a person at
// the bench can make (a visual check, a gauge). The answer comes from an AnswerSource
// (answer_source.hpp) and is recorded with who gave it.
struct InspectStep {
    TextTemplate name;
    std::string question;
    AnswerKind answer = AnswerKind::YesNo;
    // Quantity: the unit the operator answers in, as written ("mm"); the limits are plain numbers in
    // that unit (the bench's unit table need not know it).
    std::string unit;
    Expectation expect; // YesNo/Text: equals; Quantity: min/max/nominal+tolerance; or a criterion
    std::vector<std::string> requirements;
    core::SourceLocation where;
};

// A point in time inside a capture (spec: issue 11 §3a).
enum class CaptureEventKind {
    Trigger, // the capture's trigger (the daq's trigger time)
    Frame,   // the first `message` frame (meeting `where`) on the `can` role after the reference
    Rising,  // the first sample at or above `level` after one below it, after the reference
    Falling, // the first sample at or below `level` after one above it, after the reference
};

// `trigger`, `{frame: CST, where: "fault_code == 1"}`, `{rising: k1k2_closed, level: 0.5}`.
struct CaptureEvent {
    CaptureEventKind kind = CaptureEventKind::Trigger;
    std::string message;             // Frame: a bus message name
    std::optional<Expression> where; // Frame: boolean over the message's fields (spaces written as '_')
    std::string channel;             // Rising / Falling: a daq channel
    Expression level;                // Rising / Falling: in the channel's unit
    core::SourceLocation at;
};

// The capture's trigger: what the daq waits for (immediate, an edge, or a frame's PGN).
enum class CaptureTriggerKind { Immediate, Rising, Falling, Frame };
struct CaptureTrigger {
    CaptureTriggerKind kind = CaptureTriggerKind::Immediate;
    std::string channel; // Rising / Falling
    Expression level;    // Rising / Falling
    std::string message; // Frame: the daq triggers on this message's PGN
    core::SourceLocation at;
};

// What one result of a capture computes.
enum class CaptureMetric {
    Interval, // seconds from `from` to `to`
    Peak,     // max |x| of `channel` over [from, from + for]
    Value,    // `channel`'s last sample before `at`
    Rate,     // |Δ channel| / Δt between `from` and `to`
};
inline constexpr std::array kCaptureMetrics{CaptureMetric::Interval, CaptureMetric::Peak, CaptureMetric::Value,
                                            CaptureMetric::Rate};

// One `results:` entry: a check judged on the capture.
struct CaptureResultSpec {
    TextTemplate name;
    CaptureMetric metric = CaptureMetric::Interval;
    CaptureEvent from;   // Interval, Peak, Rate (default: the trigger); Value: `at`
    CaptureEvent to;     // Interval, Rate
    std::string channel; // Peak, Value, Rate: a daq channel
    Expression span;     // Peak: `for`, a time
    Expectation expect;  // on the metric: a time, the channel's quantity, or its rate
    std::vector<std::string> requirements;
    core::SourceLocation where;
};

// `capture: {name, trigger, pre, post, sample_period, command, timeout, results}`: arms the `daq`,
// issues the optional command, waits for the trigger and the post-trigger samples, then judges each
// result on the samples and the `can` role's frames (bench time).
struct CaptureStep {
    TextTemplate name;
    CaptureTrigger trigger;
    Expression pre;          // a time, default 0 s
    Expression post;         // a time
    Expression samplePeriod; // a time, default 1 ms
    std::optional<ActionStep> command;
    Expression timeout;      // a time, default 10 s: no trigger by then is a bench error
    std::vector<CaptureResultSpec> results;
    std::vector<std::string> channels; // every daq channel the trigger and the results use, in first-use order
    bool usesFrames = false;           // some event is a frame: the `can` role is read
    core::SourceLocation where;
};

using Step = std::variant<ActionStep, WaitStep, WaitUntilStep, MeasureStep, ResponseStep, BusCheckStep, InspectStep,
                          CaptureStep>;

// `parameters: {battery_voltage: 400 V, currents: [10 A, 30 A, dut.dc.max_current]}`
struct Parameter {
    std::string name;
    Expression value;
    core::SourceLocation where;
};

// `for_each: {current: currents}`: the case runs once per element; several keys give the
// cartesian product, in the order written.
struct ForEachBinding {
    std::string variable;
    Expression values; // a list
    core::SourceLocation where;
};

struct Case {
    std::string id;
    std::string title;
    std::vector<std::string> requirements; // default: the plan's
    std::optional<Expression> appliesIf;   // false → not-applicable, with the expression as reason
    std::vector<ForEachBinding> forEach;
    std::vector<Step> steps;
    core::SourceLocation where;
};

struct Plan {
    std::string id;        // `plan:`
    std::string title;
    std::string description;
    // `purpose: rack-self-check`: the plan judges the rack (instruments, wiring), not the charger.
    // It runs before the charger's plans; unless it passes, the run is "rack not ready" and the
    // charger's plans do not run (run_controller.hpp).
    bool rackSelfCheck = false;
    std::string file;      // path as given
    std::string sourceText;// the file's bytes, for the run folder
    std::vector<std::string> requirements;  // ids from a requirement catalogue
    std::vector<std::string> requiredRoles; // `requires: {roles: [...]}`
    std::vector<std::string> requiredCapabilities; // `requires: {capabilities: [...]}`
    std::optional<Expression> appliesIf;
    std::vector<Parameter> parameters;      // in order; later ones may use earlier ones
    std::vector<Step> setup;
    std::vector<Case> cases;
    std::vector<Step> teardown;             // always runs
};

std::string toString(Statistic s);      // "mean", "min", "max", "rms", "final", "p2p", "stddev"
// "settling_time", "rise_time", "slew_rate", "response_time", "regulation_time", "control_deviation"
std::string toString(ResponseMetric m);
// Latency, period and span are times (s); the other bus metrics plain numbers.
inline bool isTimed(BusMetric m) { return m == BusMetric::Latency || m == BusMetric::Period || m == BusMetric::Span; }
std::string toString(BusMetric m);      // "latency", "count", "period", "episodes", "field"
std::string toString(PeriodStatistic s); // "median", "p95", "max", "min", "mean"
std::string toString(AnswerKind k);      // "yes-no", "quantity", "text"
std::string toString(CaptureMetric m);   // "interval", "peak", "value", "rate"

} // namespace v2gbench::bench
