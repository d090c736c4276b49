// The v2gbench executable as a user meets it: exit codes, validation errors before anything
// runs, listings, and Ctrl-C during a run (teardown done, verdict aborted, exit 3, a journal
// that parses to its last line).
#include "capture_dir.hpp"
#include "child_process.hpp"
#include "run_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

std::string exe() { return test::binaryPath("cli/v2gbench"); }

} // namespace

BOOST_AUTO_TEST_SUITE(cli_exit_codes)

BOOST_AUTO_TEST_CASE(pass_is_0_fail_is_1) {
    TempDir dir("cli");
    const auto plan = test::sourcePath("testplans/gbt34657/dc-current-control-error.yaml");
    auto [pass, out] = test::runProgram({exe(), "run", plan, "--out", dir.file("a"), "--junit", dir.file("j.xml")},
                                        dir.file("err"));
    BOOST_TEST(pass == 0);
    BOOST_TEST(out.find("RUN VERDICT: pass") != std::string::npos);
    BOOST_TEST(out.find("run folder: " + dir.file("a")) != std::string::npos);
    BOOST_TEST(std::filesystem::exists(dir.file("a/report.html")));
    BOOST_TEST(std::filesystem::exists(dir.file("a/junit.xml")));
    BOOST_TEST(test::readFile(dir.file("j.xml")).find("<testsuite") != std::string::npos);
    auto [fail, out2] = test::runProgram(
        {exe(), "run", plan, "--defect", "current-control-error", "--out", dir.file("b"), "--quiet"}, dir.file("err"));
    BOOST_TEST(fail == 1);
    BOOST_TEST(out2.find("RUN VERDICT: fail") != std::string::npos);
    BOOST_TEST(out2.find("[  ") == std::string::npos); // --quiet: no progress lines
}

