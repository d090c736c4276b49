#include "v2gbench/gui/main_window.hpp"

#include "v2gbench/gui/help_dialog.hpp"

#include "v2gbench/gui/audit_journal.hpp"
#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/bench_panel.hpp"
#include "v2gbench/gui/plan_runner_panel.hpp"
#include "v2gbench/gui/approved_sets_panel.hpp"
#include "v2gbench/gui/plot_panel.hpp"
#include "v2gbench/gui/results_view.hpp"
#include "v2gbench/gui/run_tree.hpp"
#include "v2gbench/gui/safe_stop_button.hpp"
#include "v2gbench/gui/sim_lab_process.hpp"
#include "v2gbench/gui/trace_view.hpp"
#include "v2gbench/gui/verdict_style.hpp"

#include <QAction>
#include <QCloseEvent>
#include <QDateTime>
#include <QElapsedTimer>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <algorithm>
#include <cstdio>
#include <utility>

namespace v2gbench::gui {

MainWindow::MainWindow(const core::DriverRegistry& registry, AppPaths paths, QWidget* parent)
    : QMainWindow(parent), m_registry(registry), m_paths(std::move(paths)) {
    setWindowTitle("v2gbench — V2G charger test bench");
    setObjectName("mainWindow");
    m_bench = new BenchController(registry, m_paths.workDir + "/sessions", this);
    m_runs = new RunController(registry, this);
    m_runs->enableOperatorDialog(this); // inspect steps the answers file lacks are asked
    m_sim = new SimLabProcess(this);
    m_plots = new PlotPanel(this);
    setCentralWidget(m_plots);
    buildDocks();
    buildActions();

    m_connection = new QLabel("bench: none", this);
    m_safety = new QLabel("safety: —", this);
    m_safety->setObjectName("status.safety");
    m_runState = new QLabel("run: idle", this);
    m_runState->setObjectName("status.run");
    // Status texts keep their width while there is room and never widen the window (a QLabel's
    // minimum width is otherwise its whole text).
    m_runState->setMinimumWidth(80);
    m_connection->setMinimumWidth(80);
    m_safety->setMinimumWidth(80);
    statusBar()->addWidget(m_connection);
    statusBar()->addWidget(m_safety);
    statusBar()->addWidget(m_runState, 1);
    m_simStatus = new QLabel(this);
    m_simStatus->setObjectName("status.simlab");
    m_simStatus->setMinimumWidth(80);
    statusBar()->addPermanentWidget(m_simStatus);

    connect(m_sim, &SimLabProcess::stateChanged, this, [this](SimLabProcess::State state) {
        const QString now = QTime::currentTime().toString("HH:mm:ss");
        if (state == SimLabProcess::State::Running)
            m_audit->addItem(QString("%1  simulated lab started: %2 (pid %3)").arg(now, m_sim->program()).arg(m_sim->pid()));
        else if (state == SimLabProcess::State::Stopped)
            m_audit->addItem(QString("%1  simulated lab stopped").arg(now));
        updateSimLabControls();
    });
    connect(m_sim, &SimLabProcess::failed, this, [this](const QString& message, const QString& detail) {
        QString text = message + (detail.isEmpty() ? QString() : "\n\n" + detail);
        if (detail.contains("in use"))
            text += "\n\nAnother v2gbench-sim (or another program) holds one of its default ports. Stop it, or run "
                    "v2gbench-sim yourself (--port NAME=PORT) with a bench profile pointing at those ports.";
        showError("Simulated lab (v2gbench-sim)", text);
        continueSimLabStop();
        updateSimLabControls();
    });
    connect(m_benchPanel, &BenchPanel::benchPathChanged, this, [this] { updateSimLabControls(); });
    connect(m_benchPanel, &BenchPanel::startSimLabRequested, this, &MainWindow::startSimLab);
    connect(m_benchPanel, &BenchPanel::stopSimLabRequested, this, &MainWindow::stopSimLab);

    connect(m_bench, &BenchController::opened, this, [this](const SessionInfo& info) {
        if (m_simStopPending && benchOnSimLab(m_bench->benchPath())) { // opened while the lab is being stopped
            m_bench->close();
            return;
        }
        if (!m_keepRunTrace) m_plots->clear(); // after a run, its traces stay on the plot
        // The manual session's bus, unless the trace shows the run that just ended or a capture.
        if (!info.canLog.empty() && !m_runs->isRunning() && !m_keepRunTrace && !m_trace->showsCapture())
            m_trace->follow(QString::fromStdString(info.canLog));
        m_keepRunTrace = false;
        m_audit->addItem(QString("%1  session opened: %2 (clock %3), audit trail %4")
                             .arg(QTime::currentTime().toString("HH:mm:ss"), QString::fromStdString(info.benchTitle),
                                  QString::fromStdString(info.clock), QString::fromStdString(info.auditFolder)));
        updateStatus();
    });
    connect(m_bench, &BenchController::openFailed, this, [this](const QString& message, bool benchInUse) {
        QString text = message;
        // A bench in use was refused before anything was contacted: whether the lab runs is beside the point.
        if (!benchInUse && benchOnSimLab(m_bench->benchPath()) && !m_sim->isRunning())
            text += "\n\nThis bench talks to v2gbench-sim on 127.0.0.1: start it first (Lab → Start simulated lab).";
        showError("Cannot open the bench", text);
        updateStatus();
        continueSimLabStop();
    });
    connect(m_bench, &BenchController::closed, this, [this] {
        updateStatus();
        if (m_pendingRun) launchRun();
        continueSimLabStop();
    });
    connect(m_bench, &BenchController::polled, this, &MainWindow::onSnapshot);
    connect(m_bench, &BenchController::actionDone, this, &MainWindow::onAction);
    connect(m_bench, &BenchController::safeStopDone, this, [this](const SafeStopReport& r) {
        if (m_runs->isRunning() || m_safeStopDuringRun) return; // the run's own safe path reports
        m_safeStopCompleted = true;
        m_safeStopStatus = QString("Safe stop completed %1 — %2; %3")
                               .arg(QString::fromStdString(r.completedUtc),
                                    r.outputsOff ? "outputs off" : "OUTPUTS NOT CONFIRMED OFF",
                                    QString::fromStdString(r.detail));
        m_safeStopButton->showCompleted(QString::fromStdString(r.completedUtc), r.outputsOff);
        m_audit->addItem(m_safeStopStatus);
        statusBar()->showMessage(m_safeStopStatus.left(120), 15000);
        updateStatus();
    });

    connect(m_runner, &PlanRunnerPanel::runRequested, this, &MainWindow::startRun);
    connect(m_runner, &PlanRunnerPanel::abortRequested, this, &MainWindow::abortRun);
    connect(m_runner, &PlanRunnerPanel::validateRequested, this, [this] {
        QStringList problems;
        auto request = buildRequest(problems);
        if (!request) {
            m_runner->showDiagnostics(problems);
            return;
        }
        statusBar()->showMessage("validating the plans …", 5000);
        m_runs->validateAsync(std::move(*request), [this](const QStringList& found) {
            m_runner->showDiagnostics(found);
            if (found.isEmpty()) statusBar()->showMessage("plans valid", 5000);
        });
    });
    connect(m_runs, &RunController::started, this, [this](const QString& runDir) {
        // What the run needs at once; the views are reset one per event-loop turn afterwards
        // (each takes milliseconds after a big run: together they stalled the GUI thread).
        m_journal.reset((runDir + "/journal.jsonl").toStdString());
        m_backlog.clear();
        m_finished.reset();
        m_runner->runStarted(runDir); // its tree is emptied at once and freed in slices
        m_viewsResetPending = true;
        m_liveBenchTime = 0.0;
        m_liveDropped = 0;
        m_heldLive.clear();
        QTimer::singleShot(0, this, [this, runDir] {
            m_plots->clear();
            QTimer::singleShot(0, this, [this, runDir] {
                m_trace->follow(runDir + "/can.log");
                m_viewsResetPending = false;
                for (const auto& held : std::exchange(m_heldLive, {})) applyLiveBatch(held);
            });
        });
        m_runTimer->start();
        updateStatus();
    });
    connect(m_runs, &RunController::finished, this, &MainWindow::onRunFinished);
    connect(m_runs, &RunController::live, this, &MainWindow::onLiveBatch);
    connect(m_trace, &TraceView::captureFailed, this,
            [this](const QString& path, const QString& error) { showError("Cannot open the capture", path + ":\n" + error); });
    connect(m_results, &ResultsView::rerunRequested, this, [this](const RerunRequest& r) {
        m_runner->selectPlans({r.plan});
        m_runner->setDefect(r.defect);
        startRun();
    });

    m_runTimer = new QTimer(this);
    m_runTimer->setInterval(100);
    connect(m_runTimer, &QTimer::timeout, this, &MainWindow::pollRun);

    restoreSettings();
    updateSimLabControls();
    // The latest run opens on start.
    if (const QString latest = ResultsView::latestRun(runsRoot()); !latest.isEmpty()) m_results->openRun(latest);
    updateStatus();
}

MainWindow::~MainWindow() {
    // Shutdown order: a running plan's teardown and the manual session's makeSafe() while the
    // simulated lab still answers, then the lab (SIGTERM, then SIGKILL if it lingers).
    disconnect(m_sim, nullptr, this, nullptr);
    disconnect(m_bench, nullptr, this, nullptr);
    disconnect(m_runs, nullptr, this, nullptr);
    m_runTimer->stop();
    delete m_runs; // aborts a running plan and waits for its teardown
    m_runs = nullptr;
    delete m_bench; // closes the manual session: every role made safe
    m_bench = nullptr;
    m_sim->stopAndWait();
}

QString MainWindow::runsRoot() const { return m_paths.workDir + "/runs"; }

void MainWindow::buildDocks() {
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    m_benchPanel = new BenchPanel(m_bench, m_paths.dataDir, this);
    m_benchPanel->setMinimumWidth(345); // the role panels fit without scrolling (identities elide)
    dock("Bench", "dock.bench", m_benchPanel, Qt::LeftDockWidgetArea);
    m_runner = new PlanRunnerPanel(m_paths.dataDir, this);
    m_runner->setMinimumWidth(330); // the run tree's names and verdicts side by side
    dock("Plan runner", "dock.runner", m_runner, Qt::RightDockWidgetArea);
    m_trace = new TraceView(this);
    auto* traceDock = dock("Protocol trace (GB/T 27930)", "dock.trace", m_trace, Qt::BottomDockWidgetArea);
    m_results = new ResultsView(this);
    auto* resultsDock = dock("Results", "dock.results", m_results, Qt::BottomDockWidgetArea);
    m_audit = new QListWidget(this);
    m_audit->setObjectName("audit.list");
    auto* auditDock = dock("Audit trail", "dock.audit", m_audit, Qt::BottomDockWidgetArea);
    // Side docks run the full height; the bottom docks sit under the plots only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    tabifyDockWidget(traceDock, resultsDock);
    tabifyDockWidget(resultsDock, auditDock);
    traceDock->raise();
}

void MainWindow::buildActions() {
    auto* toolbar = addToolBar("Run");
    toolbar->setObjectName("toolbar.run");
    toolbar->setMovable(false);
    auto* openBench = new QAction("Open bench", this);
    openBench->setShortcut(QKeySequence("Ctrl+O"));
    connect(openBench, &QAction::triggered, m_benchPanel, &BenchPanel::openSelected);
    auto* run = new QAction("▶ Run", this);
    run->setShortcut(Qt::Key_F5);
    run->setToolTip("Run the selected plans (F5)");
    connect(run, &QAction::triggered, this, &MainWindow::startRun);
    auto* abort = new QAction("■ Abort", this);
    abort->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence("Ctrl+.")});
    abort->setToolTip("Abort the run: teardown, then every role made safe (Esc, Ctrl+.)");
    connect(abort, &QAction::triggered, this, &MainWindow::abortRun);
    auto* openRun = new QAction("Open run folder…", this);
    connect(openRun, &QAction::triggered, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, "Run folder", runsRoot());
        if (!d.isEmpty()) openRunFolder(d);
    });
    auto* openCap = new QAction("Open CAN capture…", this);
    connect(openCap, &QAction::triggered, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, "CAN capture", QString(), "CAN traces (*.log *.txt);;All (*)");
        if (!f.isEmpty()) openCapture(f);
    });
    toolbar->addAction(openBench);
    toolbar->addSeparator();
    toolbar->addAction(run);
    toolbar->addAction(abort);
    toolbar->addSeparator();
    toolbar->addAction(openRun);
    toolbar->addAction(openCap);
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    m_safeStopButton = new SafeStopButton(toolbar);
    toolbar->addWidget(m_safeStopButton);
    connect(m_safeStopButton, &QPushButton::clicked, this, &MainWindow::safeStop);
    // Window-wide shortcuts, whichever widget has focus.
    auto* safe = new QAction("SAFE STOP", this);
    safe->setShortcuts({QKeySequence(Qt::Key_F12), QKeySequence("Ctrl+Shift+S")});
    safe->setShortcutContext(Qt::ApplicationShortcut);
    connect(safe, &QAction::triggered, this, &MainWindow::safeStop);
    addAction(safe);

    auto* file = menuBar()->addMenu("&File");
    file->addAction(openBench);
    file->addAction(openRun);
    file->addAction(openCap);
    file->addSeparator();
    // Ctrl+Q spelled out: QKeySequence::Quit has no binding in some key schemes (the offscreen
    // platform's among them), and a run's question must come whichever way the user quits.
    auto* quit = file->addAction("Quit (makes the bench safe)", QKeySequence("Ctrl+Q"), this, &QWidget::close);
    quit->setObjectName("action.quit");
    auto* runMenu = menuBar()->addMenu("&Run");
    runMenu->addAction(run);
    runMenu->addAction(abort);
    runMenu->addAction(safe);
    m_startSim = new QAction("Start simulated lab (v2gbench-sim)", this);
    m_startSim->setObjectName("action.startSimLab");
    m_startSim->setToolTip("Start v2gbench-sim on its default ports for benches/sim-wire.yaml and sim-wire-alt.yaml");
    connect(m_startSim, &QAction::triggered, this, &MainWindow::startSimLab);
    m_stopSim = new QAction("Stop simulated lab", this);
    m_stopSim->setObjectName("action.stopSimLab");
    m_stopSim->setToolTip("Make the bench on it safe, then stop v2gbench-sim");
    connect(m_stopSim, &QAction::triggered, this, &MainWindow::stopSimLab);
    auto* lab = menuBar()->addMenu("&Lab");
    lab->addAction(m_startSim);
    lab->addAction(m_stopSim);
    auto* view = menuBar()->addMenu("&View");
    for (auto* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
    auto* help = menuBar()->addMenu("&Help");
    help->setObjectName("menu.help");
    auto* guide = help->addAction("User guide", QKeySequence::HelpContents, this, &MainWindow::showHelp);
    guide->setObjectName("action.userGuide");
    auto* about = help->addAction("About v2gbench", this, [this] {
        // Non-modal: SAFE STOP stays reachable whatever the operator opens.
        auto* box = new QMessageBox(QMessageBox::Information, "About v2gbench",
                                    HelpDialog::versionText() +
                                        "\n\nHardware-in-the-loop test bench for bidirectional (V2G) EV chargers.",
                                    QMessageBox::Ok, this);
        box->setObjectName("help.about");
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    });
    about->setObjectName("action.about");
}

