// Plans with grid.sag / grid.frequency_step on the in-process simulated lab: the step returns at
// once, the measurement during the event sees it, the grid returns to its setpoint; a grid
// emulator without list mode turns the step into a bench error, not a silent no-op.
#include "run_helpers.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using test::TempDir;

namespace {

const char* kSagPlan = R"(plan: sag
title: grid sag and frequency step
requires: {roles: [grid, analyzer], capabilities: [list-mode]}
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - wait: 100 ms
cases:
  - id: SAG
    steps:
      - grid.sag: {voltage: 115 V, duration: 150 ms}
      - measure: {name: during the sag, signal: analyzer.ac_voltage, window: 150 ms, statistic: min, sample_period: 1 ms,
                  expect: {nominal: 115 V, tolerance: 1 %}}
      - wait: 50 ms
      - measure: {name: after the sag, signal: analyzer.ac_voltage, window: 100 ms, statistic: min, sample_period: 1 ms,
                  expect: {nominal: 230 V, tolerance: 1 %}}
  - id: FSTEP
    steps:
      - grid.frequency_step: {frequency: 51.5 Hz, duration: 2 s}
      - measure: {name: during the step, signal: analyzer.frequency, window: 1900 ms, statistic: mean,
                  expect: {nominal: 51.5 Hz, tolerance: 0.05 Hz}}
      - wait: 200 ms
      - measure: {name: after the step, signal: analyzer.frequency, window: 500 ms, statistic: mean,
                  expect: {nominal: 50 Hz, tolerance: 0.05 Hz}}
      - measure: {name: voltage unchanged, signal: grid.voltage, window: 10 ms, statistic: final,
                  expect: {nominal: 230 V, tolerance: 0.1 V}}
teardown:
  - grid.off: {}
)";

class FixedOnlyGrid final : public core::GridEmulator {
public:
    core::InstrumentIdentity identity() const override { return {"test", "fixed-only grid", "0", "0", ""}; }
    core::Capabilities capabilities() const override { return {core::capability::threePhase}; }
    void makeSafe() noexcept override { m_on = false; }
    void apply(const core::GridSetpoint&) override { m_on = true; }
    void off() override { m_on = false; }
    core::GridState state() override { return {m_on, units::Volts(230.0), units::Hertz(50.0)}; }

private:
    bool m_on = false;
};

} // namespace

BOOST_AUTO_TEST_SUITE(plan_grid_sequence)

BOOST_AUTO_TEST_CASE(sag_and_frequency_step_are_measured_during_and_after) {
    TempDir dir("grid-seq");
    auto p = test::writeFile(dir.path() / "p.yaml", kSagPlan);
    auto out = test::runQuiet(test::simRequest({p}, dir.path() / "run"));
    BOOST_TEST(out.diagnostics.empty());
    BOOST_REQUIRE_EQUAL(out.plans.size(), 1u);
    BOOST_REQUIRE_EQUAL(out.plans[0].cases.size(), 2u);
    const auto& sag = out.plans[0].cases[0];
    BOOST_TEST(bench::toString(sag.verdict) == "pass", sag.reason);
    BOOST_REQUIRE_EQUAL(sag.checks.size(), 2u);
    BOOST_TEST(*sag.checks[0].value == 115.0, boost::test_tools::tolerance(0.005));
    BOOST_TEST(*sag.checks[1].value == 230.0, boost::test_tools::tolerance(0.005));
    BOOST_TEST(bench::toString(out.plans[0].cases[1].verdict) == "pass", out.plans[0].cases[1].reason);
    BOOST_TEST(bench::toString(out.verdict) == "pass");
}

BOOST_AUTO_TEST_CASE(a_grid_without_list_mode_is_a_bench_error) {
    TempDir dir("grid-seq-nolist");
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    registry.addDriver({"test-fixed-grid", "grid", "grid without list mode"},
                       [](core::DriverRequest&) { return std::make_unique<FixedOnlyGrid>(); });
    auto benchFile = test::writeFile(dir.path() / "bench.yaml", R"(bench: fixed
clock: sim-virtual
instruments:
  grid:     {driver: test-fixed-grid, uri: "test://x"}
  analyzer: {driver: sim-analyzer, uri: "sim://lab"}
)");
    auto p = test::writeFile(dir.path() / "p.yaml", R"(plan: sag
title: sag without list mode
requires: {roles: [grid, analyzer]}
setup:
  - grid.apply: {voltage: 230 V}
cases:
  - id: SAG
    steps:
      - grid.sag: {voltage: 115 V, duration: 150 ms}
      - wait: 1 s
teardown:
  - grid.off: {}
)");
    auto request = test::simRequest({p}, dir.path() / "run");
    request.benchProfile = benchFile;
    auto out = test::runQuiet(request, &registry);
    BOOST_REQUIRE(!out.plans.empty());
    BOOST_REQUIRE(!out.plans[0].cases.empty());
    BOOST_TEST(bench::toString(out.plans[0].cases[0].verdict) == "error");
    BOOST_TEST(out.plans[0].cases[0].reason.find("no list mode") != std::string::npos, out.plans[0].cases[0].reason);
}

BOOST_AUTO_TEST_SUITE_END()
