#include "v2gbench/bench/plan_loader.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

PlanLoadContext context() {
    PlanLoadContext c;
    c.dutTypes = [](const std::string& n) -> std::optional<ValueType> {
        if (n == "dut.dc.max_current") return ValueType::quantity(core::Dimension::current());
        if (n == "dut.bidirectional") return ValueType::boolean();
        return std::nullopt;
    };
    c.isKnownRequirement = [](const std::string& id) { return id.rfind("GBT34657.1-2017/", 0) == 0; };
    return c;
}

const char* kPlan = R"(plan: gbt34657-dc-current-control-error
title: Output current control error
description: Checks the DC output current against the demand.
requirements: [GBT34657.1-2017/D0.4102]
requires: {roles: [grid, battery, ev, analyzer], capabilities: [four-quadrant]}
applies_if: dut.dc.max_current >= 30 A
parameters:
  battery_voltage: 400 V
  currents: [10 A, 30 A, dut.dc.max_current]
  step_time: 2 * 1.5 s
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: battery_voltage, soc: 50 %}
  - ev.connect: {}
  - wait_until: {condition: ev.phase == 'charging', timeout: 30 s}
cases:
  - id: D0.4102
    title: current control
    for_each: {current: currents}
    steps:
      - ev.demand: {voltage: 450 V, current: current, mode: constant-current}
      - wait: step_time
      - measure:
          name: output current at ${current}
          signal: analyzer.dc_current
          window: 1 s
          statistic: rms
          expect: {nominal: current, tolerance: "current < 30 A ? 0.3 A : 1 %"}
      - response:
          name: stop rate
          command: {ev.demand: {voltage: 450 V, current: 0 A}}
          signal: analyzer.dc_current
          target: 0 A
          metric: slew_rate
          timeout: 2 s
          expect: {min: 20 A/s}
teardown:
  - ev.stop:
  - battery.off: {}
  - grid.off: {}
)";

} // namespace

BOOST_AUTO_TEST_SUITE(plan_loader)

