// Every injected fault makes the driver raise a clear error naming the instrument and the
// exchange; the plan that runs into it ends in verdict "error" (a bench fault, never the DUT's),
// its teardown runs, and every reachable instrument is left safe.
#include "wire_lab.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using test::TempDir;

namespace {

const char* kPlan = R"(plan: wire-fault
title: a plan that meets an instrument fault
requires: {roles: [grid, battery, ev, analyzer, dut]}
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: 400 V, soc: 50 %}
  - ev.connect: {}
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 10 s, poll: 50 ms}
  - ev.demand: {voltage: 600 V, current: 20 A, mode: constant-current, max_discharge_current: 50 A}
  - wait: 500 ms
cases:
  - id: C1
    steps:
      - ev.demand: {voltage: 600 V, current: 25 A, mode: constant-current, max_discharge_current: 50 A}
      - dut.dispatch: {power: -5 kW}
      - measure: {name: I, signal: analyzer.dc_current, window: 200 ms, sample_period: 20 ms}
      - dut.release: {}
teardown:
  - dut.release: {}
  - ev.stop: {}
  - ev.disconnect: {}
  - battery.off: {}
  - grid.off: {}
)";

struct FaultCase {
    std::string service;
    std::string fault;      // as written on the control port
    std::string instrument; // what the error must name
    std::string exchange;   // part of the exchange the error must name
};

} // namespace

BOOST_AUTO_TEST_SUITE(wire_faults)

BOOST_AUTO_TEST_CASE(every_fault_kind_ends_in_error_with_a_safe_bench) {
    TempDir dir("faults");
    test::WireLab lab(dir);
    const auto plan = test::writeFile(dir.path() / "plan.yaml", kPlan);
    const std::vector<FaultCase> faults{
        {"analyzer-scpi", "drop", "zes-lmg600", ""},
        {"analyzer-scpi", "delay 3000", "zes-lmg600", "no reply"},
        {"ev-scpi", "garbage", "v2gbench-ev-scpi", "EV:"},
        {"dut-sunspec", "modbus-exception 4", "sunspec-charger", "exception 4"},
    };
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    int n = 0;
    for (const auto& f : faults) {
        BOOST_TEST_CONTEXT(f.service << " " << f.fault) {
            BOOST_TEST(lab.control("clear") == "ok");
            bench::AbortFlag abort;
            // Inject the fault as the case starts, while the bench is live.
            auto out = bench::executeRun(test::wireRequest(lab, {plan}, dir.path() / ("run" + std::to_string(++n))),
                                         registry, abort, [&](const std::string& line) {
                                             if (line.find("case C1") != std::string::npos &&
                                                 line.find("→") == std::string::npos)
                                                 BOOST_TEST(lab.control("fault " + f.service + " " + f.fault) == "ok");
                                         });
            BOOST_TEST(out.verdict == bench::Verdict::Error);
            BOOST_REQUIRE_EQUAL(out.plans.size(), 1u);
            std::string reason;
            for (const auto& c : out.plans[0].cases)
                if (c.verdict == bench::Verdict::Error) reason += c.reason + " | ";
            reason += "plan: " + out.plans[0].reason;
            BOOST_TEST(reason.find(f.instrument) != std::string::npos, reason);
            BOOST_TEST(reason.find(f.exchange) != std::string::npos, reason);
            const auto events = test::readJournal(out.runDir);
            BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
            BOOST_TEST(test::countEvents(events, "make_safe") >= 6);
            BOOST_TEST(events.back().at("event") == "run_finished");
            // What was reachable is safe: the charger delivers nothing, the sources are off.
            lab.control("clear");
            const auto status = lab.control("status");
            BOOST_TEST(status.find("grid=off") != std::string::npos, status);
            BOOST_TEST(status.find(" 0.00 A") != std::string::npos, status);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stalled_adc_stream_ends_in_error_with_a_safe_bench) {
    TempDir dir("stall");
    test::WireLab lab(dir, "", "benches/sim-wire-alt.yaml"); // EA battery over Modbus, IIO analyzer
    const auto plan = test::writeFile(dir.path() / "plan.yaml", kPlan);
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    bench::AbortFlag abort;
    auto out = bench::executeRun(test::wireRequest(lab, {plan}, dir.path() / "run"), registry, abort,
                                 [&](const std::string& line) {
                                     if (line.find("case C1") != std::string::npos && line.find("→") == std::string::npos)
                                         BOOST_TEST(lab.control("fault analyzer-iiod stall") == "ok");
                                 });
    BOOST_TEST(out.verdict == bench::Verdict::Error);
    std::string reason;
    for (const auto& c : out.plans.at(0).cases)
        if (c.verdict == bench::Verdict::Error) reason += c.reason;
    BOOST_TEST(reason.find("iio-analyzer") != std::string::npos, reason);
    BOOST_TEST(reason.find("READBUF") != std::string::npos, reason);
    lab.control("clear");
    const auto status = lab.control("status");
    BOOST_TEST(status.find("grid=off") != std::string::npos, status);
    BOOST_TEST(status.find(" 0.00 A") != std::string::npos, status);
}

BOOST_AUTO_TEST_CASE(control_port_refuses_bad_requests) {
    TempDir dir("control");
    test::WireLab lab(dir);
    BOOST_TEST(lab.control("fault no-such-service drop").rfind("error: no service", 0) == 0);
    BOOST_TEST(lab.control("fault grid-scpi explode").rfind("error: usage", 0) == 0);
    BOOST_TEST(lab.control("fault grid-scpi delay").rfind("error: delay needs", 0) == 0);
    BOOST_TEST(lab.control("fault grid-scpi garbage") == "ok");
    BOOST_TEST(lab.control("faults").find("grid-scpi garbage") != std::string::npos);
    const auto services = lab.control("services");
    for (const auto* s : {"grid-scpi", "battery-scpi", "analyzer-scpi", "ev-scpi", "battery-modbus", "dut-sunspec",
                          "can-hub", "analyzer-iiod", "fault-box-modbus", "control"})
        BOOST_TEST(services.find(s) != std::string::npos, s);
}

BOOST_AUTO_TEST_SUITE_END()
