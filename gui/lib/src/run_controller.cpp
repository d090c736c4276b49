#include "v2gbench/gui/run_controller.hpp"

#include "v2gbench/app/run_folder_finish.hpp"

#include <QPointer>
#include <QTimer>

#include <thread>

namespace v2gbench::gui {

std::string paceSetting(Pace pace) {
    switch (pace) {
    case Pace::Times10: return "10";
    case Pace::RealTime: return "1";
    case Pace::AsFastAsPossible: break;
    }
    return "max";
}

// How often the live stream is handed to the GUI: once per frame of a 30 Hz display.
constexpr int kLiveIntervalMs = 33;

RunController::RunController(const core::DriverRegistry& registry, QObject* parent)
    : QObject(parent), m_registry(registry), m_feed(std::make_shared<LiveFeed>()) {
    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(kLiveIntervalMs);
    connect(m_liveTimer, &QTimer::timeout, this, &RunController::deliverLive);
}

void RunController::deliverLive() {
    LiveBatch batch = m_feed->take();
    if (!batch.empty()) Q_EMIT live(batch);
}

RunController::~RunController() {
    if (m_abort) m_abort->request("the application is closing");
    if (m_answers) m_answers->cancel(); // a worker waiting on the operator returns
    join();
    if (m_validator.joinable()) m_validator.join();
}

void RunController::join() {
    if (m_thread.joinable()) m_thread.join();
}

QStringList RunController::validate(const bench::RunRequest& request) const {
    QStringList out;
    try {
        const auto report = bench::validateInputs(request, &m_registry);
        for (const auto& d : report.diagnostics) out << QString::fromStdString(d.str());
    } catch (const std::exception& e) {
        out << QString::fromStdString(e.what());
    }
    return out;
}

bool RunController::validateAsync(bench::RunRequest request, std::function<void(const QStringList&)> done) {
    if (m_validating) return false;
    if (m_validator.joinable()) m_validator.join(); // finished: its result has been delivered
    m_validating = true;
    QPointer<RunController> self(this);
    // The destructor joins this thread before `this` goes.
    m_validator = std::thread([this, self, request = std::move(request), done = std::move(done)] {
        const QStringList problems = validate(request);
        QMetaObject::invokeMethod(
            this,
            [self, problems, done] {
                if (!self) return;
                self->m_validating = false;
                done(problems);
            },
            Qt::QueuedConnection);
    });
    return true;
}

bool RunController::start(bench::RunRequest request, Pace pace, std::optional<RunDocuments> documents) {
    if (m_running) return false;
    join();
    // Only a chosen pace is a request: "as fast as possible" is every clock's default, and a
    // real-time bench would refuse sim.pace (no clock of it applies it).
    if (pace != Pace::AsFastAsPossible) request.settings["sim.pace"] = paceSetting(pace);
    m_abort = std::make_unique<bench::AbortFlag>();
    if (m_answers && !request.operatorAnswers) {
        m_answers->beginRun();
        request.operatorAnswers = m_answers.get();
    }
    m_running = true;
    m_runDir = QString::fromStdString(request.outDir.string());
    bench::AbortFlag* abort = m_abort.get();
    QPointer<RunController> self(this);
    // The engine's live hooks only copy into the feed (their contract: never block the run).
    m_feed->reset();
    std::shared_ptr<LiveFeed> feed = m_feed;
    request.signalStream = [feed](const bench::SignalFrame& f) { feed->pushFrame(f); };
    request.runProgress = [feed](const bench::RunProgress& p) { feed->pushProgress(p); };
    m_liveTimer->start();
    m_thread = std::thread([this, self, request = std::move(request), documents = std::move(documents), abort] {
        bench::ProgressSink sink = [&](const std::string& line) {
            const QString text = QString::fromStdString(line);
            QMetaObject::invokeMethod(
                this, [self, text] { if (self) Q_EMIT self->progress(text); }, Qt::QueuedConnection);
        };
        auto outcome = std::make_shared<bench::RunOutcome>(bench::executeRun(request, m_registry, *abort, sink));
        // The same reports the CLI writes, here on the worker thread (they read every trace).
        auto pdfFiles = std::make_shared<QStringList>();
        auto pdfFailure = std::make_shared<QString>();
        if (!outcome->runDir.empty()) {
            try {
                app::PdfReportRequest pdf;
                if (documents) {
                    // The folder's run-info.yaml is what the PDF (and a later `report --pdf`) reads.
                    reports_pdf::writeRunInfo(documents->info, outcome->runDir / app::kRunInfoFileName);
                    pdf.languages = {documents->language};
                }
                const auto finished = app::writeReportsAndSeal(outcome->runDir, outcome->signingKey, pdf);
                for (const auto& p : finished.pdfs) *pdfFiles << QString::fromStdString(p.file.string());
                *pdfFailure = QString::fromStdString(finished.pdfFailure);
            } catch (const std::exception& e) {
                outcome->error += (outcome->error.empty() ? "" : "; ") + std::string("writing the reports failed: ") + e.what();
            }
        }
        const bool aborted = abort->requested();
        const QString reason = aborted ? QString::fromStdString(abort->reason()) : QString();
        QMetaObject::invokeMethod(
            this,
            [self, outcome, aborted, reason, pdfFiles, pdfFailure] {
                if (!self) return;
                RunFinished r;
                r.runDir = QString::fromStdString(outcome->runDir.string());
                r.verdict = QString::fromStdString(bench::toString(outcome->verdict));
                r.error = QString::fromStdString(outcome->error);
                for (const auto& d : outcome->diagnostics) r.diagnostics << QString::fromStdString(d.str());
                r.aborted = aborted;
                r.abortReason = reason;
                r.benchTime = outcome->benchTime;
                r.wallTime = outcome->wallTime;
                r.pdfFiles = *pdfFiles;
                r.pdfFailure = *pdfFailure;
                self->m_running = false;
                self->join();
                self->m_liveTimer->stop();
                self->deliverLive(); // the run's last frames and its final position
                Q_EMIT self->finished(r);
            },
            Qt::QueuedConnection);
    });
    Q_EMIT started(m_runDir);
    return true;
}

void RunController::abort(const QString& reason) {
    if (m_running && m_abort) m_abort->request(reason.toStdString());
    if (m_running && m_answers) m_answers->cancel();
}

void RunController::enableOperatorDialog(QWidget* parent) {
    if (m_running) return;
    m_answers = std::make_unique<DialogAnswers>(parent);
}

} // namespace v2gbench::gui
