// Inspect steps end to end (answers file, a second answer source, no answer, a bad answer) and
// catalogue criteria in the run folder: every check carries its criterion, the summary says
// whether the run is certificate-grade.
#include "run_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

// A plan with three inspect steps against the shipped GB/T 34657.1 catalogue.
const char* kInspectPlan = R"(plan: coupler-check
title: coupler inspection
requirements: [GBT34657.1-2017/C0.0001]
cases:
  - id: C0.0001
    steps:
      - inspect:
          name: Plug dimensions
          question: Are all dimensions within GB/T 20234.3-2015 Annex A?
          answer: yes-no
          expect: {criterion: plug_dimensions}
      - inspect:
          name: Pin diameter
          question: Measure the DC+ pin diameter.
          answer: quantity
          unit: mm
          expect: {min: 12.2, max: 12.5}
      - inspect:
          name: Marking
          question: What does the rating plate say?
          answer: text
          expect: {equals: GB/T 20234.3}
)";

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Answers what it is told to, and records what it was asked.
class ScriptedAnswers : public bench::AnswerSource {
public:
    std::optional<bench::OperatorAnswer> answer(const bench::InspectQuestion& q) override {
        asked.push_back(q.planId + "/" + q.caseId + "/" + q.name);
        if (q.name == "Marking") return bench::OperatorAnswer{"GB/T 20234.3", "Wang Fang", "dialog"};
        return std::nullopt;
    }
    std::string howToAnswer() const override { return "answer in the dialog"; }
    std::vector<std::string> asked;
};

} // namespace

BOOST_AUTO_TEST_SUITE(inspect_and_criteria)

