#pragma once
// The main window: bench dock (manual control), plan runner dock, live plots (centre), protocol
// trace, results and audit docks; the SAFE STOP button in the toolbar; status bar with
// connection, safety and run state. It orchestrates the one-session-at-a-time rule: the manual
// session is closed before a plan run (the run opens its own) and reopened afterwards.
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/gui/bench_snapshot.hpp"
#include "v2gbench/gui/file_tail.hpp"
#include "v2gbench/gui/run_controller.hpp"
#include "v2gbench/gui/run_info_dialog.hpp"

#include <QMainWindow>
#include <QPointer>

#include <deque>
#include <vector>
#include <functional>
#include <optional>

class QLabel;
class QListWidget;
class QTimer;

namespace v2gbench::gui {

class ApprovedSetsPanel;

class BenchController;
class BenchPanel;
class PlanRunnerPanel;
class PlotPanel;
class ResultsView;
class SafeStopButton;
class SimLabProcess;
class TraceView;

struct AppPaths {
    QString dataDir; // benches/, testplans/
    QString workDir; // runs/ and sessions/ are written here
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const core::DriverRegistry& registry, AppPaths paths, QWidget* parent = nullptr);
    ~MainWindow() override;

    BenchController* bench() const { return m_bench; }
    RunController* runs() const { return m_runs; }
    BenchPanel* benchPanel() const { return m_benchPanel; }
    PlanRunnerPanel* runner() const { return m_runner; }
    PlotPanel* plots() const { return m_plots; }
    // Operator mode (issue 16): only the approved plan sets of `planSetsFolder` run
    // (bench/approved_plan_set.hpp), checked with the lab's `publicKey` (empty: unsigned sets
    // only), each checked again as it starts; no manual control; the run records the set in
    // summary.json run_info. Engineer mode (the default) is the whole app.
    void enterOperatorMode(const QString& planSetsFolder, const QString& publicKey);
    ApprovedSetsPanel* approvedSets() const { return m_approvedSets; }
    // Sizes the docks for the window's size (compact below 1600 × 900: the plots keep >= 60 % of
    // the height at 1366 × 768). Done at first start and when the window crosses that size.
    void fitDocksToWindow();
    TraceView* trace() const { return m_trace; }
    ResultsView* results() const { return m_results; }
    SimLabProcess* simLab() const { return m_sim; }
    QString lastError() const { return m_lastError; }
    QString safeStopStatus() const { return m_safeStopStatus; }
    bool safeStopCompleted() const { return m_safeStopCompleted; }
    QString runsRoot() const;
    double liveBenchTime() const { return m_liveBenchTime; }          // the run's clock from its live stream
    std::size_t liveFramesDropped() const { return m_liveDropped; }   // this run's, the GUI having lagged

Q_SIGNALS:
    // The run-information dialog opened for a run about to start (tests answer through it).
    void runInfoAsked(v2gbench::gui::RunInfoDialog* dialog);

public Q_SLOTS:
    // Asks the run information first (RunInfoDialog; Cancel starts nothing), then validates and runs.
    void startRun();
    void abortRun();
    void safeStop();
    void openRunFolder(const QString& dir);
    void openCapture(const QString& path);
    // The wire-level simulated lab (v2gbench-sim) for benches/sim-wire*.yaml. Stopping makes the
    // bench safe first: a run on it is aborted (teardown, makeSafe) and the manual session on it
    // closed, then the process gets SIGTERM (SIGKILL if it lingers).
    void startSimLab();
    void stopSimLab();
    // Help → User guide (F1): the README and docs/ in the app, with the version.
    void showHelp();

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildDocks();
    void buildActions();
    void restoreSettings();
    void saveSettings();
    void validateAndStart(bench::RunRequest request);
    void proceedWithRun(bench::RunRequest request, Pace pace);
    void launchRun();
    void pollRun();
    void onRunFinished(const RunFinished& result);
    // The engine's live stream: "run/<signal>" plots, check windows as they start, the progress
    // bar, and the bench clock on the status bar (which then moves between journal events).
    void onLiveBatch(const LiveBatch& batch);
    void applyLiveBatch(const LiveBatch& batch);
    void completeRun(const RunFinished& result);
    void onSnapshot(const BenchSnapshot& snapshot);
    void onAction(const ActionRecord& record);
    void showError(const QString& title, const QString& text);
    void updateStatus();
    void updateSimLabControls();
    void continueSimLabStop();
    bool benchOnSimLab(const QString& benchPath) const;
    std::optional<bench::RunRequest> buildRequest(QStringList& problems) const;
    // Asks `text` in a non-modal Yes/No box named `name` (tests find it by that name); runs
    // `onYes` on Yes. A box of that name already open is raised instead.
    void confirmDuringRun(const QString& name, const QString& title, const QString& text, std::function<void()> onYes);

    const core::DriverRegistry& m_registry;
    AppPaths m_paths;
    BenchController* m_bench;
    RunController* m_runs;
    BenchPanel* m_benchPanel = nullptr;
    PlanRunnerPanel* m_runner = nullptr;
    PlotPanel* m_plots = nullptr;
    ApprovedSetsPanel* m_approvedSets = nullptr; // operator mode only
    TraceView* m_trace = nullptr;
    ResultsView* m_results = nullptr;
    QListWidget* m_audit = nullptr;
    SafeStopButton* m_safeStopButton = nullptr;
    QLabel* m_connection = nullptr;
    QLabel* m_safety = nullptr;
    QLabel* m_runState = nullptr;
    QLabel* m_simStatus = nullptr;
    SimLabProcess* m_sim = nullptr;
    QAction* m_startSim = nullptr;
    QAction* m_stopSim = nullptr;
    bool m_simStopPending = false; // waiting for the run / manual session on the sim lab to end
    QString m_runBenchPath;
    QTimer* m_runTimer = nullptr;
    FileTail m_journal;
    std::deque<std::string> m_backlog;      // journal lines not yet shown
    std::optional<RunFinished> m_finished; // the run ended; shown once the backlog is through
    std::optional<bench::RunRequest> m_pendingRun;
    std::optional<RunDocuments> m_pendingDocuments; // the dialog's answers for m_pendingRun
    QPointer<RunInfoDialog> m_runInfoDialog;        // open while the run information is asked
    Pace m_pendingPace = Pace::AsFastAsPossible;
    bool m_reopenAfterRun = false;
    bool m_viewsResetPending = false;
    bool m_validatingRun = false;
    unsigned m_runTicket = 0;
    bool m_keepRunTrace = false;
    bool m_safeStopDuringRun = false;
    bool m_safeStopCompleted = false;
    bool m_quitConfirmed = false; // Quit during a run was confirmed: the next close() goes through
    QString m_safeStopStatus;
    static constexpr int kRoomyWidth = 1600, kRoomyHeight = 900;
    std::optional<bool> m_fittedCompact; // the compactness the docks were last fitted for
    QString m_lastError;
    BenchSnapshot m_lastSnapshot;
    double m_liveBenchTime = 0.0;      // the run's bench clock from its live stream
    std::size_t m_liveDropped = 0;     // live frames dropped because the GUI lagged (this run)
    std::vector<LiveBatch> m_heldLive; // arrived while the run's views were being reset
};

} // namespace v2gbench::gui
