// The executor's live hooks (run_stream.hpp) on an in-process simulated run: the signal stream
// (every streamed signal of the bench, at the supervision period, before the first check ends)
// and the structured progress (cases, steps, the declared time left); and the plan's declared
// durations (declared_duration.hpp), a pure function over the Plan.
#include "run_helpers.hpp"
#include "v2gbench/bench/declared_duration.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/bench/role_io.hpp"
#include "v2gbench/bench/run_stream.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

const char* kPlan = R"(plan: live
title: live stream test plan
requires: {roles: [grid, battery, ev, analyzer]}
parameters:
  hold: 1.5 s
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: 400 V, soc: 50 %}
  - ev.demand: {voltage: 450 V, current: 10 A, mode: constant-current}
  - ev.connect: {}
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 30 s}
  - wait: 500 ms
cases:
  - id: C1
    for_each: {current: [10 A, 20 A]}
    steps:
      - ev.demand: {voltage: 450 V, current: current, mode: constant-current}
      - wait: hold
      - measure:
          name: output current at ${current}
          signal: analyzer.dc_current
          window: 200 ms
          expect: {nominal: current, tolerance: 1 A}
  - id: C2
    steps:
      - wait: 250 ms
teardown:
  - ev.disconnect: {}
  - wait: 100 ms
  - battery.off: {}
  - grid.off: {}
)";

Plan loadPlan(const std::string& text) {
    auto r = loadPlanText(text, "live.yaml", PlanLoadContext{});
    for (const auto& d : r.diagnostics) BOOST_TEST_MESSAGE(d.str());
    BOOST_TEST_REQUIRE(r.plan.has_value());
    return std::move(*r.plan);
}

struct Recorded {
    std::vector<SignalFrame> frames;
    std::vector<RunProgress> progress;
    std::size_t framesBeforeFirstCheckEnded = 0;
    std::size_t progressBeforeFirstCheckEnded = 0;
    bool firstCheckEnded = false;
};

RunOutcome recordRun(const std::filesystem::path& out, const std::string& planPath, Recorded& rec) {
    auto request = test::simRequest({planPath}, out);
    request.signalStream = [&rec](const SignalFrame& f) { rec.frames.push_back(f); };
    request.runProgress = [&rec](const RunProgress& p) { rec.progress.push_back(p); };
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    AbortFlag abort;
    // The text progress says when a check has ended ("  check NAME: … → verdict"), on the same thread.
    return executeRun(request, registry, abort, [&rec](const std::string& line) {
        if (!rec.firstCheckEnded && line.find("]   check ") != std::string::npos) {
            rec.firstCheckEnded = true;
            rec.framesBeforeFirstCheckEnded = rec.frames.size();
            rec.progressBeforeFirstCheckEnded = rec.progress.size();
        }
    });
}

} // namespace

BOOST_AUTO_TEST_SUITE(declared_duration)

