#include "v2gbench/gui/bench_controller.hpp"

#include "v2gbench/gui/bench_worker.hpp"

#include <QCoreApplication>

namespace v2gbench::gui {

BenchController::BenchController(const core::DriverRegistry& registry, const QString& auditRoot, QObject* parent)
    : QObject(parent) {
    qRegisterMetaType<BenchSnapshot>();
    qRegisterMetaType<SessionInfo>();
    qRegisterMetaType<SafeStopReport>();
    qRegisterMetaType<ActionRecord>();
    m_thread.setObjectName("bench-worker");
    m_worker = new BenchWorker(registry, auditRoot.toStdString());
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &BenchWorker::opened, this, [this](const SessionInfo& info) {
        m_open = true;
        m_busy = false;
        m_info = info;
        Q_EMIT opened(info);
    });
    connect(m_worker, &BenchWorker::openFailed, this, [this](const QString& message, bool benchInUse) {
        m_open = false;
        m_busy = false;
        Q_EMIT openFailed(message, benchInUse);
    });
    connect(m_worker, &BenchWorker::closed, this, [this] {
        m_open = false;
        m_busy = false;
        m_last = {};
        Q_EMIT closed();
    });
    connect(m_worker, &BenchWorker::polled, this, [this](const BenchSnapshot& s) {
        if (!m_open) return; // a poll queued before close
        m_last = s;
        Q_EMIT polled(s);
    });
    connect(m_worker, &BenchWorker::actionDone, this, &BenchController::actionDone);
    connect(m_worker, &BenchWorker::safeStopDone, this, &BenchController::safeStopDone);
    m_thread.start();
}

BenchController::~BenchController() {
    // Clean shutdown makes the bench safe: closing the session runs makeAllSafe() on the worker.
    BenchWorker* worker = m_worker;
    QThread* gui = QCoreApplication::instance() ? QCoreApplication::instance()->thread() : nullptr;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, gui] {
            worker->shutdown();
            if (gui) worker->moveToThread(gui);
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void BenchController::open(const QString& benchPath, const QString& dutPath,
                           const std::map<std::string, std::string>& settings) {
    m_busy = true;
    m_benchPath = benchPath;
    BenchWorker* w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, b = benchPath.toStdString(), d = dutPath.toStdString(), settings] { w->open(b, d, settings); },
        Qt::QueuedConnection);
}

void BenchController::close() {
    if (!m_open) return;
    m_busy = true;
    BenchWorker* w = m_worker;
    QMetaObject::invokeMethod(w, [w] { w->close(); }, Qt::QueuedConnection);
}

void BenchController::perform(ManualAction action) {
    BenchWorker* w = m_worker;
    QMetaObject::invokeMethod(w, [w, a = std::move(action)] { w->perform(a); }, Qt::QueuedConnection);
}

void BenchController::safeStop(const QString& reason) {
    BenchWorker* w = m_worker;
    QMetaObject::invokeMethod(w, [w, r = reason.toStdString()] { w->safeStop(r); }, Qt::QueuedConnection);
}

} // namespace v2gbench::gui