void MainWindow::restoreSettings() {
    QSettings s;
    m_benchPanel->setBenchPath(s.value("bench/lastProfile").toString());
    m_benchPanel->setDutPath(s.value("bench/lastDut").toString());
    if (s.contains("window/geometry")) restoreGeometry(s.value("window/geometry").toByteArray());
    else resize(1500, 950);
    if (s.contains("window/state")) restoreState(s.value("window/state").toByteArray());
    else {
        // First start: give the docks room once the window has its size (resizeDocks before the
        // first show is ignored).
        QTimer::singleShot(0, this, [this] { fitDocksToWindow(); });
    }
    m_runner->selectPlans(s.value("runner/plans").toStringList());
}

void MainWindow::enterOperatorMode(const QString& planSetsFolder, const QString& publicKey) {
    if (m_approvedSets) return;
    std::optional<std::filesystem::path> key;
    if (!publicKey.isEmpty()) key = publicKey.toStdString();
    m_approvedSets = new ApprovedSetsPanel(planSetsFolder, key, this);
    m_approvedSets->setObjectName("operator.panel");
    m_runner->restrictToApprovedSets(m_approvedSets);
    m_benchPanel->setOperatorMode(true);
    // The bench panel shows the selected set's bench, so "Open bench" watches what will run.
    const auto followSet = [this] {
        QString whyNot;
        if (const auto set = m_approvedSets->selectedSet(&whyNot)) {
            m_benchPanel->setBenchPath(QString::fromStdString(set->bench.path.string()));
            if (set->dut) m_benchPanel->setDutPath(QString::fromStdString(set->dut->path.string()));
        }
    };
    connect(m_approvedSets, &ApprovedSetsPanel::selectionChanged, this, followSet);
    followSet();
    setWindowTitle("v2gbench — operator mode");
    m_audit->addItem(QString("%1  operator mode: %2 of %3 approved plan sets in %4 may run (%5)")
                         .arg(QTime::currentTime().toString("HH:mm:ss"))
                         .arg(m_approvedSets->runnableCount())
                         .arg(m_approvedSets->setCount())
                         .arg(planSetsFolder, publicKey.isEmpty() ? "unsigned sets only" : "signed by " + publicKey));
}

