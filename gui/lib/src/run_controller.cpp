#include "v2gbench/gui/run_controller.hpp"

#include "v2gbench/reports/reports.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace v2gbench::gui {

namespace {

// Bench time of a progress line "[   13.360 s] ...", or a negative number.
double benchTimeOf(const std::string& line) {
    if (line.size() < 4 || line[0] != '[') return -1.0;
    char* end = nullptr;
    const double t = std::strtod(line.c_str() + 1, &end);
    return end && end != line.c_str() + 1 ? t : -1.0;
}

} // namespace

RunController::RunController(const core::DriverRegistry& registry, QObject* parent)
    : QObject(parent), m_registry(registry) {}

RunController::~RunController() {
    if (m_abort) m_abort->request("the application is closing");
    join();
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

QString RunController::pacedBenchProfile(const QString& benchPath, Pace pace, const QString& scratchDir) {
    if (pace != Pace::RealTime) return benchPath;
    QFile in(benchPath);
    if (!in.open(QIODevice::ReadOnly)) return benchPath;
    QString text = QString::fromUtf8(in.readAll());
    static const QRegularExpression clockLine(R"(^clock:\s*sim-virtual\s*$)", QRegularExpression::MultilineOption);
    if (!text.contains(clockLine)) return benchPath; // not on the virtual clock: already real time
    // The project's own real-time twin (benches/sim.yaml → benches/sim-realtime.yaml) keeps every
    // relative path of the profile valid.
    const QFileInfo original(benchPath);
    const QString twin = original.absolutePath() + "/" + original.completeBaseName() + "-realtime.yaml";
    if (QFileInfo::exists(twin)) return twin;
    // Otherwise a copy on sim-realtime beside the original when that folder is writable (relative
    // paths stay valid), else in the scratch folder.
    text.replace(clockLine, "clock: sim-realtime   # paced to real time by v2gbench-gui");
    for (const QString& dir : {original.absolutePath(), scratchDir}) {
        QDir().mkpath(dir);
        QFile file(dir + "/." + original.completeBaseName() + "-gui-realtime.yaml");
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) continue;
        file.write(text.toUtf8());
        return file.fileName();
    }
    return benchPath;
}

bool RunController::start(bench::RunRequest request, Pace pace) {
    if (m_running) return false;
    join();
    const QStringList problems = validate(request);
    if (!problems.isEmpty()) {
        RunFinished r;
        r.diagnostics = problems;
        r.error = "the inputs are invalid: nothing was switched on";
        Q_EMIT finished(r);
        return false;
    }
    m_abort = std::make_unique<bench::AbortFlag>();
    m_running = true;
    m_runDir = QString::fromStdString(request.outDir.string());
    bench::AbortFlag* abort = m_abort.get();
    QPointer<RunController> self(this);
    m_thread = std::thread([this, self, request = std::move(request), pace, abort] {
        double lastBench = 0.0;
        auto lastWall = std::chrono::steady_clock::now();
        bench::ProgressSink sink = [&](const std::string& line) {
            if (pace == Pace::Times10) {
                // Hold each event until a tenth of the bench time since the previous one has passed
                // (the engine has no clock-pacing hook: the virtual clock jumps within a step).
                const double t = benchTimeOf(line);
                if (t > lastBench) {
                    const auto due = lastWall + std::chrono::duration<double>((t - lastBench) / 10.0);
                    while (std::chrono::steady_clock::now() < due && !abort->requested())
                        std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    lastBench = t;
                    lastWall = std::chrono::steady_clock::now();
                }
            }
            const QString text = QString::fromStdString(line);
            QMetaObject::invokeMethod(
                this, [self, text] { if (self) Q_EMIT self->progress(text); }, Qt::QueuedConnection);
        };
        auto outcome = std::make_shared<bench::RunOutcome>(bench::executeRun(request, m_registry, *abort, sink));
        // The same reports the CLI writes, here on the worker thread (they read every trace).
        if (!outcome->runDir.empty()) {
            try {
                reports::writeJunitXml(outcome->runDir, outcome->runDir / "junit.xml");
                reports::writeHtmlReport(outcome->runDir, outcome->runDir / "report.html");
            } catch (const std::exception& e) {
                outcome->error += (outcome->error.empty() ? "" : "; ") + std::string("writing the reports failed: ") + e.what();
            }
        }
        const bool aborted = abort->requested();
        const QString reason = aborted ? QString::fromStdString(abort->reason()) : QString();
        QMetaObject::invokeMethod(
            this,
            [self, outcome, aborted, reason] {
                if (!self) return;
                RunFinished r;
                r.runDir = QString::fromStdString(outcome->runDir.string());
                r.verdict = QString::fromStdString(bench::toString(outcome->verdict));
                r.exitCode = outcome->exitCode;
                r.error = QString::fromStdString(outcome->error);
                for (const auto& d : outcome->diagnostics) r.diagnostics << QString::fromStdString(d.str());
                r.aborted = aborted;
                r.abortReason = reason;
                r.benchTime = outcome->benchTime;
                r.wallTime = outcome->wallTime;
                self->m_running = false;
                self->join();
                Q_EMIT self->finished(r);
            },
            Qt::QueuedConnection);
    });
    Q_EMIT started(m_runDir);
    return true;
}

void RunController::abort(const QString& reason) {
    if (m_running && m_abort) m_abort->request(reason.toStdString());
}

} // namespace v2gbench::gui