BOOST_AUTO_TEST_CASE(sums_waits_windows_and_instances) {
    const Plan plan = loadPlan(kPlan);
    const auto d = declaredDurations(plan, {});
    BOOST_TEST(d.undeclared == 0u);
    BOOST_TEST(d.instanceCount() == 3u); // C1 twice (for_each), C2 once
    BOOST_TEST_REQUIRE(d.setup.size() == 6u);
    BOOST_TEST(d.setup[4] == 0.0); // wait_until declares nothing
    BOOST_TEST(d.setup[5] == 0.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST_REQUIRE(d.cases.size() == 2u);
    BOOST_TEST_REQUIRE(d.cases[0].size() == 2u);
    // ev.demand 0, wait hold (the parameter) 1.5 s, measure window 0.2 s
    BOOST_TEST(d.cases[0][1][1] == 1.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(d.cases[0][1][2] == 0.2, boost::test_tools::tolerance(1e-12));
    const double teardown = 0.1, c2 = 0.25, c1 = 1.7;
    BOOST_TEST(d.total() == 0.5 + 2 * c1 + c2 + teardown, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(d.remainingFromSetupStep(5) == d.total(), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(d.remainingFromCaseStep(0, 0, 0) == 2 * c1 + c2 + teardown, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(d.remainingFromCaseStep(0, 1, 2) == 0.2 + c2 + teardown, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(d.remainingFromCaseStep(1, 0, 0) == c2 + teardown, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(d.remainingFromTeardownStep(2) == 0.0);
    BOOST_TEST(d.remainingFromTeardownStep(1) == teardown, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_duration_over_a_live_signal_is_undeclared_not_guessed) {
    std::string text = kPlan;
    text.replace(text.find("  - wait: 500 ms"), std::string("  - wait: 500 ms").size(),
                 "  - wait: battery.voltage / 400 V * 1 s");
    const Plan plan = loadPlan(text);
    const auto d = declaredDurations(plan, {});
    BOOST_TEST(d.undeclared == 1u);
    BOOST_TEST(d.setup[5] == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(live_stream)

// A tick's readings share one query per instrument; a failed query is not repeated for its other
// signals, and each of them fails (never a value from another query).
BOOST_AUTO_TEST_CASE(read_memo_queries_each_instrument_once_per_tick) {
    ReadMemo memo;
    int queries = 0;
    auto query = [&] { return ++queries * 10; };
    BOOST_TEST(memo.get("analyzer", query) == 10);
    BOOST_TEST(memo.get("analyzer", query) == 10);
    BOOST_TEST(queries == 1);
    int failures = 0;
    auto failing = [&]() -> int {
        ++failures;
        throw std::runtime_error("no reply");
    };
    BOOST_CHECK_THROW(memo.get("grid", failing), std::runtime_error);
    BOOST_CHECK_THROW(memo.get("grid", failing), std::runtime_error);
    BOOST_TEST(failures == 1);
    ReadMemo direct(false); // readSignal's: every read queries
    direct.get("analyzer", query);
    direct.get("analyzer", query);
    BOOST_TEST(queries == 3);
}

BOOST_AUTO_TEST_CASE(frames_carry_every_bound_signal_before_the_first_check_ends) {
    test::TempDir dir("live-stream");
    const auto planPath = test::writeFile(dir.path() / "live.yaml", kPlan);
    Recorded rec;
    const auto outcome = recordRun(dir.path() / "run", planPath, rec);
    BOOST_TEST_REQUIRE(outcome.diagnostics.empty());
    BOOST_TEST(outcome.error == "");
    BOOST_TEST_REQUIRE(rec.firstCheckEnded);
    BOOST_TEST(rec.framesBeforeFirstCheckEnded > 100u); // setup + 1.5 s hold at 10 ms

    // Every quantity or boolean signal of every role the session opened, in every frame.
    std::set<std::string> roles;
    for (const auto& e : test::readJournal(outcome.runDir))
        if (e.at("event") == "session_opened")
            for (const auto& i : e.at("instruments")) roles.insert(i.at("role").get<std::string>());
    std::set<std::string> expected;
    for (const auto& s : RoleCatalog::builtin().signals())
        if (roles.count(s.role) &&
            (s.type.kind == ValueType::Kind::Quantity || s.type.kind == ValueType::Kind::Bool))
            expected.insert(s.name);
    BOOST_TEST_REQUIRE(expected.count("analyzer.dc_current") == 1u);
    BOOST_TEST_REQUIRE(expected.count("grid.on") == 1u);
    BOOST_TEST_REQUIRE(!rec.frames.empty());
    for (const auto& f : rec.frames) {
        std::set<std::string> names;
        for (const auto& r : f.readings) BOOST_TEST(names.insert(r.name).second, r.name << " twice in one frame");
        BOOST_TEST(names == expected);
    }
    for (const auto& r : rec.frames.back().readings) {
        if (r.name == "analyzer.dc_current") BOOST_TEST(r.unit == "A");
        if (r.name == "grid.voltage") BOOST_TEST(r.unit == "V");
        if (r.name == "grid.on") BOOST_TEST((r.value == 0.0 || r.value == 1.0));
    }

    // Monotone bench time, one frame per supervision period (10 ms on benches/sim.yaml) at most.
    for (std::size_t i = 1; i < rec.frames.size(); ++i)
        BOOST_TEST(rec.frames[i].benchTime - rec.frames[i - 1].benchTime >= 0.010 - 1e-9);
    // The stream covers the run to its teardown: the last frame is within a period of the end.
    BOOST_TEST(rec.frames.back().benchTime >= outcome.benchTime - 0.2);

    // The DC current follows the demand while the first case holds 10 A (a real reading, not a constant).
    double maxCurrent = 0.0;
    for (std::size_t i = 0; i < rec.framesBeforeFirstCheckEnded; ++i)
        for (const auto& r : rec.frames[i].readings)
            if (r.name == "analyzer.dc_current") maxCurrent = std::max(maxCurrent, r.value);
    BOOST_TEST(maxCurrent > 5.0);
    BOOST_TEST(maxCurrent < 15.0);
}

BOOST_AUTO_TEST_CASE(progress_counts_cases_and_steps_with_the_time_left) {
    test::TempDir dir("live-progress");
    const auto planPath = test::writeFile(dir.path() / "live.yaml", kPlan);
    Recorded rec;
    const auto outcome = recordRun(dir.path() / "run", planPath, rec);
    BOOST_TEST_REQUIRE(outcome.diagnostics.empty());
    BOOST_TEST_REQUIRE(rec.progress.size() > 5u);

    // Within the first case, before its check ends: progress above 0 and the measure's window and
    // limits (nominal 10 A ± 1 A) announced as it starts.
    bool inFirstCase = false;
    bool checkStart = false;
    for (std::size_t i = 0; i < rec.progressBeforeFirstCheckEnded; ++i) {
        const auto& p = rec.progress[i];
        if (p.phase == RunProgress::Phase::Case && p.caseIndex == 0 && p.fraction() > 0.0) inFirstCase = true;
        if (p.check) {
            checkStart = true;
            BOOST_TEST(p.check->signal == "analyzer.dc_current");
            BOOST_TEST(p.check->kind == "measure");
            BOOST_TEST(p.check->tEnd - p.check->tStart == 0.2, boost::test_tools::tolerance(1e-9));
            BOOST_TEST_REQUIRE(p.check->low.has_value());
            BOOST_TEST(*p.check->low == 9.0, boost::test_tools::tolerance(1e-9));
            BOOST_TEST(*p.check->high == 11.0, boost::test_tools::tolerance(1e-9));
        }
    }
    BOOST_TEST(inFirstCase);
    BOOST_TEST(checkStart);

    const auto declared = declaredDurations(loadPlan(kPlan), {});
    BOOST_TEST((rec.progress.front().phase == RunProgress::Phase::Setup));
    BOOST_TEST(rec.progress.front().fraction() == 0.0);
    BOOST_TEST(rec.progress.front().declaredRemaining == declared.total(), boost::test_tools::tolerance(1e-9));
    double lastFraction = 0.0, lastRemaining = declared.total() + 1.0;
    std::set<std::size_t> cases;
    for (const auto& p : rec.progress) {
        BOOST_TEST(p.fraction() >= lastFraction - 1e-12);
        BOOST_TEST(p.declaredRemaining <= lastRemaining + 1e-9);
        lastFraction = p.fraction();
        lastRemaining = p.declaredRemaining;
        BOOST_TEST(p.planCount == 1u);
        if (p.phase == RunProgress::Phase::Case) {
            cases.insert(p.caseIndex);
            BOOST_TEST(p.caseCount == 3u);
            BOOST_TEST(p.stepIndex < p.stepCount);
        }
    }
    BOOST_TEST(cases == (std::set<std::size_t>{0, 1, 2}));
    BOOST_TEST((rec.progress.back().phase == RunProgress::Phase::PlanFinished));
    BOOST_TEST(rec.progress.back().fraction() == 1.0);
    BOOST_TEST(rec.progress.back().declaredRemaining == 0.0);
}

BOOST_AUTO_TEST_CASE(an_aborted_run_reports_where_it_stopped) {
    test::TempDir dir("live-abort");
    const auto planPath = test::writeFile(dir.path() / "live.yaml", kPlan);
    auto request = test::simRequest({planPath}, dir.path() / "run");
    AbortFlag abort;
    std::vector<RunProgress> progress;
    request.runProgress = [&](const RunProgress& p) {
        progress.push_back(p);
        // Abort as the second instance of C1 starts.
        if (p.phase == RunProgress::Phase::Case && p.caseIndex == 1) abort.request("test abort");
    };
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    const auto outcome = executeRun(request, registry, abort, {});
    BOOST_TEST(outcome.verdict == Verdict::Aborted);
    double highest = 0.0;
    for (const auto& p : progress) highest = std::max(highest, p.fraction());
    // 1 of 3 case instances ran to its end: the teardown and the plan's end say so, not 100 %.
    BOOST_TEST_REQUIRE(!progress.empty());
    BOOST_TEST((progress.back().phase == RunProgress::Phase::PlanFinished));
    BOOST_TEST(progress.back().caseIndex == 1u);
    BOOST_TEST(progress.back().fraction() == 1.0 / 3.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(highest == 1.0 / 3.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_SUITE_END()