void MainWindow::fitDocksToWindow() {
    // The plots are what a run is watched on: they keep at least 60 % of the window's height on a
    // 1366 × 768 laptop (issue 16); the side docks share what the plots' width allows.
    const QSize size = this->size();
    const bool compact = size.width() < kRoomyWidth || size.height() < kRoomyHeight;
    const int bench = std::clamp(static_cast<int>(size.width() * 0.24), 345, 430);
    const int runner = std::clamp(static_cast<int>(size.width() * 0.26), 330, 470);
    const int bottom = compact ? static_cast<int>(size.height() * 0.2) : std::min(300, static_cast<int>(size.height() * 0.3));
    for (auto* d : findChildren<QDockWidget*>()) {
        if (d->objectName() == "dock.bench") resizeDocks({d}, {bench}, Qt::Horizontal);
        if (d->objectName() == "dock.runner") resizeDocks({d}, {runner}, Qt::Horizontal);
        if (d->objectName() == "dock.trace") resizeDocks({d}, {bottom}, Qt::Vertical);
    }
    m_fittedCompact = compact;
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    // Moving between a laptop's screen and a lab monitor: the docks are fitted again (once per
    // crossing, so an engineer's own dock sizes stand while the window stays on one side).
    const bool compact = width() < kRoomyWidth || height() < kRoomyHeight;
    if (m_fittedCompact && *m_fittedCompact != compact)
        QTimer::singleShot(0, this, [this] { fitDocksToWindow(); });
}

