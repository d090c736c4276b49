#include "v2gbench/bench/plan_schema.hpp"

#include "plan_limits.hpp"

#include "v2gbench/bench/bus_vocabulary.hpp"
#include "v2gbench/bench/plan_grammar.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <stdexcept>
#include <string>

namespace v2gbench::bench {

namespace {

using Json = nlohmann::ordered_json;
using grammar::Shape;

Json ref(const std::string& name) { return Json{{"$ref", "#/$defs/" + name}}; }

// The loader reads any YAML scalar as text where it wants text.
Json scalar() { return Json{{"type", Json::array({"string", "number", "boolean"})}}; }

Json words(const std::vector<std::string>& choices) { return Json{{"enum", choices}}; }

// `wordKey` has `value`; when `value` is the key's fallback, an absent key counts too.
Json wordIs(const grammar::Section& section, const grammar::WordIs& condition) {
    Json values = Json::array({condition.value});
    for (const auto& a : condition.also) values.push_back(a);
    Json j{{"properties", {{condition.key, condition.also.empty() ? Json{{"const", condition.value}} : Json{{"enum", values}}}}}};
    if (!condition.holds(section.key(condition.key).fallback)) j["required"] = Json::array({condition.key});
    return j;
}

Json object(const grammar::Section& section);

Json shape(const grammar::Key& key) {
    switch (key.shape) {
    case Shape::Text:
    case Shape::Template:
    case Shape::Expression: return ref(key.shape == Shape::Expression ? "expression" : "text");
    case Shape::PlanId:
        return Json{{"type", "string"}, {"pattern", "^[a-z0-9-]+$"}, {"maxLength", kMaxIdLength}};
    case Shape::CaseId:
        return Json{{"type", Json::array({"string", "number"})}, {"maxLength", kMaxIdLength}};
    case Shape::ExpressionOrList: return ref("expressionOrList");
    case Shape::Word: return words(key.choices);
    case Shape::TextList: return ref("textList");
    case Shape::RoleList: return ref("roleList");
    case Shape::NameMap: return ref("nameMap");
    case Shape::Requires: return ref("requires");
    case Shape::Steps: return ref("steps");
    case Shape::NonEmptySteps: return ref("nonEmptySteps");
    case Shape::Cases: return Json{{"type", "array"}, {"minItems", 1}, {"items", ref("case")}};
    case Shape::Signal: return ref("signal");
    case Shape::Action: return ref("action");
    case Shape::Expectation: return ref("expectation");
    case Shape::BusMessage: return ref("busMessage");
    case Shape::FieldValues: return ref("fieldValues");
    case Shape::BusAfter: return ref("busAfter");
    case Shape::DaqChannel: return ref("daqChannel");
    case Shape::CaptureTrigger: return ref("captureTrigger");
    case Shape::CaptureEvent: return ref("captureEvent");
    case Shape::CaptureResults: return Json{{"type", "array"}, {"minItems", 1}, {"items", ref("captureResult")}};
    case Shape::CaptureMetric: return object(grammar::captureMetricKeys(key.name));
    }
    throw std::logic_error("plan schema: key '" + key.name + "' has no shape");
}

// A map with the section's keys: unknown keys refused, required keys required, and the
// grammar's conditions (required or allowed only for one word of a sibling key; keys that go
// together) as JSON Schema conditionals.
Json object(const grammar::Section& section) {
    Json properties = Json::object();
    Json conditions = Json::array();
    Json together = Json::object();
    for (const auto& key : section.keys) {
        Json p = shape(key);
        if (key.nullable) p = Json{{"anyOf", Json::array({p, Json{{"type", "null"}}})}};
        p["description"] = key.description;
        properties[key.name] = p;
        if (key.requiredWhen)
            conditions.push_back(
                {{"if", wordIs(section, *key.requiredWhen)}, {"then", {{"required", Json::array({key.name})}}}});
        if (key.onlyWhen)
            conditions.push_back(
                {{"if", {{"required", Json::array({key.name})}}}, {"then", wordIs(section, *key.onlyWhen)}});
        if (!key.goesWith.empty()) together[key.name] = Json::array({key.goesWith});
    }
    Json j{{"type", "object"}, {"additionalProperties", false}};
    if (section.nonEmpty) j["minProperties"] = 1;
    j["required"] = section.requiredNames();
    j["properties"] = properties;
    if (!together.empty()) j["dependentRequired"] = together;
    if (!conditions.empty()) j["allOf"] = conditions;
    if (!section.exactlyOne.empty()) {
        Json one = Json::array();
        for (const auto& name : section.exactlyOne) one.push_back({{"required", Json::array({name})}});
        j["oneOf"] = one;
    }
    return j;
}

Json arguments(const ActionSpec& action) {
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& p : action.parameters) {
        Json s = !p.choices.empty() ? words(p.choices) : p.literal ? Json{{"type", "string"}} : ref("expression");
        s["description"] = p.description;
        properties[p.name] = s;
        if (p.required) required.push_back(p.name);
    }
    Json j{{"type", Json::array({"object", "null"})}, {"additionalProperties", false}, {"properties", properties}};
    if (!required.empty()) j["required"] = required;
    j["description"] = action.description;
    return j;
}

// A map with exactly one key out of `properties` (a step, or one action).
Json oneKeyOf(const Json& properties) {
    Json names = Json::array();
    for (auto it = properties.begin(); it != properties.end(); ++it) names.push_back(it.key());
    return Json{{"type", "object"},
                {"minProperties", 1},
                {"maxProperties", 1},
                {"propertyNames", {{"enum", names}}},
                {"properties", properties}};
}

} // namespace

