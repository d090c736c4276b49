// GUI-thread stall while plans run: a 1 ms precise timer on the GUI thread records the gaps
// between its ticks while the main window runs plans (the engine on its worker thread, the GUI
// tailing the journal and can.log, updating the tree, plots and trace, a manual session polled at
// 5 Hz before and after). Prints the longest gap, the 99th percentile and the number of gaps over
// 50 ms (target: longest < 50 ms), and where the longest gaps fell (the run's phase). Each gap
// also says how much of it the GUI thread spent working (its CPU time): on a loaded machine the
// rest is time the thread waited for a core, which no change to the GUI can remove.
// Every run streams the bench's signals live (the engine's SignalStreamSink at the supervision
// period, 10 ms on benches/sim.yaml, batched to the GUI at ~30 Hz and plotted as run/<signal>):
// each in-process scenario also prints the frames delivered and dropped and the largest batch.
//
//   v2g_perf_gui_event_loop [inprocess|wire|all] [--capture FILE] [--events]
//     inprocess  the in-process simulated lab (benches/sim.yaml): testplans/gbt34658 and v2g as fast as possible,
//                then dc-current-control-error in real time (first 8 s)
//     wire       v2gbench-sim started from the GUI (Start simulated lab), benches/sim-wire.yaml
//                opened, testplans/gbt34657/dc-current-control-error.yaml run to its end on the
//                real drivers, the lab stopped
//     --capture  also open this capture in the trace view while the timer runs
//     --events   list the slowest event deliveries on the GUI thread (receiver, event type)
#include "v2gbench/app/registration.hpp"
#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/bench_panel.hpp"
#include "v2gbench/gui/main_window.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/plot_panel.hpp"
#include "v2gbench/gui/run_info_dialog.hpp"
#include "v2gbench/gui/sim_lab_process.hpp"
#include "v2gbench/gui/trace_view.hpp"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <string>
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

// CPU time of the calling thread: a gap the GUI thread spent working, or waiting for a core.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// QApplication that times every top-level event delivery on the GUI thread (with --events).
class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    struct Slow {
        double ms;
        std::string what;
    };
    bool timing = false;
    std::vector<Slow> slow;

    bool notify(QObject* receiver, QEvent* event) override {
        if (!timing || QThread::currentThread() != thread()) return QApplication::notify(receiver, event); // GUI thread only
        if (m_depth > 0 && event->type() == QEvent::Paint) { // which widgets paint slowly
            QElapsedTimer t;
            t.start();
            const bool r = QApplication::notify(receiver, event);
            const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
            m_paintMs += ms;
            ++m_paints;
            if (ms > 2.0) {
                std::string what = receiver->metaObject()->className();
                if (!receiver->objectName().isEmpty()) what += " '" + receiver->objectName().toStdString() + "'";
                if (receiver->parent()) what += " in " + std::string(receiver->parent()->metaObject()->className());
                m_paintDetail.push_back({ms, what});
            }
            return r;
        }
        if (m_depth > 0) return QApplication::notify(receiver, event);
        ++m_depth;
        m_paintMs = 0;
        m_paints = 0;
        m_paintDetail.clear();
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        const bool r = QApplication::notify(receiver, event);
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        --m_depth;
        if (ms > 10.0) {
            std::string what = receiver->metaObject()->className();
            if (!receiver->objectName().isEmpty()) what += " '" + receiver->objectName().toStdString() + "'";
            if (receiver->parent()) what += " in " + std::string(receiver->parent()->metaObject()->className());
            what += " event " + std::to_string(type);
            if (m_paints) {
                char buf[96];
                std::snprintf(buf, sizeof buf, " — %d paint events, %.1f ms:", m_paints, m_paintMs);
                what += buf;
                std::sort(m_paintDetail.begin(), m_paintDetail.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
                for (std::size_t i = 0; i < m_paintDetail.size() && i < 4; ++i) {
                    std::snprintf(buf, sizeof buf, " %.1f ms ", m_paintDetail[i].ms);
                    what += buf + m_paintDetail[i].what + ";";
                }
            }
            slow.push_back({ms, what});
        }
        return r;
    }
    void printSlow() {
        std::sort(slow.begin(), slow.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
        for (std::size_t i = 0; i < slow.size() && i < 8; ++i) std::printf("    event %6.1f ms: %s\n", slow[i].ms, slow[i].what.c_str());
        slow.clear();
    }

private:
    int m_depth = 0;
    double m_paintMs = 0;
    int m_paints = 0;
    std::vector<Slow> m_paintDetail;
};

// The 1 ms ticker and what it saw; `phase` labels where each long gap fell.
struct GapRecorder {
    struct Gap {
        double ms;
        double busyMs; // CPU time the GUI thread itself spent in the gap (the rest: not scheduled)
        double at;     // s since start
        std::string phase;
    };
    std::vector<double> gaps;
    std::vector<double> busy; // per gap, the GUI thread's CPU time
    std::vector<Gap> longest; // > 20 ms
    std::string phase = "idle";
    std::string lastPhase = "idle"; // at the previous tick: a gap spans from there to `phase`
    QElapsedTimer clock;
    qint64 last = 0;
    double lastCpu = 0;
    QTimer tick;

    GapRecorder() {
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(1);
        QObject::connect(&tick, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed();
            const double cpu = threadCpuMs();
            const double ms = static_cast<double>(now - last) / 1e6;
            gaps.push_back(ms);
            busy.push_back(cpu - lastCpu);
            if (ms > 20.0)
                longest.push_back({ms, cpu - lastCpu, static_cast<double>(last) / 1e9, lastPhase == phase ? phase : lastPhase + " → " + phase});
            last = now;
            lastCpu = cpu;
            lastPhase = phase;
        });
    }
    void start() {
        gaps.clear();
        busy.clear();
        longest.clear();
        clock.start();
        last = clock.nsecsElapsed();
        lastCpu = threadCpuMs();
        if (auto* timing = dynamic_cast<TimingApplication*>(qApp)) timing->slow.clear();
        lastPhase = phase;
        tick.start();
    }
    void stop() { tick.stop(); }
    void print(const char* label, double wallSeconds) {
        std::vector<double> sorted = gaps;
        std::sort(sorted.begin(), sorted.end());
        const double worst = sorted.empty() ? 0 : sorted.back();
        const double p99 = sorted.empty() ? 0 : sorted[sorted.size() * 99 / 100];
        const auto over50 = std::count_if(sorted.begin(), sorted.end(), [](double g) { return g > 50.0; });
        const double busiest = busy.empty() ? 0 : *std::max_element(busy.begin(), busy.end());
        std::printf("%-52s %6.1f s wall, %7zu ticks: longest gap %6.1f ms, p99 %5.1f ms, %3zd gaps > 50 ms; "
                    "longest GUI-thread work in a gap %5.1f ms (target: longest gap < 50 ms)\n",
                    label, wallSeconds, sorted.size(), worst, p99, static_cast<std::ptrdiff_t>(over50), busiest);
        std::sort(longest.begin(), longest.end(), [](const Gap& a, const Gap& b) { return a.ms > b.ms; });
        for (std::size_t i = 0; i < longest.size() && i < 5; ++i)
            std::printf("    %6.1f ms (GUI thread busy %5.1f ms of it) at %6.2f s (%s)\n", longest[i].ms, longest[i].busyMs,
                        longest[i].at, longest[i].phase.c_str());
        if (auto* timing = dynamic_cast<TimingApplication*>(qApp); timing && timing->timing) timing->printSlow();
        std::fflush(stdout);
    }
};

