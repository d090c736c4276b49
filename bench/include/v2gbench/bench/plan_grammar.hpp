#pragma once
// The structure of the plan language: the keys of a plan, a case, `requires`, an expectation and
// each step kind, which are required, what shape each value has and which words a key accepts.
// One table with two readers: the plan loader takes its allowed and required keys and its words
// from it, and the schema generator (plan_schema.hpp) writes it out with the RoleCatalog, so the
// editor schema and the validator cannot disagree about structure.
//
// The step kinds are the alternatives of bench::Step; plan_grammar.cpp describes each one by type,
// so a new alternative without a description does not compile.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench::grammar {

// What a key's value is. Units, dimensions and names inside expressions are the validator's job;
// shapes are what a JSON Schema can say.
enum class Shape {
    Text,             // plain text
    PlanId,           // lower-case letters, digits and '-'
    CaseId,           // a text (a YAML number is read as its text)
    Expression,       // a scalar expression: a YAML text, number or boolean
    ExpressionOrList, // an expression, or a YAML list of expressions (a list expression)
    Template,         // text with ${expression} interpolations
    Word,             // one of Key::choices, written as a plain word
    TextList,         // a list of texts: requirement ids, capabilities
    RoleList,         // a list of RoleCatalog roles
    NameMap,          // map of simple name → expression or list (parameters, for_each)
    Requires,         // a map with requiresKeys()
    Steps,            // a list of steps; may be empty or null
    NonEmptySteps,    // a list of at least one step
    Cases,            // a list of at least one case (caseKeys())
    Signal,           // a quantity signal of the RoleCatalog
    Action,           // exactly one action {<role>.<action>: {arguments}}
    Expectation,      // a map with expectationKeys()
    BusMessage,       // a bus message name (bus_vocabulary.hpp)
    FieldValues,      // map of field name → number as on the bus (decimal, or 0x hex)
    BusAfter,         // a map with busAfterKeys()
    DaqChannel,       // a channel of the daq role's vocabulary (core::daqChannels())
    CaptureTrigger,   // `immediate`, or a map with captureEventKeys() (rising/falling + level, or frame)
    CaptureEvent,     // `trigger`, or a map with captureEventKeys()
    CaptureResults,   // a list of at least one map with captureResultKeys()
    CaptureMetric,    // a map with captureMetricKeys(<the key's name>)
};

// A condition on a sibling Word key: `key` has the word `value` (or is absent and `value` is its
// fallback).
struct WordIs {
    std::string key;
    std::string value;
    std::vector<std::string> also; // further values that meet the condition
    bool holds(const std::string& word) const {
        return word == value || std::find(also.begin(), also.end(), word) != also.end();
    }
    std::string describe() const; // "'field'" or "'field' or 'distinct'"
};

struct Key {
    std::string name;
    Shape shape = Shape::Expression;
    bool required = false;
    std::vector<std::string> choices; // Word: the words accepted, in the order messages list them
    std::string fallback;             // Word: the word that applies when the key is absent
    std::optional<WordIs> requiredWhen; // required only under this condition (e.g. band for settling_time)
    std::optional<WordIs> onlyWhen;     // allowed only under this condition (e.g. gap for episodes)
    std::string goesWith;               // a key that must be given with this one (nominal ↔ tolerance)
    bool nullable = false;              // an empty value (`parameters:`) is allowed and means none
    std::string description;
};

struct Section {
    std::string what;      // how messages name it: "a plan", "measure"
    std::vector<Key> keys; // in the order the format documents them
    bool nonEmpty = false; // at least one key must be given (expect)
    std::vector<std::string> exactlyOne; // exactly one of these keys must be given (a capture result's metric)
    std::vector<std::string> names() const;
    std::vector<std::string> requiredNames() const; // required unconditionally, in key order
    const Key& key(const std::string& name) const;  // throws std::logic_error for a name not in the section
};

const Section& planKeys();
const Section& requiresKeys();
const Section& caseKeys();
const Section& expectationKeys();
const Section& busAfterKeys();
// A capture event written as a map: {frame: MSG, where: expr} or {rising|falling: CHANNEL, level: Q}.
const Section& captureEventKeys();
const Section& captureResultKeys();
// The keys of one capture metric: interval, peak, value or rate (throws std::logic_error otherwise).
const Section& captureMetricKeys(const std::string& metric);

// A step kind other than an action (`<role>.<action>`, described by the RoleCatalog).
struct StepKind {
    std::string keyword;         // "measure"
    std::optional<Section> keys; // the value is a map with these keys; nullopt: one expression (wait)
    std::string description;
};

const std::vector<StepKind>& stepKinds();         // in the order of bench::Step's alternatives
const StepKind& stepKind(const std::string& keyword); // throws std::logic_error for an unknown keyword
std::vector<std::string> stepKeywords();

} // namespace v2gbench::bench::grammar