BOOST_AUTO_TEST_CASE(a_valid_plan_loads_with_the_expected_structure) {
    const PlanLoadResult r = loadPlanText(kPlan, "dc.yaml", context());
    for (const auto& d : r.diagnostics) BOOST_TEST_MESSAGE(d.str());
    BOOST_TEST(r.diagnostics.empty());
    BOOST_TEST_REQUIRE(r.plan.has_value());
    const Plan& p = *r.plan;
    BOOST_TEST(p.id == "gbt34657-dc-current-control-error");
    BOOST_TEST(p.title == "Output current control error");
    BOOST_TEST(p.file == "dc.yaml");
    BOOST_TEST(p.sourceText == kPlan);
    BOOST_TEST(p.requirements == std::vector<std::string>{"GBT34657.1-2017/D0.4102"}, boost::test_tools::per_element());
    BOOST_TEST(p.requiredRoles.size() == 4u);
    BOOST_TEST(p.requiredCapabilities == std::vector<std::string>{"four-quadrant"}, boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(p.appliesIf.has_value());
    BOOST_TEST(p.appliesIf->text() == "dut.dc.max_current >= 30 A");
    BOOST_TEST(p.appliesIf->where().line == 6);
    BOOST_TEST(p.appliesIf->where().column == 13);

    BOOST_TEST_REQUIRE(p.parameters.size() == 3u);
    BOOST_TEST(p.parameters[1].name == "currents");
    BOOST_TEST(p.parameters[1].value.text() == "[10 A, 30 A, dut.dc.max_current]");
    const Value currents = p.parameters[1].value.evaluate([](const std::string& n) -> std::optional<Value> {
        if (n == "dut.dc.max_current") return Value(core::Quantity::of(125.0, core::Dimension::current()));
        return std::nullopt;
    });
    BOOST_TEST_REQUIRE(currents.list().size() == 3u);
    BOOST_TEST(currents.list()[2].quantity().value == 125.0);

    BOOST_TEST_REQUIRE(p.setup.size() == 4u);
    const auto& apply = std::get<ActionStep>(p.setup[0]);
    BOOST_TEST(apply.role == "grid");
    BOOST_TEST(apply.action == "apply");
    BOOST_TEST(apply.arguments.at("voltage").text() == "230 V");
    BOOST_TEST(apply.where.line == 12);
    BOOST_TEST(apply.where.column == 5);
    const auto& wu = std::get<WaitUntilStep>(p.setup[3]);
    BOOST_TEST(wu.condition.text() == "ev.phase == 'charging'");
    BOOST_TEST(wu.poll.evaluate({}).quantity().value == 0.01);

    BOOST_TEST_REQUIRE(p.cases.size() == 1u);
    const Case& c = p.cases[0];
    BOOST_TEST(c.id == "D0.4102");
    BOOST_TEST(c.title == "current control");
    BOOST_TEST(c.requirements.empty()); // empty: the plan's apply
    BOOST_TEST_REQUIRE(c.forEach.size() == 1u);
    BOOST_TEST(c.forEach[0].variable == "current");
    BOOST_TEST(c.forEach[0].values.text() == "currents");
    BOOST_TEST_REQUIRE(c.steps.size() == 4u);

    const auto& demand = std::get<ActionStep>(c.steps[0]);
    BOOST_TEST(demand.arguments.at("mode").evaluate({}).string() == "constant-current");
    BOOST_TEST(std::get<WaitStep>(c.steps[1]).duration.text() == "step_time");

    const auto& m = std::get<MeasureStep>(c.steps[2]);
    BOOST_TEST(m.signal == "analyzer.dc_current");
    BOOST_TEST(toString(m.statistic) == "rms");
    BOOST_TEST(m.samplePeriod.evaluate({}).quantity().value == 0.01);
    BOOST_TEST(m.name.render([](const std::string&) -> std::optional<Value> {
        return Value(core::Quantity::of(30.0, core::Dimension::current()));
    }) == "output current at 30 A");
    BOOST_TEST_REQUIRE(m.expect.tolerance.has_value());
    BOOST_TEST(m.expect.tolerance->text() == "current < 30 A ? 0.3 A : 1 %");
    // The quoted scalar's expression starts after the quote.
    BOOST_TEST(m.expect.tolerance->where().column == 50);
    BOOST_TEST(!m.expect.min.has_value());

    const auto& resp = std::get<ResponseStep>(c.steps[3]);
    BOOST_TEST(resp.command.role == "ev");
    BOOST_TEST(resp.command.arguments.at("current").text() == "0 A");
    BOOST_TEST(toString(resp.metric) == "slew_rate");
    BOOST_TEST(resp.band.empty());
    BOOST_TEST(resp.samplePeriod.evaluate({}).quantity().value == 0.001);
    BOOST_TEST_REQUIRE(resp.expect.min.has_value());
    BOOST_TEST(resp.expect.min->text() == "20 A/s");

    BOOST_TEST_REQUIRE(p.teardown.size() == 3u);
    BOOST_TEST(std::get<ActionStep>(p.teardown[0]).action == "stop");
    BOOST_TEST(std::get<ActionStep>(p.teardown[0]).arguments.empty());
}

BOOST_AUTO_TEST_CASE(all_errors_are_reported_in_source_order) {
    const std::string text = "plan: x\n"
                             "title: t\n"
                             "requires: {roles: [grid]}\n"
                             "cases:\n"
                             "  - id: a\n"
                             "    steps:\n"
                             "      - wait: 3 V\n"
                             "      - grid.aply: {}\n"
                             "      - wait: 3\n";
    const PlanLoadResult r = loadPlanText(text, "p.yaml", context());
    BOOST_TEST(!r.plan.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 3u);
    BOOST_TEST(r.diagnostics[0].str() == "p.yaml:7:15: error: expected a time (s), got a voltage (V)");
    BOOST_TEST(r.diagnostics[1].str() == "p.yaml:8:9: error: unknown action 'grid.aply' (did you mean 'grid.apply'?)");
    BOOST_TEST(r.diagnostics[2].str() ==
               "p.yaml:9:15: error: expected a time (s), got a plain number \xE2\x80\x94 add a unit, e.g. '3 s'");
}

BOOST_AUTO_TEST_CASE(missing_file) {
    const PlanLoadResult r = loadPlanFile("/nonexistent/plan.yaml", context());
    BOOST_TEST(!r.plan.has_value());
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].message == "cannot open (No such file or directory)");
}

BOOST_AUTO_TEST_SUITE_END()
