#pragma once
// The GUI thread's handle on the bench worker: starts its thread, queues commands to it and
// keeps the last state the worker reported (never blocking on the worker, except in the
// destructor, which closes the session — making every role safe — before the thread ends).
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/gui/bench_snapshot.hpp"
#include "v2gbench/gui/manual_action.hpp"

#include <QObject>
#include <QThread>

#include <map>
#include <string>

namespace v2gbench::gui {

class BenchWorker;

class BenchController : public QObject {
    Q_OBJECT
public:
    BenchController(const core::DriverRegistry& registry, const QString& auditRoot, QObject* parent = nullptr);
    ~BenchController() override;

    void open(const QString& benchPath, const QString& dutPath, const std::map<std::string, std::string>& settings);
    void close();
    void perform(ManualAction action);
    void safeStop(const QString& reason);

    bool isOpen() const { return m_open; }
    bool isBusy() const { return m_busy; } // opening or closing
    const SessionInfo& session() const { return m_info; }
    const BenchSnapshot& lastSnapshot() const { return m_last; }
    QString benchPath() const { return m_benchPath; }

Q_SIGNALS:
    void opened(const v2gbench::gui::SessionInfo& info);
    void openFailed(const QString& message, bool benchInUse); // as BenchWorker::openFailed
    void closed();
    void polled(const v2gbench::gui::BenchSnapshot& snapshot);
    void actionDone(const v2gbench::gui::ActionRecord& record);
    void safeStopDone(const v2gbench::gui::SafeStopReport& report);

private:
    QThread m_thread;
    BenchWorker* m_worker = nullptr;
    bool m_open = false;
    bool m_busy = false;
    SessionInfo m_info;
    BenchSnapshot m_last;
    QString m_benchPath;
};

} // namespace v2gbench::gui
