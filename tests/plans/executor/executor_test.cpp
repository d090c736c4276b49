// Executor semantics on the simulated lab: teardown and makeSafe on every exit path, the
// safety supervisor, verdict aggregation, not-applicable, validation before anything runs.
#include "run_helpers.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>

using namespace v2gbench;
using test::TempDir;

namespace {

const char* kHeader = R"(plan: p
title: test plan
requires: {roles: [grid, battery, ev, analyzer]}
)";

const char* kSetup = R"(setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: 400 V, soc: 50 %}
  - ev.connect: {}
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 30 s}
)";

const char* kTeardown = R"(teardown:
  - ev.stop: {}
  - battery.off: {}
  - grid.off: {}
)";

std::string plan(const std::string& cases) { return std::string(kHeader) + kSetup + cases + kTeardown; }

// A grid emulator whose link dies on apply(): what a plan meets when an instrument fails.
std::atomic<int> g_faultyMadeSafe{0};
class FaultyGrid final : public core::GridEmulator {
public:
    core::InstrumentIdentity identity() const override { return {"test", "faulty grid", "0", "0", ""}; }
    core::Capabilities capabilities() const override { return {}; }
    void makeSafe() noexcept override { ++g_faultyMadeSafe; }
    void apply(const core::GridSetpoint&) override {
        throw core::InstrumentError("grid (test-faulty-grid)", "SOUR:VOLT 230", "no reply within 500 ms");
    }
    void off() override {}
    core::GridState state() override { return {}; }
};

} // namespace

BOOST_AUTO_TEST_SUITE(executor_semantics)