void MainWindow::saveSettings() {
    QSettings s;
    s.setValue("bench/lastProfile", m_benchPanel->benchPath());
    s.setValue("bench/lastDut", m_benchPanel->dutPath());
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    s.setValue("runner/plans", m_runner->selectedPlans());
}

std::optional<bench::RunRequest> MainWindow::buildRequest(QStringList& problems) const {
    bench::RunRequest r;
    QStringList plans;
    if (m_approvedSets) {
        // Operator mode: the approved set's plans, bench and DUT, as approved (checked again now).
        QString whyNot;
        const auto set = m_approvedSets->selectedSet(&whyNot);
        if (!set) {
            problems << whyNot;
            return std::nullopt;
        }
        for (const auto& p : set->plans) plans << QString::fromStdString(p.path.string());
        r.benchProfile = set->bench.path.string();
        r.dutProfile = set->dut ? set->dut->path.string() : m_runner->dutPath().toStdString();
        r.runInfo = {{"mode", "operator"},
                     {"approved_plan_set", set->title},
                     {"approved_plan_set_file", set->setFile.string()},
                     {"approved_plan_set_sha256", set->sha256},
                     {"approved_by", set->approvedBy + " " + set->approvedUtc},
                     {"approved_plan_set_key", set->publicKeySha256.empty() ? "not signed" : set->publicKeySha256}};
    } else {
        plans = m_runner->selectedPlans();
        r.benchProfile = m_benchPanel->benchPath().toStdString();
        r.dutProfile = m_runner->dutPath().toStdString();
    }
    if (plans.isEmpty()) {
        problems << "no plan selected: tick at least one plan in the plan runner";
        return std::nullopt;
    }
    for (const QString& p : plans) r.plans.push_back(p.toStdString());
    r.requirementFolders = {(m_paths.dataDir + "/testplans/requirements").toStdString()};
    if (!m_approvedSets && !m_runner->defect().isEmpty()) r.settings["sim.defect"] = m_runner->defect().toStdString();
    // As the CLI: a certification run; the bench's instrument register must admit every instrument.
    r.forCertification = true;
    const QString first = QFileInfo(plans.front()).completeBaseName();
    QString out = runsRoot() + "/" + QString::fromStdString(utcNowCompact()) + "-" + first;
    for (int n = 2; QFileInfo::exists(out); ++n) out = runsRoot() + "/" + QString::fromStdString(utcNowCompact()) + "-" + first + "-" + QString::number(n);
    r.outDir = out.toStdString();
    r.commandLine = {"v2gbench-gui"};
    return r;
}

