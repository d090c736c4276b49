// Evidence lost is a bench error (issue 9): with a can-hub `garbage` fault mid-run, can.log
// stopped at the fault (528 of 1,340 lines) and the run still passed with nothing in the journal.
// Now the can-monitor notices its broken link, the executor checks the `can` role after every
// supervised time slice, and the case ends in `error` with a journal event naming the instrument.
#include "wire_lab.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace v2gbench;
using test::TempDir;

namespace {

// The case waits long enough for the hub's next frames to reach the monitor after the fault;
// it ends as soon as the fault is noticed, not after the whole wait.
const char* kPlan = R"(plan: can-recording-fault
title: the CAN hub breaks while the bench records the bus
requires: {roles: [grid, battery, ev, can]}
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: 400 V, soc: 50 %}
  - ev.connect: {}
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 10 s, poll: 50 ms}
cases:
  - id: C1
    steps:
      - wait: 20 s
teardown:
  - ev.stop: {}
  - ev.disconnect: {}
  - battery.off: {}
  - grid.off: {}
)";

// The roles the plan needs, on the lab's ports, with the real drivers: the plan judges nothing
// but the recording, so the analyzer and DUT interface stay out of it.
std::string canBench(const test::WireLab& lab) {
    const auto port = [&](const char* service) { return std::to_string(lab.port(service)); };
    return "bench: can-recording-fault\nclock: real\ninstruments:\n"
           "  grid:    {driver: chroma-61800, uri: \"TCPIP0::127.0.0.1::" + port("grid-scpi") + "::SOCKET\"}\n"
           "  battery: {driver: itech-it6000c, uri: \"tcp://127.0.0.1:" + port("battery-scpi") + "\"}\n"
           "  ev:      {driver: v2gbench-ev-scpi, uri: \"tcp://127.0.0.1:" + port("ev-scpi") + "\"}\n"
           "  can:     {driver: can-monitor, uri: \"socketcand://127.0.0.1:" + port("can-hub") + "/can0\"}\n"
           "safety:\n  supervision_period: 50 ms\nshutdown_order: [ev, battery, grid, can]\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_can_recording_fault)

BOOST_AUTO_TEST_CASE(can_hub_garbage_mid_run_is_a_bench_error_naming_the_can_instrument) {
    TempDir dir("can-fault");
    test::WireLab lab(dir);
    const auto plan = test::writeFile(dir.path() / "plan.yaml", kPlan);
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    bench::AbortFlag abort;
    bool injected = false;
    const auto start = std::chrono::steady_clock::now();
    auto request = test::wireRequest(lab, {plan}, dir.path() / "run");
    request.benchProfile = test::writeFile(dir.path() / "can-bench.yaml", canBench(lab));
    const auto out = bench::executeRun(request, registry, abort,
                                       [&](const std::string& line) {
                                           // As the case starts: the bench is live and recording.
                                           if (!injected && line.find("case C1") != std::string::npos &&
                                               line.find("→") == std::string::npos) {
                                               injected = true;
                                               BOOST_TEST(lab.control("fault can-hub garbage") == "ok");
                                           }
                                       });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_REQUIRE(injected);
    BOOST_TEST(out.verdict == bench::Verdict::Error);
    BOOST_REQUIRE_EQUAL(out.plans.size(), 1u);
    bool caseError = false;
    for (const auto& c : out.plans[0].cases)
        if (c.id == "C1") {
            caseError = c.verdict == bench::Verdict::Error;
            BOOST_TEST(c.reason.find("can (can-monitor socketcand://127.0.0.1:") != std::string::npos, c.reason);
            BOOST_TEST(c.reason.find("recording lost") != std::string::npos, c.reason);
        }
    BOOST_TEST(caseError);
    // The journal says so, naming the instrument; the run did not sit out the 20 s wait.
    const auto events = test::readJournal(dir.path() / "run");
    bool journalled = false;
    for (const auto& e : events)
        if (e["event"] == "error" && e.value("case", "") == "C1")
            journalled = e["message"].get<std::string>().find("can (can-monitor") != std::string::npos;
    BOOST_TEST(journalled);
    BOOST_TEST(seconds < 20.0);
    BOOST_TEST(lab.control("clear") == "ok");
}

BOOST_AUTO_TEST_SUITE_END()