QStringList planFiles(const QStringList& paths) {
    QStringList files;
    for (const QString& p : paths) {
        if (QFileInfo(p).isDir())
            for (const QFileInfo& f : QDir(p).entryInfoList({"*.yaml"}, QDir::Files, QDir::Name)) {
                // Plans only: answers files and profiles sit beside them (as the plan runner lists).
                QFile file(f.absoluteFilePath());
                if (!file.open(QIODevice::ReadOnly)) continue;
                const QString text = QString::fromUtf8(file.read(64 * 1024));
                if (text.startsWith("plan:") || text.contains("\nplan:")) files << f.absoluteFilePath();
            }
        else
            files << p;
    }
    return files;
}

// Runs the ticked plans with the manual session open before and after; the recorder's phase
// follows the run.
void runWithSession(gui::MainWindow& window, GapRecorder& rec, int maxSeconds) {
    rec.phase = "starting the run";
    window.startRun();
    if (!waitUntil([&] { return window.runs()->isRunning(); }, 10000))
        std::printf("    THE RUN DID NOT START: %s\n", window.lastError().left(200).toStdString().c_str());
    rec.phase = "run";
    waitUntil([&] { return !window.runs()->isRunning(); }, maxSeconds * 1000);
    if (window.runs()->isRunning()) {
        rec.phase = "abort";
        window.abortRun();
        waitUntil([&] { return !window.runs()->isRunning(); }, 30000);
    }
    rec.phase = "run finished, manual session reopening";
    waitUntil([&] { return window.bench()->isOpen(); }, 10000);
    rec.phase = "manual session";
    waitUntil([] { return false; }, 500);
}
} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    TimingApplication app(argc, argv);
    std::string mode = "all";
    QString capture;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--capture" && i + 1 < argc) capture = argv[++i];
        else if (a == "--events") app.timing = true;
        else if (a == "inprocess" || a == "wire" || a == "all") mode = a;
        else {
            std::fprintf(stderr, "usage: v2g_perf_gui_event_loop [inprocess|wire|all] [--capture FILE] [--events]\n");
            return 2;
        }
    }
    QTemporaryDir work;
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    gui::MainWindow window(registry, {V2G_SOURCE_DIR, work.path()});
    window.resize(1600, 1000);
    window.show();
    // Every run first asks the run information: answered as an operator would, at once (without
    // this the runs never start and the figures would be of an idle window).
    QObject::connect(&window, &gui::MainWindow::runInfoAsked, [](gui::RunInfoDialog* dialog) {
        dialog->setField("lab.name", "v2gbench perf lab");
        dialog->setField("customer.name", "perf");
        dialog->setField("sample.serial", "SN-PERF-0001");
        dialog->setField("sample.firmware", "fw 1.0.0");
        dialog->setField("sign_off.operator", "perf");
        dialog->accept();
    });
    // Warm up: the first paint of every widget (fonts, glyph and style caches) is a start-up
    // cost, not a stall during a run.
    waitUntil([] { return false; }, 1000);
    const QString src = V2G_SOURCE_DIR;
    GapRecorder rec;

    if (!capture.isEmpty()) {
        rec.phase = "opening the capture";
        rec.start();
        QElapsedTimer wall;
        wall.start();
        window.openCapture(capture);
        waitUntil([&] { return window.trace()->frameCount() > 0; }, 30000);
        rec.phase = "capture shown";
        waitUntil([] { return false; }, 500);
        rec.stop();
        rec.print(("open capture " + QFileInfo(capture).fileName().toStdString()).c_str(), wall.elapsed() / 1000.0);
    }

    if (mode == "inprocess" || mode == "all") {
        struct Scenario {
            const char* label;
            QStringList plans;
            gui::Pace pace;
            int maxSeconds;
        };
        const std::vector<Scenario> scenarios = {
            // Plans without inspect steps: an inspect step waits for the operator's dialog, which
            // nobody answers here (the run would sit until the time limit).
            {"in-process sim, as fast as possible, gbt34658 + v2g plans", {src + "/testplans/gbt34658", src + "/testplans/v2g"}, gui::Pace::AsFastAsPossible, 120},
            {"in-process sim, real time (first 8 s)", {src + "/testplans/gbt34657/dc-current-control-error.yaml"}, gui::Pace::RealTime, 8},
        };
        for (const auto& s : scenarios) {
            window.benchPanel()->setBenchPath(src + "/benches/sim.yaml");
            window.benchPanel()->openSelected();
            waitUntil([&] { return window.bench()->isOpen(); }, 10000);
            window.runner()->selectPlans(planFiles(s.plans));
            window.runner()->setPace(s.pace);
            std::size_t frames = 0, batches = 0, largest = 0, dropped = 0;
            const auto counting = QObject::connect(window.runs(), &gui::RunController::live, [&](const gui::LiveBatch& b) {
                frames += b.frames.size();
                batches += b.frames.empty() ? 0 : 1;
                largest = std::max(largest, b.frames.size());
                dropped = b.droppedFrames;
            });
            rec.start();
            QElapsedTimer wall;
            wall.start();
            runWithSession(window, rec, s.maxSeconds);
            rec.stop();
            QObject::disconnect(counting);
            rec.print(s.label, wall.elapsed() / 1000.0);
            std::printf("    live stream: %zu frames in %zu batches (largest %zu frames), %zu dropped (the GUI lagged); "
                        "%lld signals plotted as run/*\n",
                        frames, batches, largest, dropped,
                        static_cast<long long>(window.plots()->signalNames().filter("run/").size()));
            std::fflush(stdout);
        }
    }

    if (mode == "wire" || mode == "all") {
        if (window.bench()->isOpen()) {
            window.bench()->close();
            waitUntil([&] { return !window.bench()->isOpen() && !window.bench()->isBusy(); }, 10000);
        }
        window.benchPanel()->setBenchPath(src + "/benches/sim-wire.yaml");
        rec.start();
        QElapsedTimer wall;
        wall.start();
        rec.phase = "starting v2gbench-sim";
        window.startSimLab();
        if (!waitUntil([&] { return window.simLab()->isRunning() || !window.lastError().isEmpty(); }, 20000) ||
            !window.simLab()->isRunning()) {
            std::fprintf(stderr, "v2gbench-sim did not start: %s\n", window.lastError().toStdString().c_str());
            return 1;
        }
        rec.phase = "opening sim-wire.yaml";
        window.benchPanel()->openSelected();
        if (!waitUntil([&] { return window.bench()->isOpen() || !window.lastError().isEmpty(); }, 20000) ||
            !window.bench()->isOpen()) {
            std::fprintf(stderr, "sim-wire.yaml did not open: %s\n", window.lastError().toStdString().c_str());
            return 1;
        }
        rec.phase = "manual session";
        waitUntil([] { return false; }, 1000);
        window.runner()->selectPlans({src + "/testplans/gbt34657/dc-current-control-error.yaml"});
        runWithSession(window, rec, 120);
        rec.phase = "stopping the lab";
        window.stopSimLab();
        waitUntil([&] { return window.simLab()->state() == gui::SimLabProcess::State::Stopped; }, 15000);
        rec.stop();
        rec.print("wire sim (v2gbench-sim), dc-current-control-error", wall.elapsed() / 1000.0);
        if (!window.lastError().isEmpty()) std::printf("    (last error: %s)\n", window.lastError().left(200).toStdString().c_str());
    }
    return 0;
}