void MainWindow::startRun() {
    if (m_runs->isRunning() || m_pendingRun || m_finished || m_validatingRun || m_runInfoDialog) return;
    QStringList problems;
    auto request = buildRequest(problems);
    if (!request) {
        m_runner->showDiagnostics(problems);
        showError("The plan is invalid", "Nothing was switched on.\n\n" + problems.join("\n"));
        return;
    }
    // Who tests which sample for whom, before anything is checked or switched on.
    auto* dialog = new RunInfoDialog(request->forCertification, QFileInfo(QString::fromStdString(request->outDir.string())).fileName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_runInfoDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, r = std::move(*request)]() mutable {
        m_runInfoDialog = nullptr;
        m_pendingDocuments = RunDocuments{dialog->runInfo(), dialog->language().toStdString()};
        auto fields = reports_pdf::runInfoSummaryFields(m_pendingDocuments->info);
        fields.insert(r.runInfo.begin(), r.runInfo.end()); // operator mode's approved set (buildRequest)
        r.runInfo = std::move(fields);
        validateAndStart(std::move(r));
    });
    connect(dialog, &QDialog::rejected, this, [this] {
        m_runInfoDialog = nullptr;
        m_runState->setText("run: not started — the run information was cancelled");
    });
    dialog->open();
    Q_EMIT runInfoAsked(dialog);
}

void MainWindow::validateAndStart(bench::RunRequest r) {
    auto request = std::make_optional(std::move(r));
    // Every input is loaded and checked on a worker thread first; nothing is switched on (and the
    // manual session stays open) when anything is wrong.
    m_validatingRun = true;
    const unsigned ticket = ++m_runTicket; // SAFE STOP or Abort meanwhile cancels the start
    const Pace pace = m_runner->pace();
    m_runState->setText("run: validating the plans …");
    m_runs->validateAsync(*request, [this, ticket, pace, r = *request](const QStringList& found) mutable {
        m_validatingRun = false;
        if (ticket != m_runTicket) {
            updateStatus();
            return;
        }
        if (!found.isEmpty()) {
            m_runner->showDiagnostics(found);
            showError("The plan is invalid", "Nothing was switched on.\n\n" + found.join("\n"));
            updateStatus();
            return;
        }
        proceedWithRun(std::move(r), pace);
    });
}

void MainWindow::proceedWithRun(bench::RunRequest request, Pace pace) {
    m_runner->showDiagnostics({});
    m_pendingPace = pace; // RunController::start sets the run's sim.pace from it
    m_pendingRun = std::move(request);
    m_benchPanel->setRunHoldsBench(true); // from now until the run has ended
    m_safeStopDuringRun = false;
    m_safeStopCompleted = false;
    // One session at a time: the run opens its own, so the manual one closes (made safe) first.
    m_reopenAfterRun = m_bench->isOpen();
    if (m_bench->isOpen()) {
        m_runState->setText("run: closing the manual session first …");
        m_bench->close();
    } else {
        launchRun();
    }
}

void MainWindow::launchRun() {
    if (!m_pendingRun) return;
    bench::RunRequest r = std::move(*m_pendingRun);
    m_pendingRun.reset();
    QDir().mkpath(runsRoot());
    m_runBenchPath = QString::fromStdString(r.benchProfile);
    auto documents = std::exchange(m_pendingDocuments, std::nullopt);
    const auto by = [](const std::string& s) { return s.empty() ? QString("—") : QString::fromStdString(s); };
    const QString line = documents ? QString("%1  run started by %2 on sample %3 fw %4")
                                         .arg(QTime::currentTime().toString("HH:mm:ss"), by(documents->info.operatorName),
                                              by(documents->info.sampleSerial), by(documents->info.sampleFirmware))
                                   : QString();
    if (m_runs->start(std::move(r), m_pendingPace, std::move(documents)) && !line.isEmpty()) m_audit->addItem(line);
}

