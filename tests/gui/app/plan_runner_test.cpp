// Running plans from the GUI on the in-process simulated lab: the live tree gets every case
// with its verdict, the results view opens the run folder, and a defect makes a case fail.
#include "gui_fixture.hpp"
#include "run_helpers.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/results_view.hpp"
#include "v2gbench/gui/run_tree.hpp"

#include <boost/test/unit_test.hpp>

#include <QFileInfo>

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
    BOOST_REQUIRE(runToEnd(*this, "testplans/gbt34657/dc-current-control-error.yaml", ""));
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

BOOST_FIXTURE_TEST_CASE(invalid_plan_is_refused_with_file_line, test::GuiFixture) {
    test::TempDir dir("gui-bad-plan");
    const std::string bad = dir.file("bad.yaml");
    std::ofstream(bad) << "plan: bad\ntitle: bad\nrequires: {roles: [battery]}\nsetup:\n  - battery.emulate: {voltage: 400}\n"
                          "cases:\n  - id: x\n    steps:\n      - wait: 1 s\n";
    window->runner()->selectPlans({QString::fromStdString(bad)});
    window->startRun();
    BOOST_TEST(!window->runs()->isRunning());
    BOOST_TEST(window->lastError().contains("bad.yaml:5"), window->lastError().toStdString());

    // The run controller validates again (a file may change between the two): also reported.
    window->showNormal();
    bench::RunRequest request = test::simRequest({bad}, dir.path() / "run");
    QString reported;
    QObject::connect(window->runs(), &gui::RunController::finished,
                     [&](const gui::RunFinished& r) { reported = r.diagnostics.join("\n"); });
    BOOST_TEST(!window->runs()->start(request, gui::Pace::AsFastAsPossible));
    BOOST_TEST(reported.contains("bad.yaml:5"), reported.toStdString());
    BOOST_TEST(window->lastError().contains("did not start"), window->lastError().toStdString());
}

BOOST_AUTO_TEST_SUITE_END()
