// The editors' plan schema is written from the RoleCatalog and the plan grammar: an entry added to
// a catalogue appears in the schema without anyone editing it, and every step kind and key the
// loader reads is in it. (tests/plans/schema/ validates the shipped plans against the file the
// build writes.)
#include "v2gbench/bench/plan_grammar.hpp"
#include "v2gbench/bench/plan_schema.hpp"

#include "v2gbench/core/roles/daq.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace v2gbench;
using bench::RoleCatalog;
using Json = nlohmann::ordered_json;

namespace {

// The built-in vocabulary plus: a role `load` with an action `load.ramp` (a required rate and a
// word), a new optional parameter of ev.demand, and a quantity signal of the new role.
RoleCatalog extendedCatalog() {
    const RoleCatalog& builtin = RoleCatalog::builtin();
    auto roles = builtin.roles();
    auto actions = builtin.actions();
    auto signals = builtin.signals();
    roles.push_back("load");
    bench::ParameterSpec rate{"rate", bench::ValueType::quantity(core::Dimension::power() / core::Dimension::time()), true,
                              {}, "ramp rate"};
    bench::ParameterSpec shape{"shape", bench::ValueType::text(), false, {"linear", "s-curve"}, "ramp shape"};
    actions.push_back({"load", "ramp", {rate, shape}, "ramp the electronic load"});
    for (auto& a : actions)
        if (a.qualifiedName() == "ev.demand")
            a.parameters.push_back({"ramp_time", bench::ValueType::quantity(core::Dimension::time()), false, {},
                                    "time to reach the demand"});
    signals.push_back({"load.power", "load", bench::ValueType::quantity(core::Dimension::power()), "load power"});
    return RoleCatalog(std::move(roles), std::move(actions), std::move(signals));
}

bool contains(const Json& array, const std::string& value) {
    return std::find(array.begin(), array.end(), Json(value)) != array.end();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(plan_schema)

BOOST_AUTO_TEST_CASE(an_action_added_to_the_catalogue_appears_in_the_schema) {
    const Json builtin = bench::planSchema(RoleCatalog::builtin());
    const Json extended = bench::planSchema(extendedCatalog());
    const Json& defs = extended.at("$defs");

    BOOST_TEST(!builtin.at("$defs").at("action").at("properties").contains("load.ramp"));
    const Json& ramp = defs.at("action").at("properties").at("load.ramp");
    BOOST_TEST(ramp.at("properties").contains("rate"));
    BOOST_TEST(ramp.at("properties").at("rate").at("$ref") == "#/$defs/expression");
    BOOST_TEST((ramp.at("properties").at("shape").at("enum") == Json::array({"linear", "s-curve"})));
    BOOST_TEST((ramp.at("required") == Json::array({"rate"})));
    BOOST_TEST(ramp.at("additionalProperties") == false);
    BOOST_TEST(ramp.at("description") == "ramp the electronic load");
    // An action is also a step, and a response/bus_check command.
    BOOST_TEST(contains(defs.at("step").at("propertyNames").at("enum"), "load.ramp"));
    BOOST_TEST(defs.at("step").at("properties").contains("load.ramp"));
    BOOST_TEST(contains(defs.at("action").at("propertyNames").at("enum"), "load.ramp"));
}

BOOST_AUTO_TEST_CASE(a_parameter_role_and_signal_added_to_the_catalogue_appear_in_the_schema) {
    const Json builtin = bench::planSchema(RoleCatalog::builtin());
    const Json extended = bench::planSchema(extendedCatalog());
    const auto demand = [](const Json& schema) {
        return schema.at("$defs").at("action").at("properties").at("ev.demand").at("properties");
    };
    BOOST_TEST(!demand(builtin).contains("ramp_time"));
    BOOST_TEST(demand(extended).contains("ramp_time"));
    BOOST_TEST(!contains(builtin.at("$defs").at("roleList").at("items").at("enum"), "load"));
    BOOST_TEST(contains(extended.at("$defs").at("roleList").at("items").at("enum"), "load"));
    BOOST_TEST(!contains(builtin.at("$defs").at("signal").at("enum"), "load.power"));
    BOOST_TEST(contains(extended.at("$defs").at("signal").at("enum"), "load.power"));
}

BOOST_AUTO_TEST_CASE(the_builtin_vocabulary_is_complete) {
    const RoleCatalog& catalog = RoleCatalog::builtin();
    const Json schema = bench::planSchema(catalog);
    const Json& defs = schema.at("$defs");
    for (const auto& a : catalog.actions()) {
        BOOST_TEST_CONTEXT(a.qualifiedName()) {
            BOOST_TEST_REQUIRE(defs.at("action").at("properties").contains(a.qualifiedName()));
            const Json& args = defs.at("action").at("properties").at(a.qualifiedName()).at("properties");
            BOOST_TEST(args.size() == a.parameters.size());
            for (const auto& p : a.parameters) BOOST_TEST(args.contains(p.name), p.name);
        }
    }
    BOOST_TEST((defs.at("roleList").at("items").at("enum") == Json(catalog.roles())));
    // Only quantities can be measured, so the signal enum holds exactly the quantity signals.
    std::size_t quantities = 0;
    for (const auto& s : catalog.signals()) {
        const bool quantity = s.type.kind == bench::ValueType::Kind::Quantity;
        quantities += quantity ? 1 : 0;
        BOOST_TEST(contains(defs.at("signal").at("enum"), s.name) == quantity, s.name);
    }
    BOOST_TEST(defs.at("signal").at("enum").size() == quantities);
}

BOOST_AUTO_TEST_CASE(every_step_kind_and_key_of_the_grammar_is_in_the_schema) {
    const Json schema = bench::planSchema(RoleCatalog::builtin());
    const Json& steps = schema.at("$defs").at("step").at("properties");
    BOOST_TEST(bench::grammar::stepKeywords() ==
                   (std::vector<std::string>{"wait", "wait_until", "measure", "response", "bus_check", "inspect", "capture"}),
               boost::test_tools::per_element());
    for (const auto& kind : bench::grammar::stepKinds()) {
        BOOST_TEST_CONTEXT(kind.keyword) {
            BOOST_TEST_REQUIRE(steps.contains(kind.keyword));
            if (!kind.keys) continue;
            const Json& step = steps.at(kind.keyword);
            BOOST_TEST(step.at("properties").size() == kind.keys->keys.size());
            for (const auto& key : kind.keys->keys) BOOST_TEST(step.at("properties").contains(key.name), key.name);
            BOOST_TEST((step.at("required") == Json(kind.keys->requiredNames())));
        }
    }
    const auto& plan = bench::grammar::planKeys();
    BOOST_TEST(schema.at("properties").size() == plan.keys.size());
    BOOST_TEST((schema.at("required") == Json::array({"plan", "title", "cases"})));
    // The response band is required exactly for settling_time (the default metric) and
    // regulation_time; rated and steady_window for control_deviation, and only there.
    const Json& response = steps.at("response");
    BOOST_TEST(response.at("allOf").size() == 5u);
    BOOST_TEST((response.at("allOf")[0].at("if") ==
                Json{{"properties", {{"metric", {{"enum", Json::array({"settling_time", "regulation_time"})}}}}}}));
    BOOST_TEST((response.at("allOf")[0].at("then") == Json{{"required", Json::array({"band"})}}));
    const Json deviation{{"properties", {{"metric", {{"const", "control_deviation"}}}}}, {"required", Json::array({"metric"})}};
    BOOST_TEST((response.at("allOf")[1].at("if") == deviation));
    BOOST_TEST((response.at("allOf")[1].at("then") == Json{{"required", Json::array({"rated"})}}));
    BOOST_TEST((response.at("allOf")[2].at("if") == Json{{"required", Json::array({"rated"})}}));
    BOOST_TEST((response.at("allOf")[2].at("then") == deviation));
}

BOOST_AUTO_TEST_CASE(the_capture_step_schema_follows_the_grammar) {
    const Json schema = bench::planSchema(RoleCatalog::builtin());
    const Json& defs = schema.at("$defs");
    // Every daq channel, and exactly one metric per result.
    BOOST_TEST(defs.at("daqChannel").at("enum").size() == core::daqChannels().size());
    const Json& result = defs.at("captureResult");
    BOOST_TEST(result.at("oneOf").size() == 4u);
    for (const char* metric : {"interval", "peak", "value", "rate"}) {
        BOOST_TEST_CONTEXT(metric) {
            const auto& keys = bench::grammar::captureMetricKeys(metric);
            const Json& m = result.at("properties").at(metric);
            BOOST_TEST(m.at("properties").size() == keys.keys.size());
            BOOST_TEST((m.at("required") == Json(keys.requiredNames())));
        }
    }
    BOOST_TEST((defs.at("captureTrigger").at("anyOf")[0] == Json{{"const", "immediate"}}));
    BOOST_TEST((defs.at("captureEvent").at("anyOf")[0] == Json{{"const", "trigger"}}));
}

BOOST_AUTO_TEST_CASE(the_build_writes_the_schema_of_the_builtin_vocabulary) {
    // The file the build generated (and installs) is what planSchema() says today.
    const std::string path = std::string(V2G_BINARY_DIR) + "/schema/plan.schema.json";
    const std::string text = readFile(path);
    BOOST_TEST_REQUIRE(!text.empty(), path + " is missing: the v2g_plan_schema target writes it");
    BOOST_TEST(text == bench::planSchema(RoleCatalog::builtin()).dump(2) + "\n");
}

BOOST_AUTO_TEST_SUITE_END()