BOOST_AUTO_TEST_CASE(answers_are_judged_and_recorded_with_who_entered_them) {
    TempDir dir("inspect");
    auto plan = test::writeFile(dir.path() / "p.yaml", kInspectPlan);
    auto answers = test::writeFile(dir.path() / "answers.yaml", R"(coupler-check:
  C0.0001:
    Plug dimensions: {value: yes, by: Li Wei}
    Pin diameter: {value: 12.61 mm, by: Li Wei}
other-plan:
  X: {Y: {value: no, by: nobody}}
)");
    auto request = test::simRequest({plan}, dir.path() / "run");
    request.answersFile = answers;
    ScriptedAnswers dialog;
    request.operatorAnswers = &dialog;
    auto out = test::runQuiet(request);
    BOOST_REQUIRE(out.diagnostics.empty());
    const auto& checks = out.plans.at(0).cases.at(0).checks;
    BOOST_REQUIRE_EQUAL(checks.size(), 3u);
    BOOST_TEST(bench::toString(checks[0].verdict) == "pass");
    BOOST_TEST(checks[0].answer == "yes");
    BOOST_TEST(checks[0].answeredBy == "Li Wei");
    BOOST_TEST(checks[0].answerOrigin == answers + ":3");
    BOOST_REQUIRE(checks[0].criterion.has_value());
    BOOST_TEST(checks[0].criterion->name == "plug_dimensions");
    BOOST_TEST(checks[0].criterion->confidence == "single-source");
    BOOST_TEST(bench::toString(checks[1].verdict) == "fail"); // 12.61 mm above 12.5
    BOOST_TEST(*checks[1].value == 12.61, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(checks[1].unit == "mm");
    // The file had no answer for the third step: the second source was asked, and only for it.
    BOOST_TEST(dialog.asked == std::vector<std::string>{"coupler-check/C0.0001/Marking"});
    BOOST_TEST(bench::toString(checks[2].verdict) == "pass");
    BOOST_TEST(checks[2].answeredBy == "Wang Fang");
    // Recorded: the journal's operator_answer events, the answers file copy, summary.json.
    const auto events = test::readJournal(out.runDir);
    BOOST_TEST(test::countEvents(events, "operator_answer") == 3);
    BOOST_TEST(std::filesystem::exists(out.runDir / "inputs/answers.yaml"));
    const auto summary = nlohmann::json::parse(readAll(out.runDir / "summary.json"));
    const auto& first = summary["plans"][0]["cases"][0]["checks"][0];
    BOOST_TEST(first["answer"]["by"] == "Li Wei");
    BOOST_TEST(first["criterion"]["name"] == "plug_dimensions");
    BOOST_TEST(summary["certificate"]["certificate_grade"] == true);
    BOOST_TEST(summary["certificate"]["plan_limit_checks"] == 2);
}

BOOST_AUTO_TEST_CASE(no_answer_is_a_bench_error_that_says_how_to_give_one) {
    TempDir dir("noanswer");
    auto plan = test::writeFile(dir.path() / "p.yaml", kInspectPlan);
    auto request = test::simRequest({plan}, dir.path() / "run");
    request.answersFile.clear();
    auto out = test::runQuiet(request);
    BOOST_REQUIRE(out.diagnostics.empty());
    const auto& c = out.plans.at(0).cases.at(0).checks.at(0);
    BOOST_TEST(bench::toString(c.verdict) == "error");
    BOOST_TEST(c.reason == "no answer for 'Plug dimensions' (plan coupler-check, case C0.0001) \xE2\x80\x94 pass --answers FILE");
    BOOST_TEST(bench::toString(out.verdict) == "error");
}

BOOST_AUTO_TEST_CASE(answers_file_errors_are_refused_at_file_line_before_anything_runs) {
    TempDir dir("badanswers");
    auto plan = test::writeFile(dir.path() / "p.yaml", kInspectPlan);
    auto answers = test::writeFile(dir.path() / "answers.yaml", R"(coupler-check:
  C0.0001:
    Plug dimension: {value: yes, by: Li Wei}
    Pin diameter: {value: "12,3 mm", by: Li Wei}
  C0.0002:
    Plug dimensions: {value: yes, by: Li Wei}
)");
    auto request = test::simRequest({plan}, dir.path() / "run");
    request.answersFile = answers;
    auto out = test::runQuiet(request);
    std::vector<std::string> messages;
    for (const auto& d : out.diagnostics) messages.push_back(d.where.str() + ": " + d.message);
    BOOST_TEST(out.runDir.empty()); // nothing ran
    BOOST_REQUIRE_EQUAL(messages.size(), 3u);
    BOOST_TEST(messages[0] == answers + ":3:5: case 'C0.0001' has no inspect step 'Plug dimension' (did you mean 'Plug dimensions'?)");
    BOOST_TEST(messages[1] == answers + ":4:27: answer to 'Pin diameter' (quantity): '12,3 mm' is not a number in mm (write e.g. '12.3' or '12.3 mm')");
    BOOST_TEST(messages[2] == answers + ":5:3: plan 'coupler-check' has no case 'C0.0002' (did you mean 'C0.0001'?)");

    auto missingBy = test::writeFile(dir.path() / "a2.yaml", "coupler-check:\n  C0.0001:\n    Plug dimensions: {value: yes}\n");
    request.answersFile = missingBy;
    out = test::runQuiet(request);
    BOOST_REQUIRE_EQUAL(out.diagnostics.size(), 1u);
    BOOST_TEST(out.diagnostics[0].where.line == 3);
    BOOST_TEST(out.diagnostics[0].message == "the answer to 'Plug dimensions' needs the key 'by'");
}

BOOST_AUTO_TEST_CASE(checks_carry_their_criterion_and_an_unverified_one_costs_the_certificate) {
    TempDir dir("criteria");
    auto out = test::runQuiet(test::simRequest({test::sourcePath("testplans/gbt34657/cc1-break.yaml")}, dir.path() / "run"));
    BOOST_REQUIRE(out.diagnostics.empty());
    BOOST_TEST(bench::toString(out.verdict) == "pass");
    const auto& checks = out.plans.at(0).cases.at(0).checks;
    BOOST_REQUIRE_EQUAL(checks.size(), 3u); // CST, K1/K2 open, K3/K4 after CSD
    BOOST_REQUIRE(checks[0].criterion && checks[1].criterion && checks[2].criterion);
    BOOST_TEST(checks[0].criterion->requirement == "GBT34657.1-2017/D0.4503");
    BOOST_TEST(checks[0].criterion->name == "cst_within");
    BOOST_TEST(checks[0].limits.text == "\xE2\x89\xA4 100 ms");
    BOOST_TEST(checks[1].criterion->confidence == "unverified");
    BOOST_TEST(!checks[1].criterion->ours.empty());
    const auto summary = nlohmann::json::parse(readAll(out.runDir / "summary.json"));
    BOOST_TEST(summary["certificate"]["certificate_grade"] == false);
    BOOST_TEST(summary["certificate"]["statement"] == "certificate-grade: no \xE2\x80\x94 1 unverified criterion");
    BOOST_TEST(summary["certificate"]["unverified_criteria"][0]["name"] == "k1k2_open_within");
    bool listed = false;
    for (const auto& c : summary["catalogues"])
        if (c["name"] == "GB/T 34657.1-2017") listed = c["complete"] == true && c["entries"].size() == 23u;
    BOOST_TEST(listed);
}

BOOST_AUTO_TEST_SUITE_END()
