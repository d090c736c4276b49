#pragma once
// Runs plans through the engine (bench::executeRun) on a worker thread; the GUI follows the run
// by tailing the run folder's journal.jsonl and can.log, and by the engine's live stream (every
// streamed signal at the supervision rate, and the run's position), delivered in batches: live(). Abort sets the run's AbortFlag: the
// executor then runs the plan's teardown and makeSafe() of every role in shutdown order.
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/run_controller.hpp"
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/gui/dialog_answers.hpp"
#include "v2gbench/gui/live_feed.hpp"
#include "v2gbench/reports_pdf/run_info.hpp"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

class QTimer;

namespace v2gbench::gui {

// How fast the in-process simulated lab's clock runs during a plan: the run's session setting
// "sim.pace", read by the sim-virtual clock (which still steps the plant deterministically; pacing
// only holds the bench thread). Benches on a real or sim-realtime clock run in real time anyway.
enum class Pace {
    AsFastAsPossible, // sim.pace = max: no waiting
    Times10,          // sim.pace = 10: ten simulated seconds per wall second
    RealTime,         // sim.pace = 1
};

// The "sim.pace" value of a pace: "max", "10" or "1".
std::string paceSetting(Pace pace);

// What a run started from the GUI adds to its folder besides the engine's record: the run
// information (run-info.yaml, as the dialog's answers) and the PDF report in `language`.
struct RunDocuments {
    reports_pdf::RunInfo info;
    std::string language = "en"; // "en" or "zh"
};

struct RunFinished {
    QString runDir;
    QString verdict; // "pass", ... ; empty when nothing ran
    QString error;
    QStringList diagnostics;
    bool aborted = false;
    QString abortReason;
    double benchTime = 0.0;
    double wallTime = 0.0;
    QStringList pdfFiles; // the PDF reports written into the run folder
    QString pdfFailure;   // why the PDF report was not written (also in the run's journal); empty when it was
};

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(const core::DriverRegistry& registry, QObject* parent = nullptr);
    ~RunController() override; // aborts a running plan and waits for its teardown

    // Loads every input; file:line diagnostics, empty when valid. File reading only, no I/O to
    // instruments.
    QStringList validate(const bench::RunRequest& request) const;
    // The same on a worker thread (loading a set of plans and catalogues takes tens of
    // milliseconds); `done` runs on the GUI thread. False while a validation is still running.
    bool validateAsync(bench::RunRequest request, std::function<void(const QStringList& problems)> done);
    // Starts the run on a worker thread with request.settings["sim.pace"] set for `pace`. The
    // engine validates every input first: invalid inputs end in finished() with the diagnostics
    // and nothing switched on. False only while a run is going.
    // With `documents`: run-info.yaml and report-<language>.pdf are written into the run folder
    // before its seal; request.runInfo is recorded in summary.json (the caller fills it from
    // documents->info). A PDF that fails leaves the verdict alone: RunFinished::pdfFailure.
    bool start(bench::RunRequest request, Pace pace, std::optional<RunDocuments> documents = std::nullopt);
    // Aborts the run; an inspection dialog it waits on closes (no answer).
    void abort(const QString& reason);
    // Inspect steps the run's answers file does not answer are asked in a dialog over `parent`
    // (without this, such a check is a bench error). Not while a run is going.
    void enableOperatorDialog(QWidget* parent);
    DialogAnswers* operatorDialog() const { return m_answers.get(); }
    bool isRunning() const { return m_running; }
    QString runDir() const { return m_runDir; }

Q_SIGNALS:
    void started(const QString& runDir);
    void progress(const QString& line);
    // The live stream since the last batch, at most once per GUI frame (~30 Hz) while a run goes,
    // and once more, with what is left, just before finished().
    void live(const v2gbench::gui::LiveBatch& batch);
    void finished(const v2gbench::gui::RunFinished& result);

private:
    void join();
    void deliverLive();

    const core::DriverRegistry& m_registry;
    std::thread m_thread;
    std::thread m_validator;
    bool m_validating = false;
    std::unique_ptr<bench::AbortFlag> m_abort;
    std::unique_ptr<DialogAnswers> m_answers;
    bool m_running = false;
    QString m_runDir;
    std::shared_ptr<LiveFeed> m_feed; // shared with the run's thread
    QTimer* m_liveTimer = nullptr;
};

} // namespace v2gbench::gui
