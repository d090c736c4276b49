// Running plans from the GUI on the in-process simulated lab: the live tree gets every case
// with its verdict, the results view opens the run folder, and a defect makes a case fail.
#include "gui_fixture.hpp"
#include "run_helpers.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/results_view.hpp"
#include "v2gbench/gui/run_tree.hpp"

#include <boost/test/unit_test.hpp>

#include <QDir>
#include <QPushButton>
#include <QFileInfo>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {
bool runToEnd(test::GuiFixture& f, const std::string& plan, const QString& defect) {
    f.window->runner()->selectPlans({QString::fromStdString(sourcePath(plan))});
    f.window->runner()->setDefect(defect);
    f.window->runner()->setPace(gui::Pace::AsFastAsPossible);
    f.window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim.yaml")));
    f.window->startRun();
    if (!waitUntil([&] { return f.window->runs()->isRunning(); }, 10000)) {
        BOOST_TEST_MESSAGE("run did not start: " << f.window->lastError().toStdString());
        return false;
    }
    return waitUntil([&] { return !f.window->runs()->isRunning() && !f.window->results()->runDir().isEmpty(); }, 90000);
}
} // namespace

BOOST_AUTO_TEST_SUITE(plan_runner)

BOOST_FIXTURE_TEST_CASE(run_to_completion_shows_verdicts_in_tree, test::GuiFixture) {
    const int minWidth = window->minimumSizeHint().width();
    BOOST_REQUIRE(runToEnd(*this, "testplans/gbt34657/dc-current-control-error.yaml", ""));
    // Long status lines (step text, verdict line) never widen the docks or the window (that
    // made Qt relayout and repaint all of it, and the window grew with every run).
    BOOST_TEST(window->minimumSizeHint().width() <= minWidth);
    const auto cases = window->runner()->tree()->caseVerdicts();
    BOOST_TEST(cases.size() >= 3);
    for (const auto& [name, verdict] : cases) BOOST_TEST(verdict.toStdString() == "pass", name.toStdString());
    BOOST_TEST(window->runner()->tree()->runVerdict().toStdString() == "pass");
    BOOST_TEST(window->runner()->tree()->teardownDone());
    // The results view opened the run folder; the report is there to open.
    BOOST_TEST(window->results()->runVerdict().toStdString() == "pass");
    BOOST_TEST(window->results()->checkCount() >= 3);
    BOOST_TEST(QFileInfo::exists(window->results()->reportPath()));
    // The check traces were plotted with their windows.
    BOOST_TEST(window->plots()->signalNames().contains("analyzer.dc_current"));
}

BOOST_FIXTURE_TEST_CASE(defect_makes_its_case_fail, test::GuiFixture) {
    BOOST_REQUIRE(runToEnd(*this, "testplans/gbt34657/current-adjustment-time.yaml", "slow-current-adjustment"));
    int failed = 0;
    for (const auto& [name, verdict] : window->runner()->tree()->caseVerdicts()) failed += verdict == "fail";
    BOOST_TEST(failed >= 1);
    BOOST_TEST(window->results()->runVerdict().toStdString() == "fail");
    // Re-run of the failed plan: the results view knows the plan and the defect it ran with.
    const auto rerun = window->results()->rerunFor();
    BOOST_REQUIRE(rerun.has_value());
    BOOST_TEST(rerun->plan.endsWith("current-adjustment-time.yaml"));
    BOOST_TEST(rerun->defect.toStdString() == "slow-current-adjustment");
}

// The pace is the run's sim.pace setting, read by the virtual clock of benches/sim.yaml: the run
// is held so that bench time never runs ahead of wall time × pace. Lower bounds only (a slow
// machine may be behind its pace), and nothing is written beside the bench profile.
namespace {
gui::RunFinished runPaced(test::GuiFixture& f, const std::string& plan, gui::Pace pace) {
    std::optional<gui::RunFinished> done;
    auto c = QObject::connect(f.window->runs(), &gui::RunController::finished,
                              [&](const gui::RunFinished& r) { done = r; });
    f.window->runner()->selectPlans({QString::fromStdString(sourcePath(plan))});
    f.window->runner()->setDefect("");
    f.window->runner()->setPace(pace);
    f.window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim.yaml")));
    f.window->startRun();
    // Finished, and shown (the next run can only start once the journal's backlog is through).
    waitUntil([&] { return done.has_value() && f.window->results()->runDir() == done->runDir; }, 60000);
    QObject::disconnect(c);
    BOOST_REQUIRE_MESSAGE(done, "the paced run did not finish: " << f.window->lastError().toStdString());
    BOOST_REQUIRE(f.window->results()->runDir() == done->runDir);
    return *done;
}

nlohmann::json summaryOf(const QString& runDir) {
    std::ifstream in((runDir + "/summary.json").toStdString());
    return nlohmann::json::parse(in);
}
} // namespace

