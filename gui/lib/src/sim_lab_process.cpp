#include "v2gbench/gui/sim_lab_process.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace v2gbench::gui {

namespace {
constexpr int kReadyTimeoutMs = 15000;
}

SimLabProcess::SimLabProcess(QObject* parent) : QObject(parent) {
    m_killTimer = new QTimer(this);
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process && m_process->state() != QProcess::NotRunning) m_process->kill();
    });
    m_readyTimer = new QTimer(this);
    m_readyTimer->setSingleShot(true);
    connect(m_readyTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Starting) return;
        Q_EMIT failed(QString("v2gbench-sim did not report ready within %1 s").arg(kReadyTimeoutMs / 1000), m_stderr);
        stop(1000);
    });
}

SimLabProcess::~SimLabProcess() {
    stopAndWait();
}

QString SimLabProcess::findExecutable() {
    const QString name = "v2gbench-sim";
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList candidates = {
        appDir + "/../../sim/wire/app/" + name, // <build>/gui/app/v2gbench-gui
        appDir + "/../sim/wire/app/" + name,    // <build>/tests, <build>/perf
        appDir + "/../../../sim/wire/app/" + name, // <build>/perf/gui
        appDir + "/" + name,                    // installed side by side
    };
#ifdef V2G_BINARY_DIR
    candidates << QString(V2G_BINARY_DIR) + "/sim/wire/app/" + name; // the build tree the GUI came from
#endif
    for (const QString& c : candidates) {
        const QFileInfo f(c);
        if (f.isFile() && f.isExecutable()) return f.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(name);
}

bool SimLabProcess::servesBench(const QString& benchPath) {
    const QString name = QFileInfo(benchPath).fileName();
    return name == "sim-wire.yaml" || name == "sim-wire-alt.yaml";
}

qint64 SimLabProcess::pid() const { return m_process ? m_process->processId() : 0; }

void SimLabProcess::setState(State s) {
    if (m_state == s) return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

bool SimLabProcess::start(const QString& dataDir, const QString& program, const QStringList& arguments) {
    if (m_state != State::Stopped) return false;
    m_program = program.isEmpty() ? findExecutable() : program;
    m_stdout.clear();
    m_stderr.clear();
    m_services = 0;
    m_stopRequested = false;
    if (m_program.isEmpty()) {
        Q_EMIT failed("v2gbench-sim was not found",
                      "Looked beside the GUI's build tree (<build>/sim/wire/app/v2gbench-sim), beside the executable "
                      "and on PATH. Build it with: ninja -C <build> v2gbench-sim");
        return false;
    }
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setArguments(arguments);
    auto env = QProcessEnvironment::systemEnvironment();
    if (!dataDir.isEmpty()) env.insert("V2G_DATA_DIR", dataDir); // its default DUT profile
    m_process->setProcessEnvironment(env);
#ifdef Q_OS_LINUX
    // Should the GUI die without its clean shutdown (a crash, SIGKILL), the lab still gets SIGTERM.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        m_stdout += QString::fromLocal8Bit(m_process->readAllStandardOutput());
        if (m_state != State::Starting) return;
        m_services = static_cast<int>(m_stdout.count(" 127.0.0.1:"));
        if (m_stdout.startsWith("ready") || m_stdout.contains("\nready")) {
            m_readyTimer->stop();
            setState(State::Running);
        }
    });
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { m_stderr += QString::fromLocal8Bit(m_process->readAllStandardError()); });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) return; // crashes and exits arrive as finished()
        m_readyTimer->stop();
        setState(State::Stopped);
        Q_EMIT failed("v2gbench-sim could not be started", m_program + ": " + m_process->errorString());
    });
    connect(m_process, &QProcess::finished, this, &SimLabProcess::onFinished);
    setState(State::Starting);
    m_readyTimer->start(kReadyTimeoutMs);
    m_process->start();
    return true;
}

void SimLabProcess::onFinished(int exitCode, QProcess::ExitStatus status) {
    m_killTimer->stop();
    m_readyTimer->stop();
    m_stdout += QString::fromLocal8Bit(m_process->readAllStandardOutput());
    m_stderr += QString::fromLocal8Bit(m_process->readAllStandardError());
    const bool expected = m_stopRequested;
    const State was = m_state;
    m_stopRequested = false;
    setState(State::Stopped);
    if (expected) return;
    const QString how = status == QProcess::CrashExit ? QString("crashed")
                                                      : QString("exited with code %1").arg(exitCode);
    Q_EMIT failed(was == State::Starting ? "v2gbench-sim could not start: it " + how : "v2gbench-sim " + how,
                  m_stderr.trimmed().isEmpty() ? m_stdout.right(2000) : m_stderr.trimmed());
}

void SimLabProcess::stop(int graceMs) {
    if (!m_process || m_state == State::Stopped || m_state == State::Stopping) return;
    m_stopRequested = true;
    m_readyTimer->stop();
    setState(State::Stopping);
    m_process->terminate(); // SIGTERM: it stops its ticker and services and exits 0
    m_killTimer->start(graceMs);
}

void SimLabProcess::stopAndWait(int graceMs) {
    if (!m_process || m_state == State::Stopped) return;
    stop(graceMs);
    if (!m_process->waitForFinished(graceMs)) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString SimLabProcess::statusText() const {
    switch (m_state) {
    case State::Starting: return "sim lab: starting …";
    case State::Running: return QString("sim lab: running (pid %1, %2 services on 127.0.0.1)").arg(pid()).arg(m_services);
    case State::Stopping: return "sim lab: stopping …";
    case State::Stopped: break;
    }
    return m_program.isEmpty() ? "sim lab: not started" : "sim lab: stopped";
}

} // namespace v2gbench::gui