nlohmann::ordered_json planSchema(const RoleCatalog& catalog) {
    Json actions = Json::object();
    for (const auto& a : catalog.actions()) actions[a.qualifiedName()] = arguments(a);

    Json steps = Json::object();
    for (const auto& kind : grammar::stepKinds()) {
        Json s = kind.keys ? object(*kind.keys) : ref("expression");
        s["description"] = kind.description;
        steps[kind.keyword] = s;
    }
    for (const auto& [name, schema] : actions.items()) steps[name] = schema;

    Json signals = Json::array();
    for (const auto& s : catalog.signals())
        if (s.type.kind == ValueType::Kind::Quantity) signals.push_back(s.name);

    Json defs = Json::object();
    defs["expression"] = scalar();
    defs["expression"]["description"] = "an expression, e.g. 400 V, current < 30 A ? 0.3 A : 1 %";
    defs["expressionOrList"] = {{"anyOf", Json::array({ref("expression"), {{"type", "array"}, {"items", ref("expression")}}})}};
    defs["text"] = scalar();
    defs["textList"] = {{"type", Json::array({"array", "null"})}, {"items", scalar()}};
    defs["roleList"] = {{"type", Json::array({"array", "null"})}, {"items", words(catalog.roles())}};
    defs["nameMap"] = {{"type", "object"},
                       {"propertyNames", {{"pattern", "^[A-Za-z_][A-Za-z0-9_]*$"}}},
                       {"additionalProperties", ref("expressionOrList")}};
    defs["requires"] = object(grammar::requiresKeys());
    defs["case"] = object(grammar::caseKeys());
    defs["expectation"] = object(grammar::expectationKeys());
    defs["steps"] = {{"type", Json::array({"array", "null"})}, {"items", ref("step")}};
    defs["nonEmptySteps"] = {{"type", "array"}, {"minItems", 1}, {"items", ref("step")}};
    defs["step"] = oneKeyOf(steps);
    std::string kinds;
    for (const auto& keyword : grammar::stepKeywords()) kinds += keyword + ", ";
    defs["step"]["description"] = "one of " + kinds + "or <role>.<action>";
    defs["action"] = oneKeyOf(actions);
    defs["signal"] = {{"enum", signals}, {"description", "a quantity signal"}};
    defs["busMessage"] = {{"enum", busMessageNames()}};
    defs["fieldValues"] = {{"type", "object"},
                           {"additionalProperties",
                            {{"anyOf", Json::array({{{"type", "number"}},
                                                    {{"type", "string"}, {"pattern", "^(0[xX][0-9A-Fa-f]+|[-+]?[0-9.]+([eE][-+]?[0-9]+)?)$"}}})}}}};
    defs["busAfter"] = object(grammar::busAfterKeys());
    Json channels = Json::array();
    for (const auto& c : core::daqChannels()) channels.push_back(c.name);
    defs["daqChannel"] = {{"enum", channels}, {"description", "a channel of the daq role"}};
    defs["captureEventMap"] = object(grammar::captureEventKeys());
    defs["captureEventMap"]["oneOf"] = Json::array({{{"required", Json::array({"frame"})}},
                                                    {{"required", Json::array({"rising", "level"})}},
                                                    {{"required", Json::array({"falling", "level"})}}});
    defs["captureTrigger"] = {{"anyOf", Json::array({{{"const", "immediate"}}, ref("captureEventMap")})}};
    defs["captureEvent"] = {{"anyOf", Json::array({{{"const", "trigger"}}, ref("captureEventMap")})}};
    defs["captureResult"] = object(grammar::captureResultKeys());

    Json schema{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                {"$id", "https://v2gbench.example/schema/plan.schema.json"},
                {"title", "v2gbench test plan"},
                {"description", "A v2gbench test plan (docs/plan-format.md). Generated by the build from the plan "
                                "grammar and the RoleCatalog; do not edit. It checks structure only: the bench's "
                                "validator also checks units, dimensions and names inside expressions."}};
    Json root = object(grammar::planKeys());
    for (auto& [k, v] : root.items()) schema[k] = v;
    schema["$defs"] = defs;
    return schema;
}

} // namespace v2gbench::bench