BOOST_AUTO_TEST_CASE(invalid_plan_is_2_with_file_line_column_and_nothing_runs) {
    TempDir dir("cli");
    const auto bad = test::writeFile(dir.path() / "bad.yaml", R"(plan: bad
title: bad
requires: {roles: [grid]}
cases:
  - id: C1
    steps:
      - grid.aply: {voltage: 230 V}
)");
    auto [code, out] = test::runProgram({exe(), "run", bad, "--out", dir.file("run")}, dir.file("err"));
    BOOST_TEST(code == 2);
    const auto err = test::readFile(dir.file("err"));
    BOOST_TEST(err.find(bad + ":7:9: error: unknown action 'grid.aply' (did you mean 'grid.apply'?)") != std::string::npos, err);
    BOOST_TEST(err.find("nothing was run") != std::string::npos);
    BOOST_TEST(!std::filesystem::exists(dir.file("run")));
    auto [vcode, vout] = test::runProgram({exe(), "validate", bad}, dir.file("err2"));
    BOOST_TEST(vcode == 2);
    auto [okcode, okout] = test::runProgram({exe(), "validate", test::sourcePath("testplans")}, dir.file("err3"));
    BOOST_TEST(okcode == 0, test::readFile(dir.file("err3")));
    BOOST_TEST(okout.find("ok  ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bench_error_is_2) {
    TempDir dir("cli");
    const auto benchFile = test::writeFile(dir.path() / "bench.yaml",
                                           "bench: x\nclock: sim-virtual\ninstruments:\n  grid: {driver: chroma-61900, uri: \"tcp://127.0.0.1:1\"}\n");
    auto [code, out] = test::runProgram(
        {exe(), "run", test::sourcePath("testplans/gbt34657/dc-current-control-error.yaml"), "--bench", benchFile},
        dir.file("err"));
    BOOST_TEST(code == 2);
    BOOST_TEST(test::readFile(dir.file("err")).find(benchFile + ":4:3: error: unknown driver 'chroma-61900'") != std::string::npos);
    auto [code2, out2] = test::runProgram({exe(), "run", "x.yaml", "--defect", "no-such-defect"}, dir.file("err"));
    BOOST_TEST(code2 == 2);
    auto [code3, out3] = test::runProgram({exe(), "frobnicate"}, dir.file("err"));
    BOOST_TEST(code3 == 2);
}

BOOST_AUTO_TEST_CASE(listings) {
    TempDir dir("cli");
    auto [c1, drivers] = test::runProgram({exe(), "list", "drivers"}, dir.file("err"));
    BOOST_TEST(c1 == 0);
    for (const auto* name : {"sim-grid", "sim-battery", "sim-ev", "sim-analyzer", "sim-dut", "sim-virtual"})
        BOOST_TEST(drivers.find(name) != std::string::npos, name);
    auto [c2, defects] = test::runProgram({exe(), "list", "defects"}, dir.file("err"));
    BOOST_TEST(c2 == 0);
    BOOST_TEST(defects.find("slow-current-adjustment") != std::string::npos);
    BOOST_TEST(defects.find("GBT34657.1-2017/D0.4103") != std::string::npos);
    auto [c3, plans] = test::runProgram({exe(), "list", "plans"}, dir.file("err"));
    BOOST_TEST(c3 == 0, test::readFile(dir.file("err")));
    BOOST_TEST(plans.find("gbt34657-current-stop-rate") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_interrupt)

// Ctrl-C (twice) during a real-time run: the teardown still runs to the end, every role is
// made safe, the verdict is aborted, the exit code is 3, and the journal parses to its last line.
BOOST_AUTO_TEST_CASE(sigint_during_a_run_ends_safely) {
    TempDir dir("sigint");
    const auto plan = test::writeFile(dir.path() / "long.yaml", R"(plan: long-wait
title: a plan that waits a long time
requires: {roles: [grid, battery, ev, analyzer]}
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: 400 V}
  - ev.connect: {}
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 30 s}
  - ev.demand: {voltage: 600 V, current: 20 A}
cases:
  - id: C1
    steps:
      - wait: 600 s
teardown:
  - ev.stop: {}
  - wait: 200 ms
  - battery.off: {}
  - grid.off: {}
)");
    test::ChildProcess child({exe(), "run", plan, "--bench", test::sourcePath("benches/sim-realtime.yaml"), "--out",
                              dir.file("run")},
                             dir.file("err"));
    BOOST_REQUIRE(child.waitForLine("wait 600 s"));
    child.signal(SIGINT);
    child.signal(SIGINT); // a second Ctrl-C must not skip the teardown
    const int code = child.wait();
    BOOST_TEST(code == 3, child.output() << test::readFile(dir.file("err")));
    BOOST_TEST(child.output().find("RUN VERDICT: aborted") != std::string::npos);

    const auto events = test::readJournal(dir.path() / "run"); // throws if any line does not parse
    BOOST_REQUIRE(!events.empty());
    BOOST_TEST(events.back().at("event") == "run_finished");
    BOOST_TEST(events.back().at("verdict") == "aborted");
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
    std::set<std::string> madeSafe;
    std::vector<std::string> teardownActions;
    bool inTeardown = false;
    for (const auto& e : events) {
        if (e.at("event") == "teardown_started") inTeardown = true;
        if (inTeardown && e.at("event") == "step") teardownActions.push_back(e.at("action"));
        if (e.at("event") == "make_safe") madeSafe.insert(e.at("role").get<std::string>());
    }
    const std::vector<std::string> expected{"ev.stop", "wait", "battery.off", "grid.off"};
    BOOST_TEST(teardownActions == expected, boost::test_tools::per_element());
    BOOST_TEST(madeSafe.size() == 8u); // every role of benches/sim-realtime.yaml
    const auto summary = nlohmann::json::parse(test::readFile(dir.file("run/summary.json")));
    BOOST_TEST(summary.at("verdict") == "aborted");
    BOOST_TEST(!summary.contains("exit_code")); // the folder records verdicts; exit codes are the CLI's
}

BOOST_AUTO_TEST_CASE(sigterm_is_handled_like_sigint) {
    TempDir dir("sigterm");
    const auto plan = test::writeFile(dir.path() / "long.yaml", R"(plan: long-wait
title: a plan that waits a long time
requires: {roles: [grid]}
cases:
  - id: C1
    steps:
      - grid.apply: {voltage: 230 V}
      - wait: 600 s
teardown:
  - grid.off: {}
)");
    test::ChildProcess child({exe(), "run", plan, "--bench", test::sourcePath("benches/sim-realtime.yaml"), "--out",
                              dir.file("run")},
                             dir.file("err"));
    BOOST_REQUIRE(child.waitForLine("wait 600 s"));
    child.signal(SIGTERM);
    BOOST_TEST(child.wait() == 3);
    const auto events = test::readJournal(dir.path() / "run");
    BOOST_TEST(events.back().at("event") == "run_finished");
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_trace_tools)

// `decode` and `analyze` on the real GB/T 27930 captures shipped beside the repository.
BOOST_AUTO_TEST_CASE(decode_and_analyze_real_captures) {
    const auto dir = captureDir();
    if (dir.empty()) {
        BOOST_TEST_MESSAGE("no ../shared/data/gbt27930 beside the checkout: skipped");
        return;
    }
    TempDir tmp("trace");
    auto [code, decoded] = test::runProgram({exe(), "decode", dir + "/complete-session.zlg.txt"}, tmp.file("err"));
    BOOST_TEST(code == 0);
    BOOST_TEST(decoded.find("BRM (reassembled, 49 bytes)") != std::string::npos);
    BOOST_TEST(decoded.find("battery type=LFP") != std::string::npos);
    BOOST_TEST(decoded.find("rated voltage=750.0 V") != std::string::npos);
    auto [acode, analysis] = test::runProgram({exe(), "analyze", dir + "/complete-session.zlg.txt"}, tmp.file("err"));
    BOOST_TEST(acode == 1); // a 2015 session without CHM/BHM: an error finding under the strict profile
    BOOST_TEST(analysis.find("BCL      BMS→charger    140") != std::string::npos, analysis);
    auto [fcode, flat] = test::runProgram({exe(), "analyze", dir + "/handshake-failure-bem.candump.log"}, tmp.file("err"));
    BOOST_TEST(fcode == 1); // the BMS reports CRM timeouts (BEM): error findings
    BOOST_TEST(flat.find("periods cannot be judged") != std::string::npos);
    auto [mcode, missing] = test::runProgram({exe(), "decode", tmp.file("none.log")}, tmp.file("err"));
    BOOST_TEST(mcode == 2);
    BOOST_TEST(test::readFile(tmp.file("err")).find("none.log") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// `--case ID` re-runs one case (or the cases of one standard id) without editing a plan; an id that
// selects nothing is invalid input, named with the nearest case id, before anything is switched on.
BOOST_AUTO_TEST_SUITE(cli_case_selection)

BOOST_AUTO_TEST_CASE(one_case_or_a_standard_id_runs_and_an_unknown_one_is_refused) {
    TempDir dir("cli");
    const auto plan = test::sourcePath("testplans/gbt34657/insulation-fault.yaml");
    auto [one, out] = test::runProgram(
        {exe(), "run", plan, "--case", "D0.2501-fault-dc-plus", "--out", dir.file("one"), "--quiet"}, dir.file("err"));
    BOOST_TEST(one == 0, out);
    BOOST_TEST(out.find("(1 plans, 1 cases: 1 pass") != std::string::npos, out);
    BOOST_TEST(out.find("D0.2501-fault-dc-plus") != std::string::npos);
    BOOST_TEST(test::readFile(dir.file("one/journal.jsonl")).find("\"cases\":[\"D0.2501-fault-dc-plus\"]") != std::string::npos);

    auto [prefix, out2] = test::runProgram(
        {exe(), "run", plan, test::sourcePath("testplans/gbt34657/cc1-break.yaml"), "--case", "D0.2501-fault",
         "--out", dir.file("prefix"), "--quiet"},
        dir.file("err"));
    BOOST_TEST(prefix == 0, out2);
    // D0.2501-fault-dc-plus, -dc-minus, -symmetric; cc1-break has no such case and is left out.
    BOOST_TEST(out2.find("(1 plans, 3 cases: 3 pass") != std::string::npos, out2);

    auto [bad, out3] = test::runProgram({exe(), "run", plan, "--case", "D0.2510", "--out", dir.file("bad")}, dir.file("err"));
    BOOST_TEST(bad == 2);
    const auto err = test::readFile(dir.file("err"));
    BOOST_TEST(err.find("no case 'D0.2510' in the plans of this run") != std::string::npos, err);
    BOOST_TEST(!std::filesystem::exists(dir.file("bad")));
}

BOOST_AUTO_TEST_SUITE_END()
