// The rack's night begins with its self-check (testplans/rack/self-check.yaml, `purpose:
// rack-self-check`): a rack whose instruments fail it, or whose instrument register refuses an
// instrument, records "rack not ready" (exit 4, the results database's verdict rack-not-ready) and
// the charger's plans do not run — the charger is never failed for the rack's fault.
#include "cli_in_process.hpp"
#include "test_paths.hpp"

#include "v2gbench/results/results_store.hpp"
#include "v2gbench/results/results_url.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

namespace fs = std::filesystem;
using nlohmann::json;
using v2gbench::test::sourcePath;
using v2gbench::test::TempDir;

namespace {

const std::string kChargerPlan = "testplans/gbt34657/dc-voltage-control-error.yaml";

std::vector<std::string> runArgs(const std::vector<std::string>& plans, const fs::path& out,
                                 const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"run"};
    for (const auto& p : plans) args.push_back(sourcePath(p));
    args.insert(args.end(), {"--dut", sourcePath("testplans/duts/sim-v2g-charger.yaml")});
    args.insert(args.end(), {"--requirements", sourcePath("testplans/requirements"), "--out", out.string(), "--quiet"});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

json summaryOf(const fs::path& run) { return json::parse(v2gbench::test::readFile((run / "summary.json").string())); }

std::string caseVerdict(const json& summary, const std::string& plan, const std::string& caseId) {
    for (const auto& p : summary.at("plans"))
        if (p.at("id") == plan)
            for (const auto& c : p.at("cases"))
                if (c.at("id") == caseId) return c.at("verdict");
    return "absent";
}

// The verdict the results database holds for the run stored from `runDir`.
std::string storedVerdict(const fs::path& database, const fs::path& runDir) {
    auto store = v2gbench::results::openResultsStore(v2gbench::results::sqliteUrlFor(database.string()));
    for (const auto& h : store->runs({}))
        if (fs::path(h.runFolder) == fs::absolute(runDir).lexically_normal()) return h.verdict;
    return "not stored";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, "'" << from << "' not in the text");
    return text.replace(at, from.size(), to);
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

} // namespace

BOOST_AUTO_TEST_SUITE(rack_self_check)

