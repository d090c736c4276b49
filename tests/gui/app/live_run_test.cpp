// A run seen live in the main window (issue 16, "Live runs"): the engine's signal stream plotted as
// "run/<signal>" before the first check ends, the check's window and limits drawn as it starts,
// the progress bar counting cases and steps with the time left, the bench clock on the status bar
// moving while the journal is silent, an abort leaving the bar where the run stopped, and the
// previous verdict's colour cleared when a run starts. Screenshot of the window during the run at
// 1920x1080 in <build>/test-output/gui/live-run.png.
#include "gui_fixture.hpp"
#include "run_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QFile>
#include <QLabel>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {

// Real-time pace: about 10 s of wall time. The 4 s wait has no journal event in it.
const char* kPlan = R"(plan: live-gui
title: live view test plan
requires: {roles: [grid, battery, ev, analyzer]}
setup:
  - grid.apply: {voltage: 230 V, frequency: 50 Hz}
  - battery.emulate: {voltage: 400 V, soc: 50 %}
  - ev.demand: {voltage: 450 V, current: 10 A, mode: constant-current}
  - ev.connect: {}
  - wait_until: {condition: "ev.phase == 'charging'", timeout: 30 s}
cases:
  - id: C1
    steps:
      - ev.demand: {voltage: 450 V, current: 10 A, mode: constant-current}
      - wait: 4 s
      - measure:
          name: output current
          signal: analyzer.dc_current
          window: 1500 ms
          expect: {nominal: 10 A, tolerance: 1 A}
  - id: C2
    steps:
      - wait: 30 s
teardown:
  - ev.disconnect: {}
  - battery.off: {}
  - grid.off: {}
)";

struct Journal {
    int lines = 0;
    int checks = 0;
};

Journal readJournal(const QString& runDir) {
    Journal j;
    QFile f(runDir + "/journal.jsonl");
    if (!f.open(QIODevice::ReadOnly)) return j;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        if (!line.endsWith('\n')) break; // being written
        ++j.lines;
        try {
            if (nlohmann::json::parse(line.toStdString()).value("event", "") == "check") ++j.checks;
        } catch (const std::exception&) {
        }
    }
    return j;
}

// The bench time on the status bar ("run: … · bench time 12.3 s"); -1 when not shown.
double statusBenchTime(test::GuiFixture& f) {
    auto* label = f.find<QLabel>("status.run");
    BOOST_REQUIRE(label);
    static const QRegularExpression re(R"(bench time ([0-9.]+) s)");
    const auto m = re.match(label->text());
    return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
}

void startPlan(test::GuiFixture& f, const QString& plan, gui::Pace pace) {
    f.window->runner()->selectPlans({plan});
    f.window->runner()->setDefect("");
    f.window->runner()->setPace(pace);
    f.window->benchPanel()->setBenchPath(QString::fromStdString(sourcePath("benches/sim.yaml")));
    f.window->startRun();
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return f.window->runs()->isRunning(); }, 15000),
                          "the run did not start: " << f.window->lastError().toStdString());
}

void shoot1920(QWidget* w, const QString& name) {
    const QString dir = QString(V2G_BINARY_DIR) + "/test-output/gui";
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    const QImage image = w->grab().toImage();
    BOOST_REQUIRE(image.save(dir + "/" + name + ".png"));
    BOOST_TEST_MESSAGE("screenshot " << (dir + "/" + name + ".png").toStdString());
}

} // namespace

BOOST_AUTO_TEST_SUITE(live_run)

