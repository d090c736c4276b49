// The run folder records settings as the lab read them back, never as requested, and a requested
// setting that nothing applies is refused (exit 2) instead of being recorded as if it had been.
#include "run_helpers.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>

using namespace v2gbench;
using test::TempDir;

namespace {

const char* kPlan = R"(plan: settings-probe
title: settings probe
requires: {roles: [grid]}
cases:
  - id: C1
    steps:
      - grid.apply: {voltage: 230 V, frequency: 50 Hz}
      - wait: 1 s
teardown:
  - grid.off: {}
)";

std::string writeProbePlan(const TempDir& dir) {
    const auto file = dir.file("probe.yaml");
    std::ofstream(file) << kPlan;
    return file;
}

nlohmann::json summaryOf(const std::filesystem::path& runDir) {
    std::ifstream in(runDir / "summary.json");
    return nlohmann::json::parse(in);
}

} // namespace

BOOST_AUTO_TEST_SUITE(settings_readback)

BOOST_AUTO_TEST_CASE(in_process_lab_records_what_its_plant_runs) {
    TempDir dir("settings");
    const auto planFile = writeProbePlan(dir);
    auto request = test::simRequest({planFile}, dir.path() / "run", "slow-current-stop");
    request.settings["sim.seed"] = "007";
    const auto out = test::runQuiet(request);
    BOOST_REQUIRE_MESSAGE(out.verdict == bench::Verdict::Pass, out.error);
    const auto settings = summaryOf(out.runDir).at("settings");
    BOOST_TEST(settings.at("sim.defect").get<std::string>() == "slow-current-stop");
    // Read back from the lab: the seed as the plant holds it, not the text asked for.
    BOOST_TEST(settings.at("sim.seed").get<std::string>() == "7");
    BOOST_TEST(settings.at("sim.pace").get<std::string>() == "max");
    // The bench's EV profile, as the emulator holds it (nmc-750v).
    BOOST_TEST(settings.at("ev.max_charge_voltage").get<std::string>() == "750 V");
    BOOST_TEST(settings.at("ev.vin").get<std::string>().size() == 17u);
    // The journal says both: what was asked for and what was applied.
    bool requested = false, applied = false;
    for (const auto& e : test::readJournal(out.runDir)) {
        requested = requested || (e.at("event") == "run_started" && e.contains("requested_settings"));
        applied = applied || e.at("event") == "settings_applied";
    }
    BOOST_TEST(requested);
    BOOST_TEST(applied);
}

BOOST_AUTO_TEST_CASE(a_setting_nothing_applies_is_refused) {
    TempDir dir("settings-unapplied");
    const auto planFile = writeProbePlan(dir);
    auto request = test::simRequest({planFile}, dir.path() / "run");
    request.settings["sim.no_such_knob"] = "1";
    const auto out = test::runQuiet(request);
    BOOST_TEST((out.verdict == bench::Verdict::Error));
    BOOST_TEST(out.plans.empty());
    BOOST_TEST(out.error.find("sim.no_such_knob = '1'") != std::string::npos, out.error);
    BOOST_TEST(out.error.find("refused rather than recorded") != std::string::npos, out.error);
}

BOOST_AUTO_TEST_CASE(pace_is_refused_where_the_clock_does_not_use_it) {
    TempDir dir("settings-pace");
    const auto planFile = writeProbePlan(dir);
    auto request = test::simRequest({planFile}, dir.path() / "run");
    request.benchProfile = test::sourcePath("benches/sim-realtime.yaml");
    request.settings["sim.pace"] = "10";
    const auto out = test::runQuiet(request);
    BOOST_TEST((out.verdict == bench::Verdict::Error));
    BOOST_TEST(out.error.find("sim.pace = '10'") != std::string::npos, out.error);
}

BOOST_AUTO_TEST_SUITE_END()

// The journal's last event carries the bench time the session ended at, and an abort that comes
// while a plan's teardown runs (which it never interrupts) is journaled and counted.
namespace {

// The simulated grid, with an operator pressing Ctrl-C the moment the teardown switches it off.
class CtrlCAtGridOff final : public core::GridEmulator {
public:
    CtrlCAtGridOff(std::unique_ptr<core::Instrument> inner, bench::AbortFlag& abort)
        : m_inner(std::move(inner)), m_grid(dynamic_cast<core::GridEmulator&>(*m_inner)), m_abort(abort) {}
    core::InstrumentIdentity identity() const override { return m_grid.identity(); }
    core::Capabilities capabilities() const override { return m_grid.capabilities(); }
    void makeSafe() noexcept override { m_grid.makeSafe(); }
    void apply(const core::GridSetpoint& s) override { m_grid.apply(s); }
    void off() override {
        m_grid.off();
        m_abort.requestFromSignal(SIGINT);
    }
    core::GridState state() override { return m_grid.state(); }

private:
    std::unique_ptr<core::Instrument> m_inner;
    core::GridEmulator& m_grid;
    bench::AbortFlag& m_abort;
};

} // namespace

BOOST_AUTO_TEST_SUITE(journal_end)

BOOST_AUTO_TEST_CASE(run_finished_has_the_bench_time_and_a_teardown_abort_is_counted) {
    TempDir dir("journal-end");
    const auto planFile = writeProbePlan(dir);
    bench::AbortFlag abort;
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    core::DriverRegistry withCtrlC;
    for (const auto& info : registry.drivers()) {
        if (info.name == "sim-grid") continue;
        withCtrlC.addDriver(info, [&registry, name = info.name](core::DriverRequest& r) { return registry.createDriver(name, r); });
    }
    for (const auto& [name, description] : registry.clocks())
        withCtrlC.addClock(name, description, [&registry, name = name](core::SessionContext& s) { return registry.createClock(name, s); });
    withCtrlC.addDriver(*registry.driverInfo("sim-grid"), [&registry, &abort](core::DriverRequest& r) -> std::unique_ptr<core::Instrument> {
        return std::make_unique<CtrlCAtGridOff>(registry.createDriver("sim-grid", r), abort);
    });
    const auto out = bench::executeRun(test::simRequest({planFile}, dir.path() / "run"), withCtrlC, abort, {});
    BOOST_TEST(out.verdict == bench::Verdict::Aborted);
    const auto events = test::readJournal(out.runDir);
    BOOST_REQUIRE(!events.empty());
    const auto& last = events.back();
    BOOST_TEST(last.at("event") == "run_finished");
    BOOST_TEST(last.at("t_bench_s").get<double>() >= 1.0); // the plan waited 1 s of bench time
    BOOST_TEST(last.at("t_bench_s").get<double>() == out.benchTime);
    bool abortJournaled = false;
    for (const auto& e : events)
        abortJournaled = abortJournaled || (e.at("event") == "abort_requested" && e.value("during", "") == "teardown");
    BOOST_TEST(abortJournaled);
    const auto counts = summaryOf(out.runDir).at("counts");
    BOOST_TEST(counts.at("pass").get<int>() == 1);
    BOOST_TEST(counts.at("aborted").get<int>() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
