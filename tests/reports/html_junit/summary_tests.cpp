#include "sample_run.hpp"

#include "v2gbench/reports/reports.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench::reports;
using v2gbench::reports::test::TempDir;

namespace v2gbench::reports {
// Lets BOOST_TEST print verdicts in failure messages.
std::ostream& boost_test_print_type(std::ostream& os, Verdict v) { return os << toString(v); }
} // namespace v2gbench::reports

namespace {

// Runs `f` and returns the std::runtime_error message it must throw.
template <typename F>
std::string errorOf(F&& f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    BOOST_FAIL("expected std::runtime_error");
    return {};
}

std::string loadError(const std::filesystem::path& dir) {
    return errorOf([&] { loadRunSummary(dir); });
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

} // namespace

BOOST_AUTO_TEST_SUITE(run_summary_loading)

BOOST_AUTO_TEST_CASE(sample_round_trips) {
    TempDir dir;
    test::writeSampleRun(dir.path());
    const RunSummary s = loadRunSummary(dir.path());
    BOOST_TEST(s.runId == "20261126T101500Z-gbt34657-dc-current-control-error");
    BOOST_TEST(s.verdict == Verdict::Aborted);
    BOOST_TEST(*s.exitCode == 3);
    BOOST_REQUIRE_EQUAL(s.plans.size(), 4u);
    BOOST_REQUIRE_EQUAL(s.plans[0].cases.size(), 3u);
    const CheckResult& c = s.plans[0].cases[0].checks.at(0);
    BOOST_TEST(*c.value == 10.02);
    BOOST_TEST(*c.low == 9.7);
    BOOST_TEST(c.trace == "signals/0001.csv");
    BOOST_TEST(*c.tStartS == 31.0);
    const CheckResult& settle = s.plans[0].cases[2].checks.at(0);
    BOOST_TEST(!settle.low.has_value()); // null: unbounded below
    BOOST_TEST(settle.metric == "settling_time");
    BOOST_TEST(!s.plans[2].cases[0].checks.at(0).value.has_value());
    BOOST_TEST(s.settings.at(0).first == "sim.defect");
    BOOST_REQUIRE_EQUAL(s.dut.ratings.size(), 2u);
    for (const auto& [key, value] : s.dut.ratings) {
        BOOST_TEST((key == "dc_max_voltage_V" ? value == "750" : value == "100"), key << " = " << value);
    }
    BOOST_TEST(s.requirements.at(1).confidence == "unverified");
    BOOST_TEST(s.requirements.at(0).source == "GB/T 34657.1-2017 6.3.5.2 (public transcription)");
    BOOST_TEST(s.catalogues.size() == 1u);
    BOOST_TEST(s.catalogues.at(0).complete);
    BOOST_TEST(s.catalogues.at(0).entries.size() == 3u);
    BOOST_TEST(s.certificate.known);
    BOOST_TEST(!s.certificate.certificateGrade);
    BOOST_TEST(s.certificate.unverified.size() == 1u);
    BOOST_TEST(s.certificate.unverified.at(0).second.ours == "2 s is our engineering bound");
    BOOST_TEST(s.plans.at(0).cases.at(0).checks.at(0).criterion.name == "current_error");
    BOOST_TEST(s.plans.at(0).cases.at(0).checks.at(0).criterionRequirement == "GBT34657.1-2017/D0.4102");
    BOOST_TEST(s.plans.at(0).cases.at(2).checks.at(0).criterion.confidence == "unverified");
    BOOST_TEST(!s.requirements.at(1).verdict.has_value());
    BOOST_TEST(s.counts.at("not-applicable") == 2);
}

BOOST_AUTO_TEST_CASE(verdict_order) {
    BOOST_TEST(worst(Verdict::Pass, Verdict::NotApplicable) == Verdict::NotApplicable);
    BOOST_TEST(worst(Verdict::Fail, Verdict::Inconclusive) == Verdict::Fail);
    BOOST_TEST(worst(Verdict::Error, Verdict::Aborted) == Verdict::Aborted);
    BOOST_TEST(parseVerdict("not-applicable") == Verdict::NotApplicable);
    BOOST_TEST(toString(Verdict::Inconclusive) == "inconclusive");
    BOOST_CHECK_THROW(parseVerdict("PASS"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(minimal_summary_is_enough) {
    TempDir dir;
    test::writeFile(dir.path() / "summary.json",
                    R"({"format":"v2gbench-run/1","run_id":"r1","verdict":"error","plans":[
                        {"id":"p","verdict":"error","cases":[{"id":"c","verdict":"error",
                          "checks":[{"name":"only a name","verdict":"error"}]}]}]})");
    BOOST_REQUIRE_NO_THROW(writeJunitXml(dir.path(), dir.path() / "junit.xml"));
    BOOST_REQUIRE_NO_THROW(writeHtmlReport(dir.path(), dir.path() / "report.html"));
    const std::string xml = test::readFile(dir.path() / "junit.xml");
    BOOST_TEST(contains(xml, "tests=\"1\""));
    BOOST_TEST(contains(xml, "errors=\"1\""));
    BOOST_TEST(contains(test::readFile(dir.path() / "report.html"), "only a name"));
}

BOOST_AUTO_TEST_CASE(manifest_inputs_are_listed) {
    TempDir dir;
    test::writeSampleRun(dir.path());
    test::writeFile(dir.path() / "manifest.json",
                    R"({"inputs":[{"copy":"inputs/requirements-1.yaml","original":"testplans/requirements/gbt34657.yaml",
                        "sha256":"dddd"},{"copy":"inputs/bench.yaml","original":"benches/sim.yaml","sha256":"bbbb"}]})");
    const std::string html = renderHtmlReport(loadRunSummary(dir.path()), dir.path());
    BOOST_TEST(contains(html, "inputs/requirements-1.yaml"));
    BOOST_TEST(test::countOccurrences(html, "<code>inputs/bench.yaml</code>") == 1u); // not listed twice
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(run_summary_errors)