BOOST_FIXTURE_TEST_CASE(paced_run_takes_at_least_bench_time_over_pace, test::GuiFixture) {
    const QStringList benchesBefore = QDir(QString::fromStdString(sourcePath("benches"))).entryList(QDir::AllEntries | QDir::Hidden);

    // ×10: dc-current-control-error is ~22 s of bench time, so at least ~2.2 s of wall time.
    const auto x10 = runPaced(*this, "testplans/gbt34657/dc-current-control-error.yaml", gui::Pace::Times10);
    BOOST_TEST(x10.verdict.toStdString() == "pass");
    BOOST_TEST(x10.benchTime > 10.0);
    // The clock anchors after its first 10 ms slice: allow that much.
    BOOST_TEST(x10.wallTime >= (x10.benchTime - 0.05) / 10.0, "wall " << x10.wallTime << " s for bench " << x10.benchTime << " s");
    const auto s10 = summaryOf(x10.runDir);
    BOOST_TEST(s10.at("settings").at("sim.pace").get<std::string>() == "10");
    BOOST_TEST(s10.at("clock").get<std::string>() == "sim-virtual");
    BOOST_TEST(s10.at("bench").at("source").get<std::string>() == sourcePath("benches/sim.yaml"));

    // Real time is pace 1 on the same virtual clock (not a derived profile on another clock).
    const auto rt = runPaced(*this, "testplans/gbt34657/cc1-break.yaml", gui::Pace::RealTime);
    BOOST_TEST(rt.verdict.toStdString() == "pass");
    BOOST_TEST(rt.wallTime >= rt.benchTime - 0.05, "wall " << rt.wallTime << " s for bench " << rt.benchTime << " s");
    const auto s1 = summaryOf(rt.runDir);
    BOOST_TEST(s1.at("settings").at("sim.pace").get<std::string>() == "1");
    BOOST_TEST(s1.at("clock").get<std::string>() == "sim-virtual");

    // As fast as possible is said explicitly, too.
    const auto fast = runPaced(*this, "testplans/gbt34657/cc1-break.yaml", gui::Pace::AsFastAsPossible);
    BOOST_TEST(summaryOf(fast.runDir).at("settings").at("sim.pace").get<std::string>() == "max");

    // Nothing was written beside the bench profiles (no derived copies).
    BOOST_TEST(QDir(QString::fromStdString(sourcePath("benches"))).entryList(QDir::AllEntries | QDir::Hidden) == benchesBefore);
}

BOOST_FIXTURE_TEST_CASE(invalid_plan_is_refused_with_file_line, test::GuiFixture) {
    test::TempDir dir("gui-bad-plan");
    const std::string bad = dir.file("bad.yaml");
    std::ofstream(bad) << "plan: bad\ntitle: bad\nrequires: {roles: [battery]}\nsetup:\n  - battery.emulate: {voltage: 400}\n"
                          "cases:\n  - id: x\n    steps:\n      - wait: 1 s\n";
    BOOST_REQUIRE(openBench("sim.yaml"));
    window->runner()->selectPlans({QString::fromStdString(bad)});
    window->startRun(); // validated on a worker thread
    BOOST_TEST(waitUntil([&] { return !window->lastError().isEmpty(); }, 10000));
    BOOST_TEST(!window->runs()->isRunning());
    BOOST_TEST(window->lastError().contains("bad.yaml:5"), window->lastError().toStdString());
    BOOST_TEST(window->bench()->isOpen()); // nothing happened to the manual session either

    // The engine validates again when the run starts (a file may change between the two): the
    // diagnostics come back with finished(), and no run folder is made.
    window->showNormal();
    bench::RunRequest request = test::simRequest({bad}, dir.path() / "run");
    QString reported;
    QObject::connect(window->runs(), &gui::RunController::finished,
                     [&](const gui::RunFinished& r) { reported = r.diagnostics.join("\n"); });
    window->bench()->close();
    BOOST_REQUIRE(waitUntil([&] { return !window->bench()->isOpen() && !window->bench()->isBusy(); }, 10000));
    BOOST_TEST(window->runs()->start(request, gui::Pace::AsFastAsPossible));
    BOOST_REQUIRE(waitUntil([&] { return !reported.isEmpty(); }, 10000));
    BOOST_TEST(reported.contains("bad.yaml:5"), reported.toStdString());
    BOOST_TEST(!std::filesystem::exists(dir.path() / "run"));
    BOOST_TEST(waitUntil([&] { return window->lastError().contains("did not start"); }, 5000), window->lastError().toStdString());
}


// One owner per bench: while the GUI's own run holds the bench, Open bench and the manual controls
// are disabled (an Output off pressed mid-run once made a plan fail without a trace in its journal).
BOOST_FIXTURE_TEST_CASE(manual_controls_are_disabled_while_a_run_holds_the_bench, test::GuiFixture) {
    auto* open = window->benchPanel()->findChild<QPushButton*>("bench.open");
    BOOST_REQUIRE(open);
    std::optional<bool> openEnabledDuringRun, heldDuringRun;
    auto started = QObject::connect(window->runs(), &gui::RunController::started, [&](const QString&) {
        openEnabledDuringRun = open->isEnabled();
        heldDuringRun = window->benchPanel()->runHoldsBench();
    });
    const auto done = runPaced(*this, "testplans/gbt34657/cc1-break.yaml", gui::Pace::Times10);
    QObject::disconnect(started);
    BOOST_REQUIRE(openEnabledDuringRun.has_value());
    BOOST_TEST(!*openEnabledDuringRun);
    BOOST_TEST(*heldDuringRun);
    BOOST_TEST(done.verdict.toStdString() == "pass");
    BOOST_TEST(!window->benchPanel()->runHoldsBench());
    BOOST_TEST(open->isEnabled());
}

BOOST_AUTO_TEST_SUITE_END()
