#pragma once
// The bench worker: owns the manual BenchSession and lives on its own thread, so every driver
// call (open, status polls at 5 Hz, setpoints, makeSafe) happens off the GUI thread. It reports
// through queued signals only. On a virtual clock it advances simulated time by the poll period
// at each poll, so the simulated lab runs in real time while the operator drives it.
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/gui/audit_journal.hpp"
#include "v2gbench/gui/bench_snapshot.hpp"
#include "v2gbench/gui/manual_action.hpp"

#include <QObject>
#include <QString>

#include <map>
#include <memory>

class QTimer;

namespace v2gbench::gui {

class BenchWorker : public QObject {
    Q_OBJECT
public:
    BenchWorker(const core::DriverRegistry& registry, std::string auditRoot);
    ~BenchWorker() override;

    // Each of these runs on the worker's thread (BenchController queues them there).
    void open(const std::string& benchPath, const std::string& dutPath,
              const std::map<std::string, std::string>& settings);
    void close();
    void perform(const ManualAction& action);
    void safeStop(const std::string& reason);
    // Stops polling and closes; the last call before the thread ends.
    void shutdown();

    static constexpr int kPollPeriodMs = 200; // 5 Hz

Q_SIGNALS:
    void opened(v2gbench::gui::SessionInfo info);
    // benchInUse: another process or session holds the bench (bench_lock.hpp); nothing was contacted.
    void openFailed(QString message, bool benchInUse);
    void closed();
    void polled(v2gbench::gui::BenchSnapshot snapshot);
    void actionDone(v2gbench::gui::ActionRecord record);
    void safeStopDone(v2gbench::gui::SafeStopReport report);

private:
    void poll();
    BenchSnapshot read();
    double benchTime();

    const core::DriverRegistry& m_registry;
    std::string m_auditRoot;
    QTimer* m_timer = nullptr;
    std::unique_ptr<bench::BenchProfile> m_bench;
    std::unique_ptr<bench::BenchSession> m_session;
    std::unique_ptr<AuditJournal> m_audit;
};

} // namespace v2gbench::gui
