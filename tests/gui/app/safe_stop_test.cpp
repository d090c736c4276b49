// SAFE STOP: during a plan run it aborts into the plan's teardown and makeSafe() of every role;
// on the manual session it makes every role safe and confirms the outputs are off.
#include "gui_fixture.hpp"
#include "v2gbench/traces/trace_reader.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/results_view.hpp"
#include "v2gbench/gui/run_tree.hpp"
#include "v2gbench/gui/trace_model.hpp"
#include "run_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <QDir>
#include <QLabel>
#include <QFileInfo>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

BOOST_AUTO_TEST_SUITE(safe_stop)

BOOST_FIXTURE_TEST_CASE(safe_stop_during_run_tears_down_and_switches_off, test::GuiFixture) {
    BOOST_REQUIRE(openBench("sim.yaml"));
    // Real-time pace so the run is still going when SAFE STOP is pressed.
    window->runner()->selectPlans({QString::fromStdString(sourcePath("testplans/gbt34657/dc-current-control-error.yaml"))});
    window->runner()->setPace(gui::Pace::RealTime);
    window->startRun();
    // Wait for the first case (the grid and battery are on by then).
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return window->runs()->isRunning() && !window->runner()->tree()->caseVerdicts().isEmpty(); },
                                    30000),
                          "no case started; last error: " << window->lastError().toStdString() << "; running "
                                                                   << window->runs()->isRunning() << "; run dir "
                                                                   << window->runs()->runDir().toStdString() << "; status "
                                                                   << window->findChild<QLabel*>("runner.status")->text().toStdString());
    click("safeStop");
    BOOST_REQUIRE(waitUntil([&] { return window->safeStopCompleted(); }, 30000));
    BOOST_TEST(!window->runs()->isRunning());
    BOOST_TEST(window->safeStopStatus().contains("teardown done"), window->safeStopStatus().toStdString());
    BOOST_TEST(window->runner()->tree()->teardownDone());
    BOOST_TEST(window->results()->runVerdict().toStdString() == "aborted");

    // The run's journal: abort, teardown, then makeSafe() of every role, the sources switched off.
    const auto events = test::readJournal(window->results()->runDir().toStdString());
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
    std::vector<std::string> safeRoles;
    bool gridOff = false, batteryOff = false;
    for (const auto& e : events) {
        if (e.at("event") == "make_safe") safeRoles.push_back(e.at("role"));
        if (e.at("event") == "step" && e.at("action") == "grid.off") gridOff = true;
        if (e.at("event") == "step" && e.at("action") == "battery.off") batteryOff = true;
    }
    BOOST_TEST(gridOff);
    BOOST_TEST(batteryOff);
    // Every role, in the bench profile's shutdown order (benches/sim.yaml: ev, dut, battery, grid, ...).
    BOOST_REQUIRE(safeRoles.size() >= 5u);
    BOOST_TEST(safeRoles[0] == "ev");
    BOOST_TEST(safeRoles[1] == "dut");
    BOOST_TEST(safeRoles[2] == "battery");
    BOOST_TEST(safeRoles[3] == "grid");
    BOOST_TEST(events.back().at("event") == "run_finished");

    // The live trace followed the run's can.log in increments (only new rows reach the GUI
    // thread): the end result is the same as decoding the whole file at once.
    BOOST_REQUIRE(waitUntil([&] { return !window->trace()->isBusy(); }, 20000));
    {
        namespace pg = protocols::gbt27930;
        const auto capture = traces::readCapture(traces::openFileSource(window->results()->runDir().toStdString() + "/can.log"));
        const auto full = gui::TraceModel::buildRows(pg::decodeFrames(capture.frames));
        const auto& shown = window->trace()->model()->rows();
        BOOST_TEST(shown.size() > 10u);
        BOOST_REQUIRE(shown.size() == full.size());
        int differ = 0;
        for (std::size_t i = 0; i < full.size(); ++i)
            differ += shown[i].line != full[i].line || shown[i].message != full[i].message || shown[i].phase != full[i].phase ||
                      shown[i].fields != full[i].fields || shown[i].note != full[i].note;
        BOOST_TEST(differ == 0);
        BOOST_TEST(window->trace()->analysis().messages > 0u); // analysed once complete
    }

    // The manual session comes back afterwards, with every output off.
    BOOST_REQUIRE(waitUntil([&] { return window->bench()->isOpen() && window->bench()->lastSnapshot().hasBattery; }, 20000));
    BOOST_TEST(window->bench()->lastSnapshot().outputsOff());
}

BOOST_FIXTURE_TEST_CASE(safe_stop_on_manual_session_switches_outputs_off, test::GuiFixture) {
    BOOST_REQUIRE(openBench("sim.yaml"));
    click("grid.apply");
    click("battery.emulate");
    BOOST_REQUIRE(waitUntil([&] { return !window->bench()->lastSnapshot().outputsOff(); }, 10000));
    BOOST_REQUIRE(waitUntil([&] {
        const auto& s = window->bench()->lastSnapshot();
        return s.grid.outputOn && s.battery.outputOn;
    }, 10000));
    click("safeStop");
    BOOST_REQUIRE(waitUntil([&] { return window->safeStopCompleted(); }, 20000));
    BOOST_TEST(window->safeStopStatus().contains("outputs off"), window->safeStopStatus().toStdString());
    BOOST_TEST(window->bench()->lastSnapshot().outputsOff());
    // The audit trail records the request, each role made safe, and the confirmation.
    const auto events = test::readJournal(window->bench()->session().auditFolder);
    BOOST_TEST(test::countEvents(events, "safe_stop_requested") == 1);
    BOOST_TEST(test::countEvents(events, "make_safe") == static_cast<int>(window->bench()->session().instruments.size()));
    BOOST_REQUIRE(test::countEvents(events, "safe_stop_done") == 1);
    for (const auto& e : events)
        if (e.at("event") == "safe_stop_done") BOOST_TEST(e.at("outputs_off").get<bool>());
}

BOOST_AUTO_TEST_SUITE_END()
