// Coverage against each standard's full case list (bench/standard_coverage.hpp): every status on a
// hand-built summary, and a simulated run whose summary.json and report list all 23 DC cases of
// GB/T 34657.1-2017 though it ran two plans.
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/standard_coverage.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace bench = v2gbench::bench;
using nlohmann::json;
using v2gbench::test::TempDir;

namespace {

std::map<std::string, json> byId(const json& standard) {
    std::map<std::string, json> cases;
    for (const auto& c : standard.at("cases")) cases[c.at("id").get<std::string>()] = c;
    return cases;
}

} // namespace

BOOST_AUTO_TEST_SUITE(standard_coverage)

BOOST_AUTO_TEST_CASE(each_status_from_a_summary) {
    const json summary = json::parse(R"({
      "catalogues": [
        {"name": "S", "standard": "STD 1", "complete": true, "entries": [
          {"id": "S/A1", "clause": "A1", "title": "judged", "confidence": "single-source"},
          {"id": "S/A2", "clause": "A2", "title": "judged on an unverified criterion", "confidence": "single-source"},
          {"id": "S/A3", "clause": "A3", "title": "did not apply", "confidence": "single-source"},
          {"id": "S/A4", "clause": "A4", "title": "not run", "confidence": "single-source"},
          {"id": "S/A5", "clause": "A5", "title": "ended in a bench error", "confidence": "single-source"}]},
        {"name": "T", "standard": "STD 2", "complete": true, "entries": [
          {"id": "T/B1", "clause": "B1", "title": "untouched standard", "confidence": "confirmed"}]}],
      "requirements": [
        {"id": "S/A1", "verdict": "fail", "checks": 2},
        {"id": "S/A2", "verdict": "pass", "checks": 1},
        {"id": "S/A3", "verdict": "not-applicable", "checks": 0},
        {"id": "S/A5", "verdict": "error", "checks": 0}],
      "certificate": {"unverified_criteria": [{"requirement": "S/A2", "name": "lock_release_time"}]},
      "plans": [{"id": "p", "cases": [
        {"id": "A3", "verdict": "not-applicable", "reason": "the charger has no operator-stop capability",
         "requirements": ["S/A3"], "checks": []},
        {"id": "A5", "verdict": "error", "reason": "the daq did not answer", "requirements": ["S/A5"], "checks": []}]}]
    })");
    const json coverage = bench::standardCoverage(summary);
    BOOST_TEST_REQUIRE(coverage.size() == 1u); // STD 2: the run touched none of its cases
    BOOST_TEST(coverage[0].at("standard") == "STD 1");
    auto cases = byId(coverage[0]);
    BOOST_TEST_REQUIRE(cases.size() == 5u);
    BOOST_TEST(cases["A1"].at("status") == "tested");
    BOOST_TEST(cases["A1"].at("verdict") == "fail");
    BOOST_TEST(cases["A2"].at("status") == "unverified");
    BOOST_TEST(cases["A2"].at("verdict") == "pass");
    BOOST_TEST(cases["A2"].at("reason").get<std::string>().find("lock_release_time") != std::string::npos);
    BOOST_TEST(cases["A3"].at("status") == "not-applicable");
    BOOST_TEST(cases["A3"].at("reason") == "the charger has no operator-stop capability");
    BOOST_TEST(cases["A4"].at("status") == "not-tested");
    BOOST_TEST(cases["A4"].at("verdict").is_null());
    BOOST_TEST(cases["A5"].at("status") == "not-tested");
    BOOST_TEST(cases["A5"].at("verdict") == "error");
    BOOST_TEST(cases["A5"].at("reason") == "error: the daq did not answer");
    // A summary from before catalogues: no coverage to state.
    BOOST_TEST(bench::standardCoverage(json::object()).empty());
}

BOOST_AUTO_TEST_CASE(a_run_lists_every_case_of_the_standard_it_touched) {
    TempDir dir("coverage-run");
    const auto run = dir.path() / "run";
    std::ostringstream out, err;
    bench::AbortFlag abort;
    const int code = v2gbench::app::runCli({"run", v2gbench::test::sourcePath("testplans/gbt34657/cc1-break.yaml"),
                                            v2gbench::test::sourcePath("testplans/gbt34657/inrush-current.yaml"), "--out",
                                            run.string(), "--quiet"},
                                           out, err, abort);
    BOOST_TEST_REQUIRE(code <= 1, out.str() << err.str());
    const auto summary = json::parse(v2gbench::test::readFile((run / "summary.json").string()));
    const auto& coverage = summary.at("standard_coverage");
    BOOST_TEST_REQUIRE(coverage.size() == 1u); // GB/T 34658 and the grid-side catalogue: not touched
    BOOST_TEST(coverage[0].at("standard") == "GB/T 34657.1-2017");
    auto cases = byId(coverage[0]);
    BOOST_TEST(cases.size() == 23u);
    BOOST_TEST(cases["D0.3101"].at("status") == "tested"); // inrush: a confirmed criterion
    BOOST_TEST(cases["D0.3101"].at("verdict") == "pass");
    BOOST_TEST(cases["D0.4503"].at("status") == "unverified"); // K1/K2 ≤ 100 ms is ours
    BOOST_TEST(cases["D0.4101"].at("status") == "not-tested");
    BOOST_TEST(cases["C0.0001"].at("status") == "not-tested");
    const auto html = v2gbench::test::readFile((run / "report.html").string());
    BOOST_TEST(html.find("(23 cases, 1 tested, 1 unverified, 0 not applicable, 21 not tested)") != std::string::npos);
    BOOST_TEST(html.find("<tr class=\"coverage-not-tested\"><td><code>D0.4101</code>") != std::string::npos);
    BOOST_TEST(html.find("with checks)") == std::string::npos); // no longer the catalogue rows' count
}

BOOST_AUTO_TEST_SUITE_END()