void MainWindow::abortRun() {
    if (m_validatingRun) {
        ++m_runTicket;
        m_runState->setText("run: cancelled before it started");
        return;
    }
    if (m_pendingRun) {
        m_pendingRun.reset();
        m_benchPanel->setRunHoldsBench(false);
        m_runState->setText("run: cancelled before it started");
        return;
    }
    if (!m_runs->isRunning()) return;
    confirmDuringRun("confirm.abort", "Abort the run?",
                     "Abort the running plan? Its teardown runs, then every role is made safe; the run ends "
                     "as 'aborted'.\n\n(SAFE STOP never asks.)",
                     [this] {
                         if (m_runs->isRunning()) m_runs->abort("aborted by the operator");
                     });
}

void MainWindow::confirmDuringRun(const QString& name, const QString& title, const QString& text,
                                  std::function<void()> onYes) {
    for (auto* open : findChildren<QMessageBox*>(name))
        if (open->isVisible()) {
            open->raise();
            return; // one question at a time: a second Esc does not stack dialogs
        }
    // Non-modal, like every dialog during a run: the bench keeps being watched and SAFE STOP
    // stays one click away while the question is open.
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(name);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    connect(box, &QMessageBox::finished, this, [box, onYes = std::move(onYes)](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes)) onYes();
    });
    box->show();
}