BOOST_AUTO_TEST_CASE(missing_summary_names_the_file) {
    TempDir dir;
    const std::string message = loadError(dir.path());
    BOOST_TEST(contains(message, (dir.path() / "summary.json").string()), message);
    BOOST_TEST(contains(message, "cannot open"), message);
    // The writers pass the error through and leave no output behind.
    const std::string junit = errorOf([&] { writeJunitXml(dir.path(), dir.path() / "junit.xml"); });
    BOOST_TEST(contains(junit, "summary.json"), junit);
    BOOST_TEST(!std::filesystem::exists(dir.path() / "junit.xml"));
    const std::string html = errorOf([&] { writeHtmlReport(dir.path(), dir.path() / "report.html"); });
    BOOST_TEST(contains(html, "summary.json"), html);
    BOOST_TEST(!std::filesystem::exists(dir.path() / "report.html"));
}

BOOST_AUTO_TEST_CASE(malformed_json_names_the_file) {
    TempDir dir;
    test::writeFile(dir.path() / "summary.json", R"({"format": "v2gbench-run/1", "run_id": )");
    const std::string message = loadError(dir.path());
    BOOST_TEST(contains(message, (dir.path() / "summary.json").string()), message);
    BOOST_TEST(contains(message, "invalid JSON"), message);
}

BOOST_AUTO_TEST_CASE(missing_required_field_is_named) {
    TempDir dir;
    auto summary = test::writeSampleRun(dir.path());
    summary.erase("run_id");
    test::writeFile(dir.path() / "summary.json", summary.dump());
    const std::string message = loadError(dir.path());
    BOOST_TEST(contains(message, "summary.json"), message);
    BOOST_TEST(contains(message, "missing required field 'run_id'"), message);
}

BOOST_AUTO_TEST_CASE(wrong_type_names_the_json_path) {
    TempDir dir;
    auto summary = test::writeSampleRun(dir.path());
    summary["plans"][0]["cases"][1]["checks"][0]["value"] = "thirty-one";
    test::writeFile(dir.path() / "summary.json", summary.dump());
    const std::string message = loadError(dir.path());
    BOOST_TEST(contains(message, "summary.json"), message);
    BOOST_TEST(contains(message, "plans[0].cases[1].checks[0].value"), message);
    BOOST_TEST(contains(message, "got string"), message);
}

BOOST_AUTO_TEST_CASE(unknown_verdict_and_format_are_rejected) {
    TempDir dir;
    auto summary = test::writeSampleRun(dir.path());
    summary["plans"][3]["cases"][0]["verdict"] = "passed";
    test::writeFile(dir.path() / "summary.json", summary.dump());
    std::string message = loadError(dir.path());
    BOOST_TEST(contains(message, "unknown verdict 'passed'"), message);
    BOOST_TEST(contains(message, "plans[3].cases[0].verdict"), message);

    summary = test::writeSampleRun(dir.path());
    summary["format"] = "v2gbench-run/2";
    test::writeFile(dir.path() / "summary.json", summary.dump());
    message = loadError(dir.path());
    BOOST_TEST(contains(message, "unsupported format 'v2gbench-run/2'"), message);
}

BOOST_AUTO_TEST_CASE(top_level_must_be_an_object) {
    TempDir dir;
    test::writeFile(dir.path() / "summary.json", "[1, 2, 3]");
    const std::string message = loadError(dir.path());
    BOOST_TEST(contains(message, "summary.json: expected an object, got array"), message);
}

BOOST_AUTO_TEST_SUITE_END()