BOOST_FIXTURE_TEST_CASE(live_signals_progress_and_clock_during_a_run, test::GuiFixture) {
    window->resize(1920, 1080);
    const QString plan = QString::fromStdString(test::writeFile(work.path() / "live-gui.yaml", kPlan));
    startPlan(*this, plan, gui::Pace::RealTime);
    const QString runDir = window->runs()->runDir();
    auto* runner = window->runner();

    // Progress above 0 within the first case, counted in cases and steps, with the time left.
    BOOST_REQUIRE(waitUntil([&] { return runner->progressText().contains("case 1/2"); }, 30000));
    BOOST_TEST(runner->progressFraction() > 0.0);
    BOOST_TEST(runner->progressText().contains("left (bench time"), runner->progressText().toStdString());

    // The bench clock moves during the 4 s wait while the journal says nothing.
    BOOST_REQUIRE(waitUntil([&] { return runner->progressText().contains("case 1/2 · step 2/3"); }, 10000));
    const double waitStart = statusBenchTime(*this);
    BOOST_TEST(waitStart >= 0.0);
    // Inside the wait (its own journal line is written by now), a second of bench time passes.
    BOOST_REQUIRE(waitUntil([&] { return statusBenchTime(*this) > waitStart + 0.3; }, 5000));
    const Journal before = readJournal(runDir);
    const double clock0 = statusBenchTime(*this);
    BOOST_REQUIRE(waitUntil([&] { return statusBenchTime(*this) > clock0 + 1.0; }, 5000));
    const Journal after = readJournal(runDir);
    BOOST_TEST(after.lines == before.lines, "journal events came during the wait: " << after.lines - before.lines);

    // Live signals are plotted before the first check ends, and the check's window and limits
    // (10 A ± 1 A) are drawn as it starts.
    bool seen = false;
    BOOST_REQUIRE(waitUntil([&] {
        const auto* s = window->plots()->series("run/analyzer.dc_current");
        const bool plotted = s && s->size() > 50 && !window->plots()->windows("run/analyzer.dc_current").empty();
        seen = plotted && readJournal(runDir).checks == 0; // plotted first, then: no check ended yet
        return seen || readJournal(runDir).checks > 0;
    }, 15000));
    BOOST_TEST(seen);
    const auto limits = window->plots()->limits("run/analyzer.dc_current");
    BOOST_REQUIRE(limits.size() == 1u);
    BOOST_TEST(limits[0].low.value_or(0) == 9.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(limits[0].high.value_or(0) == 11.0, boost::test_tools::tolerance(1e-9));
    const auto* current = window->plots()->series("run/analyzer.dc_current");
    BOOST_TEST(current->value(current->size() - 1) > 8.0f); // following the 10 A demand
    BOOST_TEST(window->plots()->signalNames().contains("run/grid.voltage"));
    shoot1920(window.get(), "live-run");

    // Abort in the second case: the bar stays where the run stopped, not 100 %.
    BOOST_REQUIRE(waitUntil([&] { return runner->progressText().contains("case 2/2"); }, 15000));
    window->abortRun();
    BOOST_REQUIRE(confirmYes("confirm.abort"));
    BOOST_REQUIRE(waitUntil([&] { return !window->runs()->isRunning() && !window->results()->runDir().isEmpty(); }, 30000));
    BOOST_TEST(runner->progressText().startsWith("aborted at case 2/2"), runner->progressText().toStdString());
    BOOST_TEST(runner->progressFraction() < 1.0);
    BOOST_TEST(runner->progressFraction() >= 0.5);
    BOOST_TEST(window->liveFramesDropped() == 0u);
}

BOOST_FIXTURE_TEST_CASE(verdict_colour_resets_when_a_run_starts, test::GuiFixture) {
    std::string text = kPlan;
    text.replace(text.find("wait: 30 s"), std::string("wait: 30 s").size(), "wait: 1 s");
    const QString plan = QString::fromStdString(test::writeFile(work.path() / "short.yaml", text));
    startPlan(*this, plan, gui::Pace::AsFastAsPossible);
    BOOST_REQUIRE(waitUntil([&] { return !window->runs()->isRunning() && !window->results()->runDir().isEmpty(); }, 60000));
    auto* status = find<QLabel>("runner.status");
    BOOST_REQUIRE(status);
    BOOST_TEST(status->styleSheet().contains("color"), status->styleSheet().toStdString()); // the pass colour
    BOOST_TEST(window->runner()->progressFraction() == 1.0);

    startPlan(*this, plan, gui::Pace::AsFastAsPossible);
    BOOST_TEST(status->styleSheet().isEmpty(), status->styleSheet().toStdString());
    BOOST_TEST(window->runner()->progressFraction() < 1.0);
    BOOST_REQUIRE(waitUntil([&] { return !window->runs()->isRunning(); }, 60000));
}

BOOST_AUTO_TEST_SUITE_END()
