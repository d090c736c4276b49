// history, compare, trend and flaky on a generated history: on rack-1 a defect appears on night 12
// with DUT firmware 1.1; one check flips at random on unchanged firmware; rack-2 stays on 1.0.
#include "cli_in_process.hpp"
#include "results_history.hpp"
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/results/history.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace v2gbench;
using namespace v2gbench::results;
namespace fs = std::filesystem;

namespace {

test::CliResult cli(const std::vector<std::string>& args) { return test::runCliInProcess(args); }

// One database with both racks' nights, imported through `results import` as a lab would.
struct GeneratedHistory {
    test::TempDir dir{"results-history"};
    std::string url = "sqlite://" + dir.file("results.sqlite");
    test::HistorySpec rack1;
    test::HistorySpec rack2;
    GeneratedHistory() {
        rack2.rack = "rack-2";
        rack2.defectNight = 99; // never: firmware 1.0 and no defect throughout
        rack2.flakySeed = 3;
        test::writeHistory(dir.path() / "runs", rack1);
        test::writeHistory(dir.path() / "runs", rack2);
        const auto r = cli({"results", "import", (dir.path() / "runs").string(), "--results", url});
        BOOST_TEST_REQUIRE(r.code == 0, r.err);
        BOOST_TEST_REQUIRE(r.out.find("40 imported") != std::string::npos, r.out);
    }
    nlohmann::json json(std::vector<std::string> args) {
        args.insert(args.end(), {"--json", "--results", url});
        const auto r = cli(args);
        BOOST_TEST_REQUIRE(r.code == 0, r.err);
        return nlohmann::json::parse(r.out);
    }
};

// The flaky check's verdicts on one rack, per firmware: the generator must have flipped it, or the
// test below could not fail.
std::map<std::string, std::set<std::string>> flakyVerdicts(ResultsStore& store, const std::string& rack) {
    std::map<std::string, std::set<std::string>> out;
    RunFilter f;
    f.rack = rack;
    f.check = test::kFlakyCheck;
    for (const auto& p : buildTrend(store, f).points) out[p.run.dutFirmware].insert(p.point.verdict);
    return out;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(results_history, GeneratedHistory)

BOOST_AUTO_TEST_CASE(trend_names_the_first_failing_night_and_its_firmware) {
    const auto j = json({"trend", test::kDefectCheck});
    BOOST_TEST(j["check"] == "gen-plan/C1/output current");
    BOOST_TEST(j["points"].size() == 40u);
    BOOST_TEST(j["first_fail"]["night"] == test::nightDate(12));
    BOOST_TEST(j["first_fail"]["dut_firmware"] == "1.1");
    BOOST_TEST(j["first_fail"]["rack"] == "rack-1");
    BOOST_TEST(j["points"][0]["low"] == 9.7);
    BOOST_TEST(j["points"][0]["high"] == 10.3);

    const auto text = cli({"trend", "gen-plan/C1/output current", "--rack", "rack-1", "--results", url});
    BOOST_TEST(text.code == 0, text.err);
    BOOST_TEST(text.out.find("first failed: night " + test::nightDate(12) + " on rack rack-1, DUT firmware 1.1 (run rack-1-night-12)") !=
                   std::string::npos,
               text.out);

    // A name no check has, and a trend on rack-2 (never failed), say so.
    const auto unknown = cli({"trend", "no such check", "--results", url});
    BOOST_TEST(unknown.code == 2);
    BOOST_TEST(unknown.err.find("no stored check is named 'no such check'") != std::string::npos, unknown.err);
    const auto healthy = cli({"trend", test::kDefectCheck, "--rack", "rack-2", "--results", url});
    BOOST_TEST(healthy.out.find("never failed in these 20 runs") != std::string::npos, healthy.out);
}

BOOST_AUTO_TEST_CASE(flaky_names_the_flipping_check_and_not_the_defect) {
    auto store = openResultsStore(parseResultsUrl(url));
    const auto verdicts = flakyVerdicts(*store, "rack-1");
    const bool flipped = std::any_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.second.size() == 2; });
    BOOST_TEST_REQUIRE(flipped, "the generated flaky check never flipped on one firmware");

    const auto j = json({"flaky"});
    std::set<std::string> checks;
    for (const auto& f : j["flaky"]) {
        checks.insert(f["check"].get<std::string>());
        BOOST_TEST(f["passes"].get<int>() > 0);
        BOOST_TEST(f["fails"].get<int>() > 0);
    }
    BOOST_TEST(checks.size() == 1u);
    BOOST_TEST(checks.count("gen-plan/C2/contactor open time") == 1u);
    BOOST_TEST(checks.count("gen-plan/C1/output current") == 0u);
    // Each flaky entry is one rack, firmware and software version where the verdict flipped.
    for (const auto& f : j["flaky"]) {
        const auto v = flakyVerdicts(*store, f["rack"]);
        BOOST_TEST(v.at(f["dut_firmware"].get<std::string>()).size() == 2u);
    }
}