void MainWindow::showHelp() {
    if (auto* open = findChild<HelpDialog*>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* help = new HelpDialog(m_paths.dataDir, this);
    help->setAttribute(Qt::WA_DeleteOnClose);
    help->show();
}

void MainWindow::safeStop() {
    m_safeStopCompleted = false;
    m_safeStopButton->showPending();
    m_safeStopStatus = "safe stop in progress …";
    m_pendingRun.reset();
    ++m_runTicket; // a run still being validated does not start
    bool anything = false;
    if (m_runs->isRunning()) {
        // The executor runs the plan's teardown, then makeSafe() of every role in shutdown order.
        m_safeStopDuringRun = true;
        m_runs->abort("SAFE STOP pressed by the operator");
        anything = true;
    }
    if (m_bench->isOpen() || m_bench->isBusy()) {
        m_bench->safeStop("SAFE STOP pressed by the operator");
        anything = true;
    }
    if (!anything) {
        m_safeStopCompleted = true;
        m_safeStopStatus = "Safe stop: no bench open and no run in progress — nothing to make safe";
        m_safeStopButton->showCompleted(QTime::currentTime().toString("HH:mm:ss"), true);
        statusBar()->showMessage(m_safeStopStatus, 10000);
    }
    updateStatus();
}

void MainWindow::pollRun() {
    if (m_viewsResetPending) return; // the run's views are still being reset (see started)
    for (auto& line : m_journal.poll()) m_backlog.push_back(std::move(line));
    // A fast run writes its whole journal in a blink: work through it in slices of at most
    // 8 ms so the event loop (SAFE STOP included) never waits long on this.
    QElapsedTimer budget;
    budget.start();
    const QString runDir = m_runs->runDir();
    bool applied = false;
    while (!m_backlog.empty() && budget.elapsed() < 8) {
        const std::string line = std::move(m_backlog.front());
        m_backlog.pop_front();
        nlohmann::json e;
        try {
            e = nlohmann::json::parse(line);
        } catch (const std::exception&) {
            continue; // not a complete event (the journal is flushed per event)
        }
        m_runner->apply(e);
        m_plots->applyRunEvent(e, runDir);
        applied = true;
    }
    if (applied) m_runner->appliedBatch();
    m_runTimer->setInterval(m_backlog.empty() ? 100 : 0);
    if (m_backlog.empty() && m_finished) {
        const RunFinished r = *m_finished;
        m_finished.reset();
        completeRun(r);
    }
    updateStatus();
}

void MainWindow::onLiveBatch(const LiveBatch& batch) {
    if (m_viewsResetPending) {
        m_heldLive.push_back(batch); // the plots are about to be cleared: after that
        return;
    }
    applyLiveBatch(batch);
}

void MainWindow::applyLiveBatch(const LiveBatch& batch) {
    m_plots->appendFrames(batch.frames, "run/");
    for (const auto& p : batch.progress) {
        m_runner->applyProgress(p);
        if (p.check) m_plots->addCheckStart(*p.check, "run/");
        m_liveBenchTime = std::max(m_liveBenchTime, p.benchTime);
    }
    if (!batch.frames.empty()) m_liveBenchTime = std::max(m_liveBenchTime, batch.frames.back().benchTime);
    m_liveDropped = batch.droppedFrames;
    m_runner->setLiveBenchTime(m_liveBenchTime);
    updateStatus();
}

void MainWindow::onRunFinished(const RunFinished& r) {
    // The journal's last lines first (sliced, see pollRun), then the run's results.
    m_finished = r;
    if (!m_runTimer->isActive()) m_runTimer->start(0);
    pollRun();
}

void MainWindow::completeRun(const RunFinished& r) {
    m_runTimer->stop();
    m_benchPanel->setRunHoldsBench(false);
    m_runner->runFinished(r);
    if (!r.runDir.isEmpty()) {
        m_plots->applySummary(r.runDir);
        m_results->openRun(r.runDir);
        m_trace->finishFollow(); // the run's can.log is complete: read its end, analyse it (worker thread)
    }
    if (m_safeStopDuringRun) {
        const bool teardown = m_runner->tree()->teardownDone();
        m_safeStopCompleted = true;
        m_safeStopStatus = QString("Safe stop completed %1 — run %2: %3")
                               .arg(QString::fromStdString(utcNowIso()), verdictLabel(r.verdict),
                                    teardown ? "teardown done, every role made safe in shutdown order"
                                             : "run ended before its teardown (see the journal)");
        m_safeStopButton->showCompleted(QString::fromStdString(utcNowIso()), teardown);
        m_audit->addItem(m_safeStopStatus);
        statusBar()->showMessage(m_safeStopStatus, 15000);
        m_safeStopDuringRun = false;
    }
    for (const QString& pdf : r.pdfFiles)
        m_audit->addItem(QString("%1  PDF report %2").arg(QTime::currentTime().toString("HH:mm:ss"), pdf));
    if (!r.pdfFailure.isEmpty())
        showError("The PDF report was not written",
                  r.pdfFailure + "\n\nThe run's verdict stands; the failure is in its journal (pdf_report_failed). "
                                 "`v2gbench report RUN --pdf` draws it later.");
    if (!r.diagnostics.isEmpty() || (!r.error.isEmpty() && r.verdict.isEmpty()))
        showError("The run did not start", r.error + "\n\n" + r.diagnostics.join("\n"));
    else if (!r.error.isEmpty())
        showError("Bench error during the run", r.error);
    if (m_reopenAfterRun) {
        m_reopenAfterRun = false;
        if (!(m_simStopPending && benchOnSimLab(m_benchPanel->benchPath()))) {
            m_keepRunTrace = true;
            m_bench->open(m_benchPanel->benchPath(), m_benchPanel->dutPath(), {});
        }
    }
    continueSimLabStop();
    updateStatus();
}

void MainWindow::onSnapshot(const BenchSnapshot& s) {
    m_lastSnapshot = s;
    for (const auto& [name, value] : s.signalValues()) {
        std::string unit;
        if (name.find("voltage") != std::string::npos) unit = "V";
        else if (name.find("current") != std::string::npos) unit = "A";
        else if (name.find("power") != std::string::npos || name.find("setpoint") != std::string::npos) unit = "W";
        else if (name.find("frequency") != std::string::npos) unit = "Hz";
        // "live/…": the manual session's readings, apart from a run's recorded traces of the same signal.
        m_plots->appendSample("live/" + name, unit, s.benchTime, value);
    }
    updateStatus();
}

void MainWindow::onAction(const ActionRecord& r) {
    auto* item = new QListWidgetItem(QString("%1  t=%2 s  %3: %4 → %5")
                                         .arg(QString::fromStdString(r.utc).mid(11, 12))
                                         .arg(r.benchTime, 0, 'f', 2)
                                         .arg(QString::fromStdString(r.action), QString::fromStdString(r.sent),
                                              r.ok ? QString::fromStdString(r.readback)
                                                   : "REFUSED: " + QString::fromStdString(r.error)),
                                     m_audit);
    if (!r.ok) {
        item->setForeground(QColor("#c00000"));
        showError("The instrument refused the command",
                  QString::fromStdString(r.action + " (" + r.sent + "):\n" + r.error));
    }
    m_audit->scrollToBottom();
}

void MainWindow::showError(const QString& title, const QString& text) {
    m_lastError = title + ": " + text;
    statusBar()->showMessage(m_lastError.left(160), 10000);
    // Non-modal: the bench keeps polling and SAFE STOP stays reachable while the dialog is up.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::updateStatus() {
    if (m_bench->isOpen())
        m_connection->setText(QString("bench: %1 · %2 instruments · clock %3")
                                  .arg(QString::fromStdString(m_bench->session().benchId))
                                  .arg(m_bench->session().instruments.size())
                                  .arg(QString::fromStdString(m_bench->session().clock)));
    else
        m_connection->setText(m_bench->isBusy() ? "bench: opening/closing …" : "bench: none open");
    if (m_runs->isRunning()) {
        m_safety->setText("safety: run in progress — supervisor watching the limits");
        m_safety->setStyleSheet("color: #b06000; font-weight: bold");
    } else if (m_bench->isOpen() && !m_lastSnapshot.outputsOff()) {
        m_safety->setText("safety: OUTPUTS ON");
        m_safety->setStyleSheet("color: #c00000; font-weight: bold");
    } else {
        m_safety->setText(m_safeStopCompleted ? "safety: safe stop completed, outputs off" : "safety: outputs off");
        m_safety->setStyleSheet("color: #107010");
    }
    if (m_runs->isRunning())
        m_runState->setText(QString("run: %1 · bench time %2 s%3")
                                .arg(QFileInfo(m_runs->runDir()).fileName())
                                .arg(std::max(m_runner->tree()->benchTime(), m_liveBenchTime), 0, 'f', 1)
                                .arg(m_liveDropped > 0 ? QString(" · %1 live samples dropped (display lagged)").arg(m_liveDropped)
                                                       : QString()));
    else if (!m_pendingRun && !m_validatingRun)
        m_runState->setText(m_results->runDir().isEmpty() ? "run: idle"
                                                           : "run: idle · last " + QFileInfo(m_results->runDir()).fileName() +
                                                                 " " + verdictLabel(m_results->runVerdict()));
}

bool MainWindow::benchOnSimLab(const QString& benchPath) const { return SimLabProcess::servesBench(benchPath); }

void MainWindow::startSimLab() {
    if (m_sim->state() != SimLabProcess::State::Stopped) return;
    m_simStopPending = false;
    // The lab runs the DUT and defect chosen in the plan runner; a run asking for others later is
    // refused by the bench (it reads the lab's settings back), never recorded as applied.
    QStringList arguments;
    if (!m_runner->dutPath().isEmpty()) arguments << "--dut" << m_runner->dutPath();
    if (!m_runner->defect().isEmpty()) arguments << "--defect" << m_runner->defect();
    m_sim->start(m_paths.dataDir, {}, arguments);
    updateSimLabControls();
}

void MainWindow::stopSimLab() {
    if (m_sim->state() == SimLabProcess::State::Stopped || m_sim->state() == SimLabProcess::State::Stopping) return;
    m_simStopPending = true;
    if (m_validatingRun && benchOnSimLab(m_benchPanel->benchPath())) ++m_runTicket; // it would not find the lab
    if (m_pendingRun && benchOnSimLab(QString::fromStdString(m_pendingRun->benchProfile))) {
        m_pendingRun.reset();
        m_benchPanel->setRunHoldsBench(false);
        m_runState->setText("run: cancelled, the simulated lab is stopping");
    }
    if (m_runs->isRunning() && benchOnSimLab(m_runBenchPath))
        m_runs->abort("the simulated lab is being stopped"); // teardown and makeSafe() first
    statusBar()->showMessage("stopping the simulated lab: making the bench on it safe first …", 5000);
    continueSimLabStop();
}

void MainWindow::continueSimLabStop() {
    if (!m_simStopPending) return;
    // Whatever runs on the lab ends first (run teardown, manual session makeSafe()); each of
    // those calls back here when it is done.
    if ((m_runs->isRunning() || m_finished) && benchOnSimLab(m_runBenchPath)) return;
    if (m_pendingRun || m_bench->isBusy()) return;
    if (m_bench->isOpen() && benchOnSimLab(m_bench->benchPath())) {
        m_bench->close();
        return;
    }
    m_simStopPending = false;
    m_sim->stop();
    updateSimLabControls();
}

void MainWindow::updateSimLabControls() {
    const bool offered = SimLabProcess::servesBench(m_benchPanel->benchPath());
    const auto state = m_sim->state();
    m_startSim->setEnabled(offered && state == SimLabProcess::State::Stopped);
    m_stopSim->setEnabled(state == SimLabProcess::State::Starting || state == SimLabProcess::State::Running);
    m_benchPanel->setSimLabState(offered || state != SimLabProcess::State::Stopped, state);
    m_simStatus->setText(m_sim->statusText());
    m_simStatus->setVisible(offered || state != SimLabProcess::State::Stopped);
    m_simStatus->setStyleSheet(state == SimLabProcess::State::Running   ? "color: #107010"
                               : state == SimLabProcess::State::Stopped ? "color: #606060"
                                                                        : "color: #b06000");
}

void MainWindow::openRunFolder(const QString& dir) {
    QString error;
    if (!m_results->openRun(dir, &error)) showError("Cannot open the run folder", error);
}

void MainWindow::openCapture(const QString& path) {
    QString error; // a file that cannot be read now; one that is no trace comes as captureFailed()
    if (!m_trace->openCapture(path, &error)) showError("Cannot open the capture", error);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    // Clean shutdown: a running plan is aborted and its teardown awaited (RunController's
    // destructor); the manual session is closed, which makes every role safe (BenchController's).
    if (m_runs->isRunning()) {
        if (!m_quitConfirmed) {
            event->ignore();
            confirmDuringRun("confirm.quit", "Quit during a run?",
                             "A plan is running. Quitting aborts it: its teardown runs and every role is made "
                             "safe before the app closes.\n\nQuit anyway?",
                             [this] {
                                 m_quitConfirmed = true;
                                 close();
                             });
            return;
        }
        m_runState->setText("run: aborting for shutdown — waiting for teardown …");
        m_runs->abort("the application is closing");
    }
    event->accept();
}

} // namespace v2gbench::gui
