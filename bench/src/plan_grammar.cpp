#include "v2gbench/bench/plan_grammar.hpp"

#include "v2gbench/bench/plan.hpp"

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace v2gbench::bench::grammar {

namespace {

Key key(std::string name, Shape shape, bool required, std::string description) {
    Key k;
    k.name = std::move(name);
    k.shape = shape;
    k.required = required;
    k.description = std::move(description);
    return k;
}

template <class Enum, std::size_t N>
std::vector<std::string> wordsOf(const std::array<Enum, N>& values) {
    std::vector<std::string> words;
    for (Enum v : values) words.push_back(toString(v));
    return words;
}

template <class Enum, std::size_t N>
Key word(std::string name, const std::array<Enum, N>& values, std::string description) {
    Key k = key(std::move(name), Shape::Word, false, std::move(description));
    k.choices = wordsOf(values);
    k.fallback = k.choices.front();
    return k;
}

Key onlyWhen(Key k, std::string wordKey, std::string value, std::vector<std::string> also = {}) {
    k.onlyWhen = WordIs{std::move(wordKey), std::move(value), std::move(also)};
    return k;
}

Key referenceWhich() {
    Key k = key("which", Shape::Word, false,
                "first (default): the first reference after t0; last: the last one before the first match");
    k.choices = {"first", "last"};
    k.fallback = "first";
    return k;
}

Key nullable(Key k) {
    k.nullable = true;
    return k;
}

Key goesWith(Key k, std::string other) {
    k.goesWith = std::move(other);
    return k;
}

Key requiredWhen(Key k, std::string wordKey, std::string value, std::vector<std::string> also = {}) {
    k.requiredWhen = WordIs{std::move(wordKey), std::move(value), std::move(also)};
    return k;
}

// A response key that belongs to the control deviation alone: required there, refused elsewhere.
Key deviationOnly(Key k) {
    const std::string deviation = toString(ResponseMetric::ControlDeviation);
    return onlyWhen(requiredWhen(std::move(k), "metric", deviation), "metric", deviation);
}

// One description per alternative of bench::Step. Overload resolution picks the one for each
// alternative; an alternative without an overload here is a compile error.
std::optional<StepKind> describe(std::type_identity<ActionStep>) { return std::nullopt; } // RoleCatalog

std::optional<StepKind> describe(std::type_identity<WaitStep>) {
    return StepKind{"wait", std::nullopt, "wait for a time, e.g. 3 s"};
}

std::optional<StepKind> describe(std::type_identity<WaitUntilStep>) {
    return StepKind{"wait_until",
                    Section{"wait_until",
                            {key("condition", Shape::Expression, true, "a boolean expression"),
                             key("timeout", Shape::Expression, true, "a time; expiring is a bench error"),
                             key("poll", Shape::Expression, false, "a time, default 10 ms")}},
                    "wait until a condition holds"};
}

std::optional<StepKind> describe(std::type_identity<MeasureStep>) {
    return StepKind{"measure",
                    Section{"measure",
                            {key("name", Shape::Template, true, "text template naming the check"),
                             key("signal", Shape::Signal, true, "a quantity signal"),
                             key("window", Shape::Expression, true, "a time"),
                             word("statistic", kStatistics, "statistic over the window"),
                             key("sample_period", Shape::Expression, false, "a time, default 10 ms"),
                             key("expect", Shape::Expectation, false, "the check; without it the value is only recorded"),
                             key("requirements", Shape::TextList, false, "requirement ids; default: the case's")}},
                    "record a statistic of a signal over a window and check it"};
}

std::optional<StepKind> describe(std::type_identity<ResponseStep>) {
    return StepKind{
        "response",
        Section{"response",
                {key("name", Shape::Template, true, "text template naming the check"),
                 key("command", Shape::Action, true, "one action, issued at t0"),
                 key("signal", Shape::Signal, true, "a quantity signal"),
                 key("target", Shape::Expression, true, "final value, the signal's dimension"),
                 requiredWhen(key("band", Shape::Expression, false, "absolute, or a percentage of the step size"),
                              "metric", toString(ResponseMetric::SettlingTime), {toString(ResponseMetric::RegulationTime)}),
                 word("metric", kResponseMetrics, "how the response is timed"),
                 deviationOnly(key("rated", Shape::Expression, false,
                                   "control_deviation: the rated value the mean error is divided by")),
                 deviationOnly(key("steady_window", Shape::Expression, false,
                                   "control_deviation: a time, the last part of the observation averaged")),
                 key("timeout", Shape::Expression, true, "a time observed after the command"),
                 key("sample_period", Shape::Expression, false, "a time, default 1 ms"),
                 key("expect", Shape::Expectation, false, "on the metric: a time, or a rate"),
                 key("requirements", Shape::TextList, false, "requirement ids; default: the case's")}},
        "issue a command and time the signal's response"};
}

std::optional<StepKind> describe(std::type_identity<BusCheckStep>) {
    const std::string metric = "metric";
    Key since = key("since", Shape::Word, false, "step (default): t0 is the step start; case: the case start");
    since.choices = {"step", "case"};
    since.fallback = "step";
    return StepKind{
        "bus_check",
        Section{"bus_check",
                {key("name", Shape::Template, true, "text template naming the check"),
                 key("command", Shape::Action, false, "one action, issued at t0"),
                 key("message", Shape::BusMessage, true, "the GB/T 27930 message or TP frame to match"),
                 key("where", Shape::FieldValues, false, "field conditions every match must meet"),
                 onlyWhen(key("after", Shape::BusAfter, false, "latency from the first (or last) such message after t0"),
                          metric, toString(BusMetric::Latency)),
                 word(metric, kBusMetrics, "what is judged"),
                 onlyWhen(word("statistic", kPeriodStatistics, "statistic of the intervals"), metric,
                          toString(BusMetric::Period)),
                 requiredWhen(onlyWhen(key("field", Shape::Text, false,
                                           "field: the field read from the first match; distinct: the field compared"),
                                       metric, toString(BusMetric::Field), {toString(BusMetric::Distinct)}),
                              metric, toString(BusMetric::Field), {toString(BusMetric::Distinct)}),
                 onlyWhen(key("gap", Shape::Expression, false, "a time separating episodes, default 1 s"), metric,
                          toString(BusMetric::Episodes)),
                 key("window", Shape::Expression, true, "a time the bus is watched"),
                 since,
                 key("expect", Shape::Expectation, false, "on the metric"),
                 key("requirements", Shape::TextList, false, "requirement ids; default: the case's")}},
        "judge the decoded messages of the `can` role"};
}

std::optional<StepKind> describe(std::type_identity<InspectStep>) {
    const std::string answer = "answer";
    Key kind = word(answer, kAnswerKinds, "what the operator answers");
    kind.required = true;
    return StepKind{
        "inspect",
        Section{"inspect",
                {key("name", Shape::Template, true, "text template naming the check (and the answer in --answers)"),
                 key("question", Shape::Text, true, "what the operator is asked"),
                 kind,
                 requiredWhen(onlyWhen(key("unit", Shape::Text, false, "the unit the operator answers in, e.g. mm"),
                                       answer, toString(AnswerKind::Quantity)),
                              answer, toString(AnswerKind::Quantity)),
                 key("expect", Shape::Expectation, true,
                     "yes-no/text: {equals: ...}; quantity: min/max/nominal+tolerance in the unit; or {criterion: NAME}"),
                 key("requirements", Shape::TextList, false, "requirement ids; default: the case's")}},
        "ask the operator for an observation or a measured value and judge it"};
}

std::optional<StepKind> describe(std::type_identity<CaptureStep>) {
    return StepKind{
        "capture",
        Section{"capture",
                {key("name", Shape::Template, true, "text template naming the capture"),
                 key("trigger", Shape::CaptureTrigger, true,
                     "immediate, {rising|falling: channel, level: value} or {frame: message}"),
                 key("pre", Shape::Expression, false, "a time kept before the trigger, default 0 s"),
                 key("post", Shape::Expression, true, "a time acquired after the trigger"),
                 key("sample_period", Shape::Expression, false, "a time, default 1 ms"),
                 key("command", Shape::Action, false, "one action, issued after arming"),
                 key("timeout", Shape::Expression, false, "a time to wait for the trigger, default 10 s; expiring is a bench error"),
                 key("results", Shape::CaptureResults, true, "the checks judged on the capture")}},
        "acquire the daq around a trigger and judge times, peaks, values and rates on event timestamps"};
}

template <std::size_t... I>
std::vector<StepKind> describeAll(std::index_sequence<I...>) {
    std::vector<StepKind> kinds;
    (
        [&] {
            if (auto k = describe(std::type_identity<std::variant_alternative_t<I, Step>>{})) kinds.push_back(std::move(*k));
        }(),
        ...);
    return kinds;
}

} // namespace

std::vector<std::string> Section::names() const {
    std::vector<std::string> out;
    for (const auto& k : keys) out.push_back(k.name);
    return out;
}

std::vector<std::string> Section::requiredNames() const {
    std::vector<std::string> out;
    for (const auto& k : keys)
        if (k.required) out.push_back(k.name);
    return out;
}

const Key& Section::key(const std::string& name) const {
    for (const auto& k : keys)
        if (k.name == name) return k;
    throw std::logic_error("plan grammar: " + what + " has no key '" + name + "'");
}

Key purposeKey() {
    Key k = key("purpose", Shape::Word, false,
                "charger-test (default): judges the charger; rack-self-check: judges the rack and runs first "
                "(a failed self-check is 'rack not ready', the charger is not judged)");
    k.choices = {"charger-test", "rack-self-check"};
    k.fallback = "charger-test";
    return k;
}

const Section& planKeys() {
    static const Section s{"a plan",
                           {key("plan", Shape::PlanId, true, "plan id"),
                            key("title", Shape::Text, true, "one line"),
                            key("description", Shape::Text, false, "free text"),
                            purposeKey(),
                            key("requirements", Shape::TextList, false, "requirement ids from a catalogue"),
                            nullable(key("requires", Shape::Requires, false, "roles the plan uses, capabilities it needs")),
                            key("applies_if", Shape::Expression, false, "boolean; false makes the plan not applicable"),
                            nullable(key("parameters", Shape::NameMap, false, "name: expression or list, in order")),
                            key("setup", Shape::Steps, false, "steps run once before the cases"),
                            key("cases", Shape::Cases, true, "at least one case"),
                            key("teardown", Shape::Steps, false, "steps that always run")}};
    return s;
}

const Section& requiresKeys() {
    static const Section s{"requires",
                           {key("roles", Shape::RoleList, false, "every role a step uses"),
                            key("capabilities", Shape::TextList, false, "capabilities the drivers must have")}};
    return s;
}

const Section& caseKeys() {
    static const Section s{"a case",
                           {key("id", Shape::CaseId, true, "unique in the plan"),
                            key("title", Shape::Text, false, "one line"),
                            key("requirements", Shape::TextList, false, "requirement ids; default: the plan's"),
                            key("applies_if", Shape::Expression, false, "boolean; may use the loop variables"),
                            key("for_each", Shape::NameMap, false, "variable: list; the case runs once per element"),
                            key("steps", Shape::NonEmptySteps, true, "at least one step")}};
    return s;
}

const Section& expectationKeys() {
    static const Section s{"expect",
                           {goesWith(key("nominal", Shape::Expression, false, "the expected value"), "tolerance"),
                            goesWith(key("tolerance", Shape::Expression, false, "absolute, or a percentage of nominal"),
                                     "nominal"),
                            key("min", Shape::Expression, false, "lowest value that passes"),
                            key("max", Shape::Expression, false, "highest value that passes"),
                            key("equals", Shape::Text, false, "inspect steps: the answer that passes (yes, no, a text)"),
                            key("criterion", Shape::Text, false,
                                "a criterion name of the step's requirement in the catalogue, used alone")},
                           true};
    return s;
}

const Section& busAfterKeys() {
    static const Section s{"after",
                           {key("message", Shape::BusMessage, true, "the reference message"),
                            key("where", Shape::FieldValues, false, "field conditions it must meet"),
                            referenceWhich()}};
    return s;
}

const Section& captureEventKeys() {
    static const Section s{"a capture event",
                           {key("frame", Shape::BusMessage, false, "the first such frame after the reference"),
                            key("where", Shape::Expression, false,
                                "frame: a boolean over the message's fields (spaces written as '_')"),
                            key("rising", Shape::DaqChannel, false, "the first rising crossing of level on this channel"),
                            key("falling", Shape::DaqChannel, false, "the first falling crossing of level on this channel"),
                            key("level", Shape::Expression, false, "rising / falling: the level, in the channel's unit")},
                           true};
    return s;
}

const Section& captureResultKeys() {
    static const Section s = [] {
        Section r{"a capture result",
                  {key("name", Shape::Template, true, "text template naming the check"),
                   key("interval", Shape::CaptureMetric, false, "seconds between two events"),
                   key("peak", Shape::CaptureMetric, false, "max |x| of a channel over a window after an event"),
                   key("value", Shape::CaptureMetric, false, "a channel's last sample before an event"),
                   key("rate", Shape::CaptureMetric, false, "|change of a channel| / time between two events"),
                   key("expect", Shape::Expectation, false, "on the result; without it the value is only recorded"),
                   key("requirements", Shape::TextList, false, "requirement ids; default: the case's")}};
        r.exactlyOne = {"interval", "peak", "value", "rate"};
        return r;
    }();
    return s;
}

const Section& captureMetricKeys(const std::string& metric) {
    static const Section interval{"interval",
                                  {key("from", Shape::CaptureEvent, false, "where the clock starts, default trigger"),
                                   key("to", Shape::CaptureEvent, true, "where it stops (searched after from)")}};
    static const Section peak{"peak",
                              {key("channel", Shape::DaqChannel, true, "a daq channel"),
                               key("from", Shape::CaptureEvent, false, "where the window starts, default trigger"),
                               key("for", Shape::Expression, true, "the window's length, a time")}};
    static const Section value{"value",
                               {key("channel", Shape::DaqChannel, true, "a daq channel"),
                                key("at", Shape::CaptureEvent, true, "the event; the last sample before it is read")}};
    static const Section rate{"rate",
                              {key("channel", Shape::DaqChannel, true, "a daq channel"),
                               key("from", Shape::CaptureEvent, false, "the first event, default trigger"),
                               key("to", Shape::CaptureEvent, true, "the second event (searched after from)")}};
    if (metric == "interval") return interval;
    if (metric == "peak") return peak;
    if (metric == "value") return value;
    if (metric == "rate") return rate;
    throw std::logic_error("plan grammar: no capture metric '" + metric + "'");
}

const std::vector<StepKind>& stepKinds() {
    static const std::vector<StepKind> kinds = describeAll(std::make_index_sequence<std::variant_size_v<Step>>{});
    return kinds;
}

const StepKind& stepKind(const std::string& keyword) {
    for (const auto& k : stepKinds())
        if (k.keyword == keyword) return k;
    throw std::logic_error("plan grammar: no step kind '" + keyword + "'");
}

std::vector<std::string> stepKeywords() {
    std::vector<std::string> out;
    for (const auto& k : stepKinds()) out.push_back(k.keyword);
    return out;
}

std::string WordIs::describe() const {
    std::string out = "'" + value + "'";
    for (const auto& a : also) out += " or '" + a + "'";
    return out;
}

} // namespace v2gbench::bench::grammar
