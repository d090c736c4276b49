// `judge`'s mapping of a plan onto a capture, on hand-made captures: setup located by ev.phase,
// a period judged on the frames' times, a stimulus found by its bus signature, and every kind of
// not-applicable with its reason (no stimulus on the bus, instruments, unusable times, a window
// the capture ends inside).
#include "test_paths.hpp"
#include "v2gbench/bench/offline_judgement.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::bench;

namespace {

const char* kPlan = R"(plan: p
title: t
requires: {roles: [grid, ev, analyzer, can]}
setup:
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 30 s}
cases:
  - id: period
    steps:
      - bus_check: {name: CCS period, message: CCS, metric: period, window: 1 s, expect: {nominal: 50 ms, tolerance: 10 %}}
  - id: stop
    steps:
      - bus_check: {name: CST after BST, command: {ev.stop: {}}, message: CST, after: {message: BST}, window: 1 s,
                    expect: {min: 0 s, max: 100 ms}}
  - id: grid
    steps:
      - grid.apply: {voltage: 230 V, frequency: 50 Hz}
      - bus_check: {name: CCS count, message: CCS, metric: count, window: 1 s, expect: {min: 1}}
  - id: analyzer
    steps:
      - measure: {name: I, signal: analyzer.dc_current, window: 1 s, expect: {max: 1 A}}
  - id: long
    steps:
      - bus_check: {name: CCS period over 10 s, message: CCS, metric: period, window: 10 s, expect: {max: 55 ms}}
)";

Plan loadPlan() {
    auto r = loadPlanText(kPlan, "p.yaml", PlanLoadContext{});
    for (const auto& d : r.diagnostics) BOOST_TEST_MESSAGE(d.str());
    BOOST_TEST_REQUIRE(r.plan.has_value());
    return std::move(*r.plan);
}

core::BusMessage msg(double t, const std::string& name) {
    core::BusMessage m;
    m.time = t;
    m.name = name;
    m.summary = name;
    return m;
}

// Handshake from 0 s, charging from 1 s: CCS every 60 ms to 4 s, BST at 3.0 s, CST 50 ms later
// (`withStop`). Flattened: every time 0, and the capture says so.
CaptureView capture(bool withStop = true, bool flattened = false) {
    std::vector<core::BusMessage> messages;
    for (int k = 0; k <= 50; ++k) {
        const double t = 1.0 + 0.06 * k;
        if (withStop && t > 3.0 && messages.back().time <= 3.0) {
            messages.push_back(msg(3.0, "BST"));
            messages.push_back(msg(3.05, "CST"));
        }
        messages.push_back(msg(t, "CCS"));
    }
    if (flattened)
        for (auto& m : messages) m.time = 0.0;
    CaptureView c = captureFromMessages(std::move(messages), 1e-6);
    c.phases.push_back({0.0, 0, "handshake"});
    c.phases.push_back({flattened ? 0.0 : 1.0, 0, "charging"});
    if (flattened) c.timesUnusable = "its timestamps are flattened to one value";
    return c;
}

const CaseResult& byId(const PlanResult& r, const std::string& id) {
    for (const auto& c : r.cases)
        if (c.id == id) return c;
    BOOST_FAIL("no case " + id);
    return r.cases.front();
}

} // namespace

BOOST_AUTO_TEST_SUITE(offline_judgement)

BOOST_AUTO_TEST_CASE(checks_are_judged_on_the_capture_or_say_why_not) {
    const Plan plan = loadPlan();
    const auto dut = loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml"));
    const PlanResult r = judgeCapture(plan, capture(), dut);
    BOOST_REQUIRE(r.cases.size() == 5u);

    const auto& period = byId(r, "period").checks.at(0);
    BOOST_TEST(toString(period.verdict) == "fail");
    BOOST_TEST(*period.value == 0.06, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(period.tStart == 1.0); // the setup's wait_until found charging at 1 s

    const auto& stop = byId(r, "stop").checks.at(0);
    BOOST_TEST(toString(stop.verdict) == "pass", stop.reason);
    BOOST_TEST(*stop.value == 0.05, boost::test_tools::tolerance(1e-9));

    const auto& grid = byId(r, "grid");
    BOOST_TEST(toString(grid.verdict) == "not-applicable");
    BOOST_TEST(grid.checks.at(0).reason.find("needs the stimulus grid.apply") != std::string::npos, grid.checks.at(0).reason);
    BOOST_TEST(grid.checks.at(0).reason.find("p.yaml:") != std::string::npos, grid.checks.at(0).reason);

    const auto& analyzer = byId(r, "analyzer").checks.at(0);
    BOOST_TEST(toString(analyzer.verdict) == "not-applicable");
    BOOST_TEST(analyzer.reason.find("analyzer.dc_current") != std::string::npos, analyzer.reason);

    // Charging from 1 s, capture to 4 s: a 10 s window does not fit.
    const auto& tooLong = byId(r, "long").checks.at(0);
    BOOST_TEST(toString(tooLong.verdict) == "not-applicable");
    BOOST_TEST(tooLong.reason.find("the capture ends 3 s into the check's 10 s window") != std::string::npos, tooLong.reason);
}

BOOST_AUTO_TEST_CASE(without_usable_times_no_window_is_judged_but_stimuli_are_found) {
    const Plan plan = loadPlan();
    const auto dut = loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml"));
    const PlanResult r = judgeCapture(plan, capture(true, true), dut);
    for (const auto& c : r.cases)
        for (const auto& ch : c.checks) BOOST_TEST(toString(ch.verdict) == "not-applicable", c.id);
    // The BST is there (by order): the stop check is refused for want of times, not of its stimulus.
    const auto& stop = byId(r, "stop").checks.at(0);
    BOOST_TEST(stop.reason.find("window needs the frames' times: its timestamps are flattened") != std::string::npos, stop.reason);
    // Without a BST at all, the missing stimulus is the reason.
    const PlanResult withoutStop = judgeCapture(plan, capture(false, true), dut);
    const auto& missing = byId(withoutStop, "stop").checks.at(0);
    BOOST_TEST(missing.reason.find("the capture has no BST") != std::string::npos, missing.reason);
}

BOOST_AUTO_TEST_CASE(a_setup_phase_the_capture_never_reaches_blocks_every_case) {
    const Plan plan = loadPlan();
    const auto dut = loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml"));
    CaptureView handshakeOnly = capture();
    handshakeOnly.phases.pop_back();
    const PlanResult r = judgeCapture(plan, handshakeOnly, dut);
    for (const auto& c : r.cases) {
        BOOST_TEST(toString(c.verdict) == "not-applicable", c.id);
        BOOST_TEST(c.reason.find("setup: wait_until 'ev.phase == 'charging'' never holds") != std::string::npos, c.reason);
    }
}

BOOST_AUTO_TEST_SUITE_END()
