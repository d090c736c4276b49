// Issue 16, the desktop app in a lab's hands: Esc and Quit during a run ask first (SAFE STOP
// never does); dispatching power with no charging EV is refused and says why; the results table
// shows each check's value ± U and its reason; a report with no viewer on the machine says where
// it is; Help shows the user guide and the version.
#include "gui_fixture.hpp"
#include "run_helpers.hpp"
#include "v2gbench/app/run_folder_finish.hpp"
#include "v2gbench/gui/help_dialog.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/results_view.hpp"
#include "v2gbench/gui/run_tree.hpp"

#include <boost/test/unit_test.hpp>

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {

// A real-time run that is still going when the test acts on it.
void startLongRun(test::GuiFixture& f) {
    BOOST_REQUIRE(f.openBench("sim.yaml"));
    f.window->runner()->selectPlans({QString::fromStdString(sourcePath("testplans/gbt34657/dc-current-control-error.yaml"))});
    f.window->runner()->setPace(gui::Pace::RealTime);
    f.window->startRun();
    // Running, and into its first case (the plan's teardown has something to undo by then).
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return f.window->runs()->isRunning() &&
                                                 !f.window->runner()->tree()->caseVerdicts().isEmpty(); },
                                    30000),
                          "the run did not start: " << f.window->lastError().toStdString());
}

// The visible one: an answered box lingers hidden until its deferred delete.
QMessageBox* visibleBox(test::GuiFixture& f, const char* name) {
    for (auto* box : f.window->findChildren<QMessageBox*>(name))
        if (box->isVisible()) return box;
    return nullptr;
}

QAction* actionWithShortcut(test::GuiFixture& f, const QKeySequence& key) {
    for (auto* a : f.window->findChildren<QAction*>())
        if (a->shortcuts().contains(key)) return a;
    return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(lab_operator)

BOOST_FIXTURE_TEST_CASE(esc_during_a_run_asks_and_no_keeps_the_run, test::GuiFixture) {
    startLongRun(*this);
    QAction* esc = actionWithShortcut(*this, QKeySequence(Qt::Key_Escape));
    BOOST_REQUIRE(esc);
    esc->trigger();
    QMessageBox* box = nullptr;
    BOOST_REQUIRE(waitUntil([&] { return (box = visibleBox(*this, "confirm.abort")) != nullptr; }, 5000));
    BOOST_TEST(window->runs()->isRunning()); // asking aborts nothing
    BOOST_TEST(box->defaultButton() == box->button(QMessageBox::No));
    esc->trigger(); // a second Esc raises the same question, it does not stack a second one
    int visible = 0;
    for (auto* b : window->findChildren<QMessageBox*>("confirm.abort")) visible += b->isVisible();
    BOOST_TEST(visible == 1);
    box->button(QMessageBox::No)->click();
    BOOST_TEST(waitUntil([&] { return visibleBox(*this, "confirm.abort") == nullptr; }, 5000));
    BOOST_TEST(window->runs()->isRunning());

    // Yes aborts: teardown, every role safe, the run ends as aborted.
    esc->trigger();
    BOOST_REQUIRE(waitUntil([&] { return (box = visibleBox(*this, "confirm.abort")) != nullptr; }, 5000));
    box->button(QMessageBox::Yes)->click();
    BOOST_REQUIRE(waitUntil([&] { return !window->runs()->isRunning() && !window->results()->runDir().isEmpty(); }, 30000));
    BOOST_TEST(window->results()->runVerdict().toStdString() == "aborted");
    const auto events = test::readJournal(window->results()->runDir().toStdString());
    BOOST_TEST(test::countEvents(events, "teardown_started") == 1);
}

BOOST_FIXTURE_TEST_CASE(safe_stop_during_a_run_never_asks, test::GuiFixture) {
    startLongRun(*this);
    click("safeStop");
    BOOST_TEST(visibleBox(*this, "confirm.abort") == nullptr);
    BOOST_REQUIRE(waitUntil([&] { return window->safeStopCompleted(); }, 30000));
    BOOST_TEST(!window->runs()->isRunning());
    BOOST_TEST(window->findChildren<QMessageBox*>("confirm.abort").isEmpty());
}

BOOST_FIXTURE_TEST_CASE(quit_during_a_run_asks_and_yes_aborts_and_closes, test::GuiFixture) {
    startLongRun(*this);
    QAction* quit = actionWithShortcut(*this, QKeySequence("Ctrl+Q"));
    BOOST_REQUIRE(quit);
    quit->trigger();
    QMessageBox* box = nullptr;
    BOOST_REQUIRE(waitUntil([&] { return (box = visibleBox(*this, "confirm.quit")) != nullptr; }, 5000));
    BOOST_TEST(window->isVisible()); // not closed yet
    BOOST_TEST(window->runs()->isRunning());
    box->button(QMessageBox::No)->click();
    BOOST_TEST(waitUntil([&] { return visibleBox(*this, "confirm.quit") == nullptr; }, 5000));
    BOOST_TEST(window->isVisible());
    BOOST_TEST(window->runs()->isRunning());

    quit->trigger();
    BOOST_REQUIRE(waitUntil([&] { return (box = visibleBox(*this, "confirm.quit")) != nullptr; }, 5000));
    box->button(QMessageBox::Yes)->click();
    BOOST_TEST(waitUntil([&] { return !window->isVisible(); }, 5000));
    // The run was told to abort for the shutdown; its teardown completes.
    BOOST_TEST(waitUntil([&] { return !window->runs()->isRunning(); }, 30000));
}

BOOST_FIXTURE_TEST_CASE(dispatch_without_a_charging_ev_is_refused_naming_the_phase, test::GuiFixture) {
    BOOST_REQUIRE(openBench("sim.yaml"));
    auto* refusal = find<QLabel>("dut.dispatch.refusal");
    BOOST_REQUIRE(refusal);
    // A poll has reached the panels (the DUT's read-back is filled in from the same snapshot that
    // says the EV emulator is disconnected: no plug-in yet).
    BOOST_REQUIRE(waitUntil([&] { return find<QLabel>("dut.read.setpoint")->text().contains("following the vehicle"); }, 10000));
    click("dut.dispatch");
    BOOST_TEST(!refusal->isHidden());
    BOOST_TEST(refusal->text().contains("Dispatch refused"), refusal->text().toStdString());
    BOOST_TEST(refusal->text().contains("'disconnected'"), refusal->text().toStdString());
    // Nothing was sent: the DUT still follows the vehicle.
    BOOST_TEST(find<QLabel>("dut.read.setpoint")->text().contains("following the vehicle"),
               find<QLabel>("dut.read.setpoint")->text().toStdString());
}

BOOST_FIXTURE_TEST_CASE(results_show_value_uncertainty_and_reason_and_a_report_without_viewer_says_where,
                        test::GuiFixture) {
    // A run with a defect, in process, outside the GUI: the results view reads its folder.
    const auto runDir = work.path() / "defect-run";
    const auto out = test::runQuiet(test::simRequest({sourcePath("testplans/gbt34657/current-adjustment-time.yaml")}, runDir,
                                                     "slow-current-adjustment"));
    BOOST_REQUIRE(out.verdict == bench::Verdict::Fail);
    app::writeReportsAndSeal(out.runDir, ""); // report.html, as a GUI or CLI run leaves it
    QString error;
    BOOST_REQUIRE_MESSAGE(window->results()->openRun(QString::fromStdString(out.runDir.string()), &error),
                          error.toStdString());
    auto* tree = find<QTreeWidget>("results.tree");
    BOOST_REQUIRE(tree);
    BOOST_TEST(tree->headerItem()->text(5).toStdString() == "Reason");
    int failedWithReason = 0, withUncertainty = 0;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        const QString verdict = (*it)->text(4).toLower();
        if ((*it)->childCount() == 0 && verdict.contains("fail") && !(*it)->text(5).isEmpty()) ++failedWithReason;
        if ((*it)->text(2).contains(" ± ")) ++withUncertainty;
    }
    BOOST_TEST(failedWithReason >= 1);
    BOOST_TEST(withUncertainty >= 1);

    // A machine without xdg-open (PATH without it, as on a minimal rack install): the button says
    // why nothing opened and where the report is.
    test::TempDir emptyPath("no-xdg-open");
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QByteArray::fromStdString(emptyPath.path().string()));
    BOOST_REQUIRE(find<QPushButton>("results.report")->isEnabled());
    click("results.report");
    qputenv("PATH", path);
    QMessageBox* box = nullptr;
    BOOST_REQUIRE(waitUntil([&] { return (box = window->findChild<QMessageBox*>("results.noViewer")) != nullptr; }, 5000));
    BOOST_TEST(box->text().contains(window->results()->reportPath()), box->text().toStdString());
    BOOST_TEST(box->text().contains("xdg-open could not be started"), box->text().toStdString());
    box->close();
}