BOOST_AUTO_TEST_CASE(a_sound_rack_passes_its_self_check_and_the_charger_is_judged) {
    TempDir dir("rack-sound");
    const auto r = v2gbench::test::runCliInProcess(runArgs({"testplans/rack/self-check.yaml", kChargerPlan}, dir.path() / "run"));
    BOOST_TEST(r.code == 0, r.out << r.err);
    const auto s = summaryOf(dir.path() / "run");
    BOOST_TEST(s.at("rack").at("ready") == true);
    BOOST_TEST(s.at("rack").at("self_check_plans") == json::array({"rack-self-check"}));
    BOOST_TEST(s.at("plans").size() == 2u);
    BOOST_TEST(storedVerdict(dir.path() / "results.sqlite", dir.path() / "run") == "pass");
    const auto journal = v2gbench::test::readFile((dir.path() / "run" / "journal.jsonl").string());
    BOOST_TEST(journal.find("\"rack_ready\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_run_without_a_self_check_records_no_rack) {
    TempDir dir("rack-none");
    const auto r = v2gbench::test::runCliInProcess(runArgs({kChargerPlan}, dir.path() / "run"));
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(summaryOf(dir.path() / "run").at("rack").is_null());
}

// The defect the self-check exists for: a grid emulator whose output stage delivers 8 % below its
// setpoint while its own read-back shows the setpoint. Only the analyzer's check fails; the
// rack's other cases pass, and the charger's plan does not run.
BOOST_AUTO_TEST_CASE(a_drifted_grid_emulator_makes_the_rack_not_ready_and_the_charger_is_not_judged) {
    TempDir dir("rack-fault");
    const auto run = dir.path() / "run";
    const auto r = v2gbench::test::runCliInProcess(
        runArgs({"testplans/rack/self-check.yaml", kChargerPlan}, run, {"--rack-fault", "grid-source-low"}));
    BOOST_TEST(r.code == 4, r.out << r.err);
    BOOST_TEST(r.out.find("RACK NOT READY: the charger was not judged; not run: gbt34657-dc-voltage-control-error") !=
                   std::string::npos,
               r.out);
    BOOST_TEST(r.err.find("rack not ready: self-check 'rack-self-check' fail: RACK-GRID-SOURCE 'grid emulator voltage "
                          "as the analyzer reads it' fail") != std::string::npos,
               r.err);
    const auto s = summaryOf(run);
    BOOST_TEST(s.at("verdict") == "error"); // the rack's fault, never the charger's fail
    BOOST_TEST(s.at("rack").at("ready") == false);
    BOOST_TEST(s.at("rack").at("plans_not_run") == json::array({"gbt34657-dc-voltage-control-error"}));
    BOOST_TEST(s.at("settings").at("sim.rack_fault") == "grid-source-low"); // as the lab was built
    BOOST_TEST(caseVerdict(s, "rack-self-check", "RACK-GRID-SOURCE") == "fail");
    BOOST_TEST(caseVerdict(s, "rack-self-check", "RACK-OUTPUTS-OFF") == "pass");
    BOOST_TEST(caseVerdict(s, "rack-self-check", "RACK-BATTERY-SOURCE") == "pass");
    BOOST_TEST(caseVerdict(s, "gbt34657-dc-voltage-control-error", "D0.4101") == "absent");
    const auto html = v2gbench::test::readFile((run / "report.html").string());
    BOOST_TEST(html.find("RACK NOT READY") != std::string::npos);
    BOOST_TEST(storedVerdict(dir.path() / "results.sqlite", run) == "rack-not-ready");
}

// The register's refusal is the self-check's first part: with a self-check in the run, an expired
// calibration is "rack not ready" (exit 4, the instrument named), not a refused run.
BOOST_AUTO_TEST_CASE(an_expired_calibration_makes_the_rack_not_ready) {
    TempDir dir("rack-expired");
    write(dir.path() / "instruments.yaml",
          replaced(v2gbench::test::readFile(sourcePath("lab/instruments.yaml")), "  - id: SIM-ANALYZER\n    simulation: true\n",
                   "  - id: SIM-ANALYZER\n    calibration: {certificate: CAL-2019-0042, lab: NIM Beijing, date: 2019-01-02, "
                   "due: 2020-01-01}\n"));
    auto bench = v2gbench::test::readFile(sourcePath("benches/sim.yaml"));
    bench = replaced(bench, "instrument_register: ../lab/instruments.yaml",
                     "instrument_register: " + (dir.path() / "instruments.yaml").string());
    bench = replaced(bench, "ev_profile: ../testplans/evs/nmc-750v.yaml",
                     "ev_profile: " + sourcePath("testplans/evs/nmc-750v.yaml"));
    write(dir.path() / "bench.yaml", bench);
    const auto run = dir.path() / "run";
    const auto r = v2gbench::test::runCliInProcess(
        runArgs({"testplans/rack/self-check.yaml", kChargerPlan}, run, {"--bench", (dir.path() / "bench.yaml").string()}));
    BOOST_TEST(r.code == 4, r.out << r.err);
    const auto s = summaryOf(run);
    BOOST_TEST_REQUIRE(s.at("rack").at("reasons").size() == 1u);
    const std::string reason = s.at("rack").at("reasons")[0];
    BOOST_TEST(reason.find("analyzer (sim-analyzer") == 0, reason);
    BOOST_TEST(reason.find("calibration expired on 2020-01-01") != std::string::npos, reason);
    BOOST_TEST(caseVerdict(s, "rack-self-check", "RACK-GRID-SOURCE") == "pass"); // it still ran, for the record
    BOOST_TEST(s.at("rack").at("plans_not_run") == json::array({"gbt34657-dc-voltage-control-error"}));
}

BOOST_AUTO_TEST_CASE(a_self_check_after_a_charger_plan_is_invalid_input) {
    TempDir dir("rack-order");
    const auto r = v2gbench::test::runCliInProcess(runArgs({kChargerPlan, "testplans/rack/self-check.yaml"}, dir.path() / "run"));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(r.err.find("rack self-check plan 'rack-self-check' is given after the charger's plan "
                          "'gbt34657-dc-voltage-control-error': give the rack's self-check plans first") != std::string::npos,
               r.err);
    BOOST_TEST(!fs::exists(dir.path() / "run"));
}

BOOST_AUTO_TEST_CASE(an_unknown_rack_fault_is_refused_naming_the_list) {
    TempDir dir("rack-unknown");
    const auto r = v2gbench::test::runCliInProcess(
        runArgs({"testplans/rack/self-check.yaml"}, dir.path() / "run", {"--rack-fault", "grid-sorce-low"}));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(r.err.find("unknown rack fault 'grid-sorce-low' (see `v2gbench list rack-faults`)") != std::string::npos, r.err);
}

// The charger's defects are checked by the same code as the rack's faults (cli.cpp).
BOOST_AUTO_TEST_CASE(an_unknown_charger_defect_is_refused_the_same_way) {
    TempDir dir("rack-unknown-defect");
    const auto r = v2gbench::test::runCliInProcess(
        runArgs({"testplans/rack/self-check.yaml"}, dir.path() / "run", {"--defect", "slow-curent-adjustment"}));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(r.err.find("unknown defect 'slow-curent-adjustment' (see `v2gbench list defects`)") != std::string::npos, r.err);
    BOOST_TEST(!fs::exists(dir.path() / "run"));
}

BOOST_AUTO_TEST_SUITE_END()
