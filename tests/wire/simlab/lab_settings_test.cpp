// On a wire bench, the simulated lab's settings are read back over its control port: a run's
// --defect is either what v2gbench-sim runs (applied: the plan catches it) or refused with exit 2
// and the command that starts the lab that way. summary.json holds only read-back settings.
#include "wire_lab.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace v2gbench;
using test::TempDir;

namespace {

const std::string kPlan = "testplans/gbt34658/bcl-timeout.yaml";
const std::string kDefect = "ignores-bcl-timeout";

nlohmann::json summaryOf(const std::filesystem::path& runDir) {
    std::ifstream in(runDir / "summary.json");
    return nlohmann::json::parse(in);
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_lab_settings)

BOOST_AUTO_TEST_CASE(a_defect_the_lab_does_not_run_is_refused_with_the_command) {
    TempDir dir("labset-refused");
    test::WireLab lab(dir); // conforming charger
    auto request = test::wireRequest(lab, {test::sourcePath(kPlan)}, dir.path() / "run");
    request.settings["sim.defect"] = kDefect;
    const auto out = test::runQuiet(request);
    BOOST_TEST((out.verdict == bench::Verdict::Error));
    BOOST_TEST(out.plans.empty());
    BOOST_TEST(out.error.find("runs the conforming charger, but this run asks for defect 'ignores-bcl-timeout'") !=
                   std::string::npos,
               out.error);
    BOOST_TEST(out.error.find("start it as `v2gbench-sim") != std::string::npos, out.error);
    BOOST_TEST(out.error.find("--defect ignores-bcl-timeout") != std::string::npos, out.error);
    // Nothing recorded as applied.
    BOOST_TEST(summaryOf(out.runDir).at("settings").empty());
}

BOOST_AUTO_TEST_CASE(a_defect_the_lab_runs_is_applied_caught_and_recorded) {
    TempDir dir("labset-applied");
    test::WireLab lab(dir, kDefect);
    auto request = test::wireRequest(lab, {test::sourcePath(kPlan)}, dir.path() / "run");
    request.settings["sim.defect"] = kDefect;
    const auto out = test::runQuiet(request);
    BOOST_TEST(out.error.empty(), out.error);
    BOOST_TEST((out.verdict == bench::Verdict::Fail)); // the plan catches the defect
    const auto settings = summaryOf(out.runDir).at("settings");
    BOOST_TEST(settings.at("sim.defect").get<std::string>() == kDefect);
    BOOST_TEST(settings.at("sim.seed").get<std::string>() == "1");
    BOOST_TEST(settings.at("sim.dut").get<std::string>() == "sim-v2g-charger-120kw");
    BOOST_TEST(settings.at("sim.faults").get<std::string>() == "none");
    // Nothing the wire run did not use: no pace on a real-time bench.
    BOOST_TEST(!settings.contains("sim.pace"));
}

BOOST_AUTO_TEST_CASE(a_lab_with_a_defect_is_recorded_even_when_the_run_names_none) {
    TempDir dir("labset-unasked");
    test::WireLab lab(dir, kDefect);
    const auto out = test::runQuiet(test::wireRequest(lab, {test::sourcePath(kPlan)}, dir.path() / "run"));
    BOOST_TEST((out.verdict == bench::Verdict::Fail));
    BOOST_TEST(summaryOf(out.runDir).at("settings").at("sim.defect").get<std::string>() == kDefect);
}

// The vehicle is the lab's too: v2gbench-sim states the EV profile it was started with (--ev,
// default nmc-750v like the in-process lab); a run asking for another vehicle is refused.
BOOST_AUTO_TEST_CASE(an_ev_profile_the_lab_does_not_emulate_is_refused) {
    TempDir dir("labset-ev");
    test::WireLab lab(dir); // nmc-750v
    auto request = test::wireRequest(lab, {test::sourcePath(kPlan)}, dir.path() / "run");
    request.evProfile = test::sourcePath("testplans/evs/lfp-350v.yaml");
    const auto out = test::runQuiet(request);
    BOOST_TEST((out.verdict == bench::Verdict::Error));
    BOOST_TEST(out.error.find("emulates a vehicle with ev.") != std::string::npos, out.error);
    BOOST_TEST(out.error.find("(EV profile 'nmc-750v')") != std::string::npos, out.error);
    BOOST_TEST(out.error.find("start it as `v2gbench-sim --ev") != std::string::npos, out.error);
    BOOST_TEST(summaryOf(out.runDir).at("settings").empty());
}

BOOST_AUTO_TEST_CASE(the_ev_profile_the_lab_emulates_is_applied_and_read_back) {
    TempDir dir("labset-ev-lfp");
    const auto lfp = test::sourcePath("testplans/evs/lfp-350v.yaml");
    test::WireLab lab(dir, "", "benches/sim-wire.yaml", {"--ev", lfp});
    auto request = test::wireRequest(lab, {test::sourcePath(kPlan)}, dir.path() / "run");
    request.evProfile = lfp;
    const auto out = test::runQuiet(request);
    BOOST_TEST(out.error.empty(), out.error);
    BOOST_TEST((out.verdict == bench::Verdict::Pass));
    const auto settings = summaryOf(out.runDir).at("settings");
    BOOST_TEST(settings.at("ev.max_charge_voltage").get<std::string>() == "420 V");
    BOOST_TEST(settings.at("ev.battery_type").get<std::string>() == "LFP");
}

BOOST_AUTO_TEST_SUITE_END()
