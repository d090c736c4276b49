// GUI-thread stall while plans run: a 1 ms precise timer on the GUI thread records the longest
// gap between its ticks while the main window runs plans on the in-process simulated lab (the
// engine on its worker thread, the GUI tailing the journal, updating the tree and plots, and a
// manual session polled at 5 Hz before and after). Prints the longest gap and the 99th
// percentile (target: longest < 50 ms).
#include "v2gbench/app/registration.hpp"
#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/bench_panel.hpp"
#include "v2gbench/gui/main_window.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace v2gbench;

namespace {
template <class Pred> bool waitUntil(Pred pred, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!pred() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return pred();
}
} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QTemporaryDir work;
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    gui::MainWindow window(registry, {V2G_SOURCE_DIR, work.path()});
    window.resize(1600, 1000);
    window.show();

    struct Scenario {
        const char* label;
        QStringList plans;
        gui::Pace pace;
        int maxSeconds;
    };
    const QString src = V2G_SOURCE_DIR;
    const std::vector<Scenario> scenarios = {
        {"in-process sim, as fast as possible, 6 plans", {src + "/testplans/gbt34657", src + "/testplans/v2g"}, gui::Pace::AsFastAsPossible, 120},
        {"in-process sim, real time (first 8 s)", {src + "/testplans/gbt34657/dc-current-control-error.yaml"}, gui::Pace::RealTime, 8},
    };
    for (const auto& s : scenarios) {
        window.benchPanel()->setBenchPath(src + "/benches/sim.yaml");
        window.benchPanel()->openSelected();
        waitUntil([&] { return window.bench()->isOpen(); }, 10000);
        QStringList files;
        for (const QString& p : s.plans) {
            if (QFileInfo(p).isDir())
                for (const QFileInfo& f : QDir(p).entryInfoList({"*.yaml"}, QDir::Files, QDir::Name)) files << f.absoluteFilePath();
            else
                files << p;
        }
        window.runner()->selectPlans(files);
        window.runner()->setPace(s.pace);

        std::vector<double> gaps;
        QElapsedTimer clock;
        clock.start();
        qint64 last = clock.nsecsElapsed();
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(1);
        QObject::connect(&tick, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            gaps.push_back(static_cast<double>(now - last) / 1e6);
            last = now;
        });
        tick.start();
        QElapsedTimer wall;
        wall.start();
        window.startRun();
        waitUntil([&] { return window.runs()->isRunning(); }, 10000);
        waitUntil([&] { return !window.runs()->isRunning(); }, s.maxSeconds * 1000);
        if (window.runs()->isRunning()) {
            window.abortRun();
            waitUntil([&] { return !window.runs()->isRunning(); }, 30000);
        }
        waitUntil([&] { return window.bench()->isOpen(); }, 10000); // the manual session comes back
        tick.stop();
        std::sort(gaps.begin(), gaps.end());
        const double worst = gaps.empty() ? 0 : gaps.back();
        const double p99 = gaps.empty() ? 0 : gaps[gaps.size() * 99 / 100];
        std::printf("%-46s %6.1f s wall, %zu ticks: longest GUI event-loop gap %.1f ms, p99 %.1f ms (target < 50 ms)\n",
                    s.label, wall.elapsed() / 1000.0, gaps.size(), worst, p99);
    }
    return 0;
}
