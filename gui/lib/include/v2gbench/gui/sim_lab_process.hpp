#pragma once
// The wire-level simulated lab (`v2gbench-sim`) started from the GUI: a child process on its
// default ports, which benches/sim-wire.yaml and sim-wire-alt.yaml talk to. Ready once it prints
// "ready"; an exit before that (a port in use) is a failure carrying its stderr. Stopping sends
// SIGTERM, waits, then kills — the caller makes the bench safe first (MainWindow does).
#include <QObject>
#include <QProcess>
#include <QString>

class QTimer;

namespace v2gbench::gui {

class SimLabProcess : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping };

    explicit SimLabProcess(QObject* parent = nullptr);
    ~SimLabProcess() override; // stopAndWait()

    // The v2gbench-sim executable: next to the GUI's build tree (<build>/sim/wire/app), beside the
    // executable (an install), then PATH. Empty when none is found.
    static QString findExecutable();
    // True for the bench profiles served by v2gbench-sim on its default ports.
    static bool servesBench(const QString& benchPath);

    // Starts `program` (findExecutable() when empty) with V2G_DATA_DIR = dataDir. False (and
    // failed()) when it cannot be started at all; otherwise the outcome comes as stateChanged()
    // to Running, or failed().
    bool start(const QString& dataDir, const QString& program = {}, const QStringList& arguments = {});
    // SIGTERM now, SIGKILL if it has not ended after graceMs (the event loop keeps running).
    void stop(int graceMs = 3000);
    // The same, blocking (for shutdown): returns once the process has ended.
    void stopAndWait(int graceMs = 3000);

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    qint64 pid() const;
    QString program() const { return m_program; }
    QString standardError() const { return m_stderr; }
    QString standardOutput() const { return m_stdout; }
    // One line for the status bar: "sim lab: running (pid 1234, 10 services)".
    QString statusText() const;

Q_SIGNALS:
    void stateChanged(v2gbench::gui::SimLabProcess::State state);
    // It could not start, or it ended on its own; `detail` carries its stderr.
    void failed(const QString& message, const QString& detail);

private:
    void setState(State s);
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess* m_process = nullptr;
    QTimer* m_killTimer;
    QTimer* m_readyTimer;
    State m_state = State::Stopped;
    QString m_program;
    QString m_stdout;
    QString m_stderr;
    int m_services = 0;
    bool m_stopRequested = false;
};

} // namespace v2gbench::gui