BOOST_AUTO_TEST_CASE(passing_plan_records_everything) {
    TempDir dir("pass");
    auto p = test::writeFile(dir.path() / "p.yaml", plan(R"(cases:
  - id: C1
    for_each: {current: [10 A, 40 A]}
    steps:
      - ev.demand: {voltage: 600 V, current: current}
      - wait: 2 s
      - measure: {name: "I at ${current}", signal: analyzer.dc_current, window: 500 ms, expect: {nominal: current, tolerance: 2 %}}
)"));
    auto out = test::runQuiet(test::simRequest({p}, dir.path() / "run"));
    BOOST_TEST(out.diagnostics.empty());
    BOOST_TEST(bench::toString(out.verdict) == "pass");
    BOOST_REQUIRE_EQUAL(out.plans.size(), 1u);
    BOOST_REQUIRE_EQUAL(out.plans[0].cases.size(), 2u);
    BOOST_TEST(out.plans[0].cases[1].instance == "current=40 A");
    BOOST_TEST(out.plans[0].cases[1].benchTime == 2.5, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(out.plans[0].cases[1].checks[0].name == "I at 40 A");
    BOOST_TEST(*out.plans[0].cases[1].checks[0].value == 40.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(out.benchTime > 5.0); // wait_until + 2 × (2 s + 0.5 s) of simulated time
    const auto events = test::readJournal(out.runDir);
    BOOST_TEST(events.back().at("event") == "run_finished");
    BOOST_TEST(test::countEvents(events, "check") == 2);
    BOOST_TEST(test::countEvents(events, "make_safe") >= 5);
    BOOST_TEST(std::filesystem::exists(out.runDir / "summary.json"));
    BOOST_TEST(std::filesystem::exists(out.runDir / "inputs/plan-01-p.yaml"));
    BOOST_TEST(std::filesystem::exists(out.runDir / "signals/0001.csv"));
}

BOOST_AUTO_TEST_CASE(failing_check_fails_the_case_and_the_run) {
    TempDir dir("fail");
    auto p = test::writeFile(dir.path() / "p.yaml", plan(R"(cases:
  - id: C1
    steps:
      - ev.demand: {voltage: 600 V, current: 20 A}
      - wait: 2 s
      - measure: {name: I, signal: analyzer.dc_current, window: 500 ms, expect: {max: 15 A}}
  - id: C2
    steps:
      - measure: {name: V, signal: analyzer.dc_voltage, window: 100 ms, expect: {min: 100 V}}
)"));
    auto out = test::runQuiet(test::simRequest({p}, dir.path() / "run"));
    BOOST_TEST(bench::toString(out.plans[0].cases[0].verdict) == "fail");
    BOOST_TEST(bench::toString(out.plans[0].cases[1].verdict) == "pass");
    BOOST_TEST(bench::toString(out.verdict) == "fail");
}

BOOST_AUTO_TEST_CASE(instrument_error_is_a_bench_error_and_teardown_still_runs) {
    TempDir dir("fault");
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    registry.addDriver({"test-faulty-grid", "grid", "grid that fails on apply"},
                       [](core::DriverRequest&) { return std::make_unique<FaultyGrid>(); });
    auto benchFile = test::writeFile(dir.path() / "bench.yaml", R"(bench: faulty
clock: sim-virtual
instruments:
  grid:     {driver: test-faulty-grid, uri: "test://x"}
  battery:  {driver: sim-battery, uri: "sim://lab"}
  ev:       {driver: sim-ev, uri: "sim://lab"}
  analyzer: {driver: sim-analyzer, uri: "sim://lab"}
)");
    auto p = test::writeFile(dir.path() / "p.yaml", std::string(kHeader) + R"(setup:
  - battery.emulate: {voltage: 400 V}
cases:
  - id: C1
    steps:
      - grid.apply: {voltage: 230 V}
      - wait: 1 s
  - id: C2
    steps:
      - wait: 1 s
)" + kTeardown);
    auto request = test::simRequest({p}, dir.path() / "run");
    request.benchProfile = benchFile;
    g_faultyMadeSafe = 0;
    auto out = test::runQuiet(request, &registry);
    BOOST_TEST(bench::toString(out.verdict) == "error");
    BOOST_REQUIRE(!out.plans[0].cases.empty());
    BOOST_TEST(bench::toString(out.plans[0].cases[0].verdict) == "error");
    BOOST_TEST(out.plans[0].cases[0].reason.find("test-faulty-grid") != std::string::npos);
    BOOST_TEST(out.plans[0].cases[0].reason.find("SOUR:VOLT 230") != std::string::npos);
    BOOST_TEST(out.plans[0].cases.size() == 1u); // C2 is not run on a broken bench
    const auto events = test::readJournal(out.runDir);
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
    BOOST_TEST(g_faultyMadeSafe.load() >= 1);
    BOOST_TEST(events.back().at("event") == "run_finished");
}

BOOST_AUTO_TEST_CASE(abort_request_runs_teardown_and_gives_aborted) {
    TempDir dir("abort");
    auto p = test::writeFile(dir.path() / "p.yaml", plan(R"(cases:
  - id: C1
    steps:
      - ev.demand: {voltage: 600 V, current: 20 A}
      - wait: 600 s
  - id: C2
    steps:
      - wait: 1 s
)"));
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    bench::AbortFlag abort;
    // The operator presses Ctrl-C as soon as the long wait starts.
    auto out = bench::executeRun(test::simRequest({p}, dir.path() / "run"), registry, abort,
                                 [&abort](const std::string& line) {
                                     if (line.find("wait 600 s") != std::string::npos) abort.requestFromSignal(2);
                                 });
    BOOST_TEST(bench::toString(out.verdict) == "aborted");
    BOOST_TEST(out.benchTime < 10.0); // the 600 s wait was cut short
    const auto events = test::readJournal(out.runDir);
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
    BOOST_TEST(test::countEvents(events, "abort_requested") == 1);
    BOOST_TEST(test::countEvents(events, "make_safe") >= 5);
    int teardownSteps = 0;
    bool afterTeardown = false;
    for (const auto& e : events) {
        if (e.at("event") == "teardown_started") afterTeardown = true;
        if (afterTeardown && e.at("event") == "step") ++teardownSteps;
    }
    BOOST_TEST(teardownSteps == 3); // ev.stop, battery.off, grid.off all ran
    std::ifstream summary(out.runDir / "summary.json");
    auto j = nlohmann::json::parse(summary);
    BOOST_TEST(j.at("verdict") == "aborted");
    BOOST_TEST(j.at("abort_reason").get<std::string>().find("SIGINT") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(safety_limit_aborts_into_the_safe_path) {
    TempDir dir("safety");
    auto benchText = test::writeFile(dir.path() / "bench.yaml", R"(bench: tight
clock: sim-virtual
instruments:
  grid:     {driver: sim-grid, uri: "sim://lab"}
  battery:  {driver: sim-battery, uri: "sim://lab"}
  ev:       {driver: sim-ev, uri: "sim://lab"}
  analyzer: {driver: sim-analyzer, uri: "sim://lab"}
safety:
  limits:
    - {signal: analyzer.dc_current, max: 30 A}
)");
    auto p = test::writeFile(dir.path() / "p.yaml", plan(R"(cases:
  - id: C1
    steps:
      - ev.demand: {voltage: 600 V, current: 50 A}
      - wait: 10 s
)"));
    auto request = test::simRequest({p}, dir.path() / "run");
    request.benchProfile = benchText;
    auto out = test::runQuiet(request);
    BOOST_TEST(bench::toString(out.verdict) == "aborted");
    BOOST_TEST(out.plans[0].reason.find("analyzer.dc_current") != std::string::npos);
    BOOST_TEST(out.plans[0].reason.find("above the bench limit") != std::string::npos);
    const auto events = test::readJournal(out.runDir);
    BOOST_TEST(test::countEvents(events, "safety_trip") == 1);
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
}

BOOST_AUTO_TEST_CASE(not_applicable_plan_and_case) {
    TempDir dir("na");
    auto p = test::writeFile(dir.path() / "p.yaml", std::string(kHeader) + "applies_if: dut.dc.max_current > 1000 A\n" +
                                                        kSetup + "cases:\n  - id: C1\n    steps:\n      - wait: 1 s\n" +
                                                        kTeardown);
    auto q = test::writeFile(dir.path() / "q.yaml",
                             "plan: q\ntitle: q\nrequires: {roles: [grid]}\ncases:\n  - id: C1\n    applies_if: "
                             "dut.bidirectional == false\n    steps:\n      - wait: 1 s\n");
    auto out = test::runQuiet(test::simRequest({p, q}, dir.path() / "run"));
    BOOST_TEST(bench::toString(out.plans[0].verdict) == "not-applicable");
    BOOST_TEST(out.plans[0].reason.find("dut.dc.max_current > 1000 A") != std::string::npos);
    BOOST_TEST(bench::toString(out.plans[1].verdict) == "not-applicable");
    BOOST_TEST(bench::toString(out.verdict) == "not-applicable");
}

BOOST_AUTO_TEST_CASE(invalid_input_runs_nothing) {
    TempDir dir("invalid");
    auto good = test::writeFile(dir.path() / "good.yaml", plan("cases:\n  - id: C1\n    steps:\n      - wait: 1 s\n"));
    auto bad = test::writeFile(dir.path() / "bad.yaml", plan("cases:\n  - id: C1\n    steps:\n      - wait: 3\n"));
    auto out = test::runQuiet(test::simRequest({good, bad}, dir.path() / "run"));
    BOOST_TEST((out.verdict == bench::Verdict::Error));
    BOOST_TEST(out.runDir.empty()); // nothing ran
    BOOST_REQUIRE(!out.diagnostics.empty());
    BOOST_TEST(out.diagnostics[0].where.file == bad);
    BOOST_TEST(out.diagnostics[0].where.line == 12);
    BOOST_TEST(!std::filesystem::exists(dir.path() / "run")); // nothing was switched on, no run folder
}

BOOST_AUTO_TEST_SUITE_END()