BOOST_FIXTURE_TEST_CASE(help_shows_the_user_guide_and_the_version, test::GuiFixture) {
    QAction* guide = window->findChild<QAction*>("action.userGuide");
    BOOST_REQUIRE(guide);
    BOOST_TEST(guide->shortcuts().contains(QKeySequence(QKeySequence::HelpContents)));
    guide->trigger();
    gui::HelpDialog* help = nullptr;
    BOOST_REQUIRE(waitUntil([&] { return (help = window->findChild<gui::HelpDialog*>()) != nullptr; }, 5000));
    BOOST_REQUIRE(!help->pages().isEmpty());
    BOOST_TEST(help->pages().front().endsWith("/README.md"));
    BOOST_TEST(help->pages().size() >= 5); // README and the docs/ pages
    BOOST_TEST(help->shownPage() == help->pages().front());
    auto* text = help->findChild<QTextBrowser*>("help.text");
    BOOST_TEST(text->toPlainText().contains("v2gbench"));
    help->showPage(static_cast<int>(help->pages().indexOf(QString(V2G_SOURCE_DIR) + "/docs/uncertainty.md")));
    BOOST_TEST(help->shownPage().endsWith("docs/uncertainty.md"));
    const auto version = help->findChild<QLabel*>("help.version")->text();
    BOOST_TEST(version.startsWith("v2gbench-gui "), version.toStdString());
    BOOST_TEST(version.contains("commit"), version.toStdString());
}

BOOST_AUTO_TEST_CASE(help_says_where_it_looked_when_the_guide_is_missing) {
    test::TempDir empty("no-guide");
    gui::HelpDialog help(QString::fromStdString(empty.path().string()));
    BOOST_TEST(help.pages().isEmpty());
    const QString text = help.findChild<QTextBrowser*>("help.text")->toPlainText();
    BOOST_TEST(text.contains("was not found"), text.toStdString());
    BOOST_TEST(text.contains(QString::fromStdString(empty.path().string())), text.toStdString());
}

BOOST_AUTO_TEST_SUITE_END()
