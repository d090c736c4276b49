// Screenshots of the main views (offscreen, QWidget::grab) written to
// <build>/test-output/gui/: the bench with live read-backs, a finished run with its tree and
// plots, the decoded trace, the results. A human looks at them; the test checks they are real
// images (not blank) so a broken paint path fails here.
#include "capture_dir.hpp"
#include "gui_fixture.hpp"
#include "v2gbench/gui/help_dialog.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/results_view.hpp"

#include <boost/test/unit_test.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QPixmap>
#include <QSet>
#include <QTabWidget>

using namespace v2gbench;
using v2gbench::test::sourcePath;
using v2gbench::test::waitUntil;

namespace {

// Distinct colours on a coarse grid: a blank or one-colour image has very few.
int colourVariety(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

void shoot(QWidget* w, const QString& name) {
    QCoreApplication::processEvents();
    const QImage image = w->grab().toImage();
    const QString path = test::guiOutputDir() + "/" + name + ".png";
    BOOST_REQUIRE(image.save(path));
    BOOST_TEST_MESSAGE("screenshot " << path.toStdString());
    BOOST_TEST(image.width() > 400);
    BOOST_TEST(colourVariety(image) > 20, name.toStdString() << " looks blank");
}
} // namespace

BOOST_AUTO_TEST_SUITE(screenshots)

BOOST_FIXTURE_TEST_CASE(main_views, test::GuiFixture) {
    BOOST_REQUIRE(openBench("sim.yaml"));
    click("grid.apply");
    click("battery.emulate");
    click("ev.connect");
    BOOST_REQUIRE(waitUntil([&] { return window->bench()->lastSnapshot().battery.outputOn; }, 10000));
    // A few seconds of live readings for the plots (the worker polls at 5 Hz).
    waitUntil([&] { return false; }, 1500);
    if (auto* s = window->plots()) {
        for (const char* name : {"live/battery.voltage", "live/grid.voltage"})
            s->showSignal(name);
    }
    shoot(window.get(), "01-bench-manual-control");
    if (auto* tabs = window->benchPanel()->findChild<QTabWidget*>()) {
        tabs->setCurrentIndex(2);
        shoot(window.get(), "02-bench-ev-panel");
        tabs->setCurrentIndex(1);
    }

    window->runner()->selectPlans({QString::fromStdString(sourcePath("testplans/gbt34657/dc-current-control-error.yaml"))});
    window->runner()->setDefect("current-control-error");
    window->startRun();
    BOOST_REQUIRE(waitUntil([&] { return window->runs()->isRunning(); }, 10000));
    BOOST_REQUIRE(waitUntil([&] { return !window->runs()->isRunning() && !window->results()->runDir().isEmpty(); }, 90000));
    // The run's bus is decoded and analysed on a worker thread once the run ends.
    BOOST_REQUIRE(waitUntil([&] { return !window->trace()->isBusy() && window->trace()->frameCount() > 0; }, 20000));
    shoot(window.get(), "03-run-finished-tree-and-plots");
    window->findChild<QDockWidget*>("dock.results")->raise();
    shoot(window.get(), "04-results");

    if (const std::string dir = captureDir(); !dir.empty()) {
        window->openCapture(QString::fromStdString(dir + "/complete-session.zlg.txt"));
        BOOST_REQUIRE(waitUntil([&] { return !window->trace()->isBusy() && window->trace()->frameCount() > 0; }, 20000));
        window->findChild<QDockWidget*>("dock.trace")->raise();
        shoot(window.get(), "05-trace-capture");
    }
    window->findChild<QDockWidget*>("dock.audit")->raise();
    shoot(window.get(), "06-audit-trail");

    window->showHelp();
    auto* help = window->findChild<gui::HelpDialog*>();
    BOOST_REQUIRE(help);
    shoot(help, "07-help-user-guide");
    help->close();
}

BOOST_AUTO_TEST_SUITE_END()
