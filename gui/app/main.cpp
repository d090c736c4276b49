// v2gbench-gui: the desktop app's composition root — registers every driver and clock (the same
// registration as the CLI) and shows the main window.
#include "v2gbench/app/registration.hpp"
#include "v2gbench/core/build_info.hpp"
#include "v2gbench/core/data_dir.hpp"
#include "v2gbench/gui/bench_panel.hpp"
#include "v2gbench/gui/main_window.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/sim_lab_process.hpp"

#include <QApplication>
#include <QSocketNotifier>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>

#include <clocale>
#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// SIGTERM / SIGINT close the window like the operator would: a running plan is aborted into its
// teardown, the manual session made safe, then a simulated lab started here is stopped.
int g_signalPipe[2] = {-1, -1};
void onStopSignal(int) {
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[0], &c, 1);
}
void closeOnStopSignals(QWidget* window) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) return;
    auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, window);
    QObject::connect(notifier, &QSocketNotifier::activated, window, [window] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[1], &c, 1);
        window->close();
    });
    struct sigaction sa = {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
}
} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("v2gbench");
    QApplication::setApplicationName("v2gbench-gui");
    QApplication::setApplicationVersion(QString::fromStdString(
        std::string(v2gbench::core::toolVersion()) + " (commit " + std::string(v2gbench::core::toolCommit()) + ")"));
    std::setlocale(LC_NUMERIC, "C"); // strtod in the engine and the trace readers expect '.'

    QCommandLineParser parser;
    parser.setApplicationDescription("v2gbench desktop app: manual control, plan runner, live plots, protocol trace");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption workDir("work-dir", "Where runs/ and sessions/ are written (default: the current folder).", "DIR",
                               QDir::currentPath());
    QCommandLineOption bench("bench", "Open this bench profile at start.", "FILE");
    QCommandLineOption capture("capture", "Open this CAN capture in the trace view.", "FILE");
    QCommandLineOption run("run", "Tick this plan in the plan runner and start it once the window is up (repeatable).",
                           "PLAN");
    QCommandLineOption defect("defect", "Simulated charger defect for --run.", "NAME");
    QCommandLineOption simLab("sim-lab", "Start the simulated lab (v2gbench-sim) at start; --bench opens once it is ready.");
    QCommandLineOption pace("pace", "Pace of the simulated lab for --run: fast, x10 or realtime.", "PACE", "fast");
    QCommandLineOption operatorMode("operator", "Operator mode: run only the approved plan sets of --plan-sets (`v2gbench approve`), "
                                                "no manual control.");
    QCommandLineOption planSets("plan-sets", "Operator mode's folder of approved plan sets (*.planset.json).", "DIR");
    QCommandLineOption pubkey("pubkey", "Operator mode: the lab's Ed25519 public key the sets must be signed with "
                                        "(without it only unsigned sets run).", "FILE");
    parser.addOptions({workDir, bench, capture, run, defect, pace, simLab, operatorMode, planSets, pubkey});
    parser.process(app);
    if ((parser.isSet(planSets) || parser.isSet(pubkey)) && !parser.isSet(operatorMode)) {
        std::fprintf(stderr, "v2gbench-gui: --plan-sets and --pubkey are for --operator\n");
        return 2;
    }
    if (parser.isSet(operatorMode) && !parser.isSet(planSets)) {
        std::fprintf(stderr, "v2gbench-gui: --operator needs --plan-sets DIR (the approved plan sets)\n");
        return 2;
    }
    if (parser.isSet(operatorMode) && (parser.isSet(run) || parser.isSet(defect))) {
        std::fprintf(stderr, "v2gbench-gui: --run and --defect are not offered in operator mode\n");
        return 2;
    }

    // The same data lookup as the command line (core/data_dir.hpp): plans, benches, DUT profiles.
    QString dataDir;
    try {
        dataDir = QString::fromStdString(v2gbench::core::dataDir().string());
    } catch (const v2gbench::core::DataDirError& e) {
        std::fprintf(stderr, "v2gbench-gui: %s\n", e.what());
        QMessageBox::critical(nullptr, "v2gbench", QString::fromStdString(e.what()));
        return 2;
    }
    v2gbench::core::DriverRegistry registry;
    v2gbench::app::registerAllDrivers(registry);
    v2gbench::gui::MainWindow window(registry, {dataDir, QDir(parser.value(workDir)).absolutePath()});
    if (parser.isSet(operatorMode)) {
        const QString folder = QDir().absoluteFilePath(parser.value(planSets));
        if (!QFileInfo(folder).isDir()) {
            std::fprintf(stderr, "v2gbench-gui: --plan-sets %s: not a folder\n", folder.toLocal8Bit().constData());
            return 2;
        }
        window.enterOperatorMode(folder, parser.isSet(pubkey) ? QDir().absoluteFilePath(parser.value(pubkey)) : QString());
    }
    if (parser.isSet(bench)) window.benchPanel()->setBenchPath(QDir().absoluteFilePath(parser.value(bench)));
    if (parser.isSet(simLab)) {
        auto* sim = window.simLab();
        if (parser.isSet(bench)) {
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = QObject::connect(sim, &v2gbench::gui::SimLabProcess::stateChanged, &window,
                                     [&window, once](v2gbench::gui::SimLabProcess::State s) {
                                         if (s == v2gbench::gui::SimLabProcess::State::Running)
                                             window.benchPanel()->openSelected();
                                         if (s != v2gbench::gui::SimLabProcess::State::Starting) QObject::disconnect(*once);
                                     });
        }
        window.startSimLab();
    } else if (parser.isSet(bench)) {
        window.benchPanel()->openSelected();
    }
    if (parser.isSet(capture)) window.openCapture(parser.value(capture));
    if (parser.isSet(run)) {
        QStringList plans;
        for (const QString& p : parser.values(run)) plans << QDir().absoluteFilePath(p);
        window.runner()->selectPlans(plans);
        window.runner()->setDefect(parser.value(defect));
        const QString p = parser.value(pace);
        window.runner()->setPace(p == "realtime" ? v2gbench::gui::Pace::RealTime
                                 : p == "x10"    ? v2gbench::gui::Pace::Times10
                                                 : v2gbench::gui::Pace::AsFastAsPossible);
        // Once the event loop runs (and a bench given with --bench has had its chance to open).
        QTimer::singleShot(1500, &window, &v2gbench::gui::MainWindow::startRun);
    }
    closeOnStopSignals(&window);
    window.show();
    return app.exec();
}