BOOST_AUTO_TEST_CASE(history_is_the_verdict_matrix_of_nights_by_cases) {
    const auto j = json({"history", "--rack", "rack-1", "--since", "2026-11-01"});
    BOOST_TEST(j["runs"].size() == 20u);
    BOOST_TEST(j["rows"].size() == 3u);
    const auto& c1 = j["rows"][0];
    BOOST_TEST(c1["key"] == "gen-plan/C1");
    for (std::size_t n = 1; n <= 20; ++n) {
        const std::string key = j["runs"][n - 1]["run_key"];
        BOOST_TEST(j["runs"][n - 1]["night"] == test::nightDate(static_cast<int>(n)));
        BOOST_TEST(c1["verdicts"][key] == (n >= 12 ? "fail" : "pass"), "night " << n);
        BOOST_TEST(j["rows"][2]["verdicts"][key] == "pass");
    }
    // Default: the latest 14 nights; --dut-firmware and --plan filter.
    BOOST_TEST(json({"history"})["runs"].size() == 28u); // 14 nights × 2 racks
    BOOST_TEST(json({"history", "--since", "2026-11-01", "--dut-firmware", "1.1"})["runs"].size() == 9u);
    BOOST_TEST(json({"history", "--plan", "no-such-plan"})["rows"].empty());
    const auto checks = json({"history", "--since", "3d", "--check", test::kDefectCheck});
    BOOST_TEST(checks["runs"].size() == 8u);
    BOOST_TEST(checks["rows"][0]["key"] == "gen-plan/C1/output current");

    const auto text = cli({"history", "--rack", "rack-1", "--since", "2026-11-01", "--results", url});
    BOOST_TEST(text.out.find("gen-plan/C1  PPPPPPPPPPPFFFFFFFFF") != std::string::npos, text.out);
    const auto missing = cli({"history", "--results", "sqlite://" + dir.file("none.sqlite")});
    BOOST_TEST(missing.code == 2);
    BOOST_TEST(missing.err == "v2gbench: history: no results database sqlite://" + dir.file("none.sqlite") +
                                  " (`run` creates it; elsewhere: --results URL or V2G_RESULTS)\n");
    BOOST_TEST(!fs::exists(dir.file("none.sqlite")));
    const auto badSince = cli({"history", "--since", "yesterday", "--results", url});
    BOOST_TEST(badSince.code == 2);
    BOOST_TEST(badSince.err.find("--since 'yesterday': expected a night YYYY-MM-DD or Nd") != std::string::npos, badSince.err);
}

BOOST_AUTO_TEST_CASE(compare_lists_changed_verdicts_and_values_with_their_u) {
    const auto j = json({"compare", "rack-1-night-11", "rack-1-night-12"});
    BOOST_TEST(j["case_verdicts"].size() >= 1u);
    bool defectCase = false;
    for (const auto& c : j["case_verdicts"])
        if (c["key"] == "gen-plan/C1") defectCase = c["a"] == "pass" && c["b"] == "fail";
    BOOST_TEST(defectCase);
    std::set<std::string> valueKeys;
    for (const auto& v : j["values"]) valueKeys.insert(v["key"].get<std::string>());
    BOOST_TEST(valueKeys.count("gen-plan/C1/output current") == 1u);
    // The stable checks moved by 1 mA, inside their combined U of 14 mA: not listed.
    BOOST_TEST(valueKeys.count("gen-plan/C3/stable 0") == 0u);
    for (const auto& v : j["values"])
        if (v["key"] == "gen-plan/C1/output current") {
            BOOST_TEST(v["a"] == 10.0);
            BOOST_TEST(v["b"] == 12.0);
            BOOST_TEST(v["u_a"] == 0.02);
        }
    const auto text = cli({"compare", "rack-1-night-11", "rack-1-night-12", "--results", url});
    BOOST_TEST(text.out.find("gen-plan/C1/output current: 10 ± 0.02 -> 12 ± 0.02 A") != std::string::npos, text.out);
    const auto missing = cli({"compare", "rack-1-night-11", "night-99", "--results", url});
    BOOST_TEST(missing.code == 2);
    BOOST_TEST(missing.err.find("no run 'night-99' in " + url) != std::string::npos, missing.err);
}

BOOST_AUTO_TEST_SUITE_END()
