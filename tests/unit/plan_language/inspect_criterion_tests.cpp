// The plan loader's side of catalogue criteria and inspect steps: what resolves, and every
// refusal at the plan's file:line:column.
#include "test_paths.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

const RequirementSet& catalogues() {
    static const RequirementSet set = [] {
        RequirementSet s;
        s.loadFolder(test::sourcePath("tests/support/requirements")); // fixed line numbers
        return s;
    }();
    return set;
}

PlanLoadContext context() {
    PlanLoadContext c;
    c.requirements = &catalogues();
    c.isKnownRequirement = [](const std::string& id) { return catalogues().contains(id); };
    return c;
}

std::string plan(const std::string& requirements, const std::string& steps) {
    return "plan: p\ntitle: t\nrequirements: [" + requirements +
           "]\nrequires: {roles: [ev, analyzer]}\ncases:\n  - id: c\n    steps:\n" + steps;
}

std::vector<std::string> errors(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : loadPlanText(text, "p.yaml", context()).diagnostics)
        out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message);
    return out;
}

const Step& firstStep(const PlanLoadResult& r) { return r.plan->cases.at(0).steps.at(0); }

} // namespace

BOOST_AUTO_TEST_SUITE(inspect_and_criteria)

BOOST_AUTO_TEST_CASE(a_criterion_brings_the_catalogue_limits_and_their_provenance) {
    const auto r = loadPlanText(plan("GBT34657.1-2017/D0.4503",
                                     "      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, "
                                     "expect: {criterion: output_off}}\n"),
                                "p.yaml", context());
    BOOST_REQUIRE(r.plan);
    const auto& m = std::get<MeasureStep>(firstStep(r));
    BOOST_REQUIRE(m.expect.criterion);
    BOOST_TEST(m.expect.max->text() == "1 A");
    BOOST_TEST(m.expect.criterion->requirement == "GBT34657.1-2017/D0.4503");
    BOOST_TEST(m.expect.criterion->confidence == "unverified");
    BOOST_TEST(!m.expect.criterion->ours.empty());
    BOOST_TEST(m.expect.criterion->definedAt.file.find("fixture-catalogue.yaml") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_step_requirements_choose_among_criteria_of_the_same_name) {
    // D0.4503 and D0.4504 both define output_off: the plan's list is ambiguous, the step's is not.
    const std::string step = "      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, "
                             "expect: {criterion: output_off}, requirements: [GBT34657.1-2017/D0.4504]}\n";
    BOOST_TEST(errors(plan("GBT34657.1-2017/D0.4503, GBT34657.1-2017/D0.4504", step)).empty());
    BOOST_TEST(errors(plan("GBT34657.1-2017/D0.4503, GBT34657.1-2017/D0.4504",
                           "      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, "
                           "expect: {criterion: output_off}}\n")) ==
               std::vector<std::string>{"8:90: criterion 'output_off' is ambiguous: GBT34657.1-2017/D0.4503 and "
                                        "GBT34657.1-2017/D0.4504 both define it; name the one you mean in the step's "
                                        "'requirements'"});
}

BOOST_AUTO_TEST_CASE(a_plan_without_catalogues_cannot_use_a_criterion) {
    PlanLoadContext none;
    const auto r = loadPlanText(plan("X/1", "      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, "
                                            "expect: {criterion: output_off}}\n"),
                                "p.yaml", none);
    BOOST_REQUIRE_EQUAL(r.diagnostics.size(), 1u);
    BOOST_TEST(r.diagnostics[0].message == "criterion 'output_off' cannot be resolved: no requirement catalogue is loaded");
}

BOOST_AUTO_TEST_CASE(inspect_steps_load_with_their_answer_kind) {
    const auto r = loadPlanText(plan("GBT34657.1-2017/C0.0001",
                                     "      - inspect:\n"
                                     "          name: Plug dimensions\n"
                                     "          question: Within Annex A?\n"
                                     "          answer: yes-no\n"
                                     "          expect: {criterion: plug_dimensions}\n"
                                     "      - inspect: {name: Pin, question: 'Diameter?', answer: quantity, unit: mm, "
                                     "expect: {min: 12.2, max: 12.5}}\n"),
                                "p.yaml", context());
    BOOST_REQUIRE_MESSAGE(r.plan, (r.diagnostics.empty() ? "" : r.diagnostics[0].str()));
    const auto& yes = std::get<InspectStep>(r.plan->cases[0].steps[0]);
    BOOST_TEST(toString(yes.answer) == "yes-no");
    BOOST_TEST(*yes.expect.equals == "yes");
    BOOST_TEST(yes.expect.criterion->name == "plug_dimensions");
    const auto& pin = std::get<InspectStep>(r.plan->cases[0].steps[1]);
    BOOST_TEST(pin.unit == "mm");
    BOOST_TEST(pin.expect.max->text() == "12.5");
}

BOOST_AUTO_TEST_CASE(inspect_mistakes_are_reported_where_they_are) {
    const std::string reqs = "GBT34657.1-2017/C0.0001";
    BOOST_TEST(errors(plan(reqs, "      - inspect: {name: A, question: 'Q?', answer: yes-or-no, expect: {equals: yes}}\n")) ==
               std::vector<std::string>{"8:52: unknown answer kind 'yes-or-no' (did you mean 'yes-no'?); choose yes-no, "
                                        "quantity or text"});
    BOOST_TEST(errors(plan(reqs, "      - inspect: {name: A, question: 'Q?', answer: yes-no, expect: {equals: maybe}}\n")) ==
               std::vector<std::string>{"8:68: a yes-no answer is judged with {equals: yes} or {equals: no}, not 'maybe'"});
    BOOST_TEST(errors(plan(reqs, "      - inspect: {name: A, question: 'Q?', answer: quantity, expect: {max: 3}}\n")) ==
               std::vector<std::string>{"8:18: missing required key 'unit' (a quantity answer needs its unit, e.g. mm)"});
    BOOST_TEST(errors(plan(reqs, "      - inspect: {name: A, question: 'Q?', answer: yes-no, unit: mm, expect: {equals: yes}}\n")) ==
               std::vector<std::string>{"8:60: 'unit' only applies to answer 'quantity'"});
    BOOST_TEST(errors(plan(reqs, "      - inspect: {name: A, question: 'Q?', answer: yes-no, expect: {max: 3}}\n")) ==
               std::vector<std::string>{"8:68: a yes-no or text answer is judged with {equals: ...} or {criterion: NAME}"});
    BOOST_TEST(errors(plan(reqs, "      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, expect: {equals: yes}}\n")) ==
               std::vector<std::string>{"8:79: 'equals' is for inspect steps with yes-no or text answers; use min/max or "
                                        "nominal and tolerance"});
    BOOST_TEST(errors(plan(reqs, "      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, "
                                 "expect: {criterion: plug_dimensions}}\n")) ==
               std::vector<std::string>{"8:90: criterion 'plug_dimensions' (fixture-catalogue.yaml:11) expects the answer "
                                        "'yes'; only an inspect step can use it"});
}

BOOST_AUTO_TEST_SUITE_END()
