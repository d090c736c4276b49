#include "v2gbench/gui/bench_worker.hpp"

#include "v2gbench/bench/bench_lock.hpp"
#include "v2gbench/bench/dut_profile.hpp"

#include <QTimer>

#include <exception>

namespace v2gbench::gui {

BenchWorker::BenchWorker(const core::DriverRegistry& registry, std::string auditRoot)
    : m_registry(registry), m_auditRoot(std::move(auditRoot)) {}

BenchWorker::~BenchWorker() = default;

double BenchWorker::benchTime() { return m_session ? m_session->clock().now().value : 0.0; }

void BenchWorker::open(const std::string& benchPath, const std::string& dutPath,
                       const std::map<std::string, std::string>& settings) {
    close();
    try {
        m_bench = std::make_unique<bench::BenchProfile>(bench::loadBenchProfile(benchPath));
        const bench::DutProfile dut = bench::loadDutProfile(dutPath);
        // One owner per bench, across processes: a bench the nightly job (or another window) holds
        // is refused here, naming its holder, before any instrument is touched.
        auto lock = bench::BenchLock::acquire(*m_bench);
        m_session = std::make_unique<bench::BenchSession>(m_registry, *m_bench, dut, settings, nullptr, std::move(lock));
    } catch (const bench::BenchBusyError& e) {
        m_bench.reset();
        Q_EMIT openFailed(QString::fromStdString(e.what()), true);
        return;
    } catch (const std::exception& e) {
        m_session.reset();
        m_bench.reset();
        Q_EMIT openFailed(QString::fromStdString(e.what()), false);
        return;
    }
    SessionInfo info;
    info.benchId = m_bench->id;
    info.benchTitle = m_bench->title;
    info.clock = m_session->clockName();
    info.virtualClock = m_session->clock().isVirtual();
    nlohmann::json instruments = nlohmann::json::array();
    for (const auto& o : m_session->opened()) {
        InstrumentInfo i{o.role, o.driver, o.uri, o.identity, {}};
        for (const auto& c : o.capabilities.names()) i.capabilities.push_back(c);
        instruments.push_back({{"role", o.role}, {"driver", o.driver}, {"uri", o.uri},
                               {"manufacturer", o.identity.manufacturer}, {"model", o.identity.model},
                               {"serial", o.identity.serial}, {"firmware", o.identity.firmware}});
        info.instruments.push_back(std::move(i));
    }
    try {
        m_audit = std::make_unique<AuditJournal>(m_auditRoot, m_bench->id);
        m_audit->write("session_opened", benchTime(),
                       {{"bench", benchPath}, {"dut", dutPath}, {"clock", info.clock}, {"instruments", instruments}});
        info.auditFolder = m_audit->folder().string();
    } catch (const std::exception& e) {
        // Manual control without an audit trail is not allowed: the trail is evidence.
        m_session.reset();
        Q_EMIT openFailed(QString::fromStdString(e.what()), false);
        return;
    }
    // The bus of the manual session is evidence too: record it beside the audit journal, where
    // the trace view follows it.
    if (m_session->has("can")) {
        try {
            m_session->can().startRecording((m_audit->folder() / "can.log").string());
            info.canLog = (m_audit->folder() / "can.log").string();
        } catch (const std::exception& e) {
            m_audit->write("error", benchTime(), {{"role", "can"}, {"message", e.what()}});
        }
    }
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &BenchWorker::poll);
    }
    m_timer->start(kPollPeriodMs);
    Q_EMIT opened(info);
    Q_EMIT polled(read());
}

void BenchWorker::close() {
    if (m_timer) m_timer->stop();
    if (!m_session) return;
    // Every role made safe in the profile's shutdown order, each in the audit trail, and read back
    // (the session's destructor runs makeAllSafe() once more: it is idempotent).
    m_session->makeAllSafe([&](const std::string& role) {
        if (m_audit) m_audit->write("make_safe", benchTime(), {{"role", role}});
    });
    const BenchSnapshot s = read();
    const double t = benchTime();
    if (m_session->has("can")) m_session->can().stopRecording();
    m_session.reset();
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [role, message] : s.errors) errors[role] = message;
    if (m_audit)
        m_audit->write("session_closed", t, {{"made_safe", true}, {"outputs_off", s.outputsOff()}, {"readback_errors", errors}});
    m_audit.reset();
    m_bench.reset();
    Q_EMIT closed();
}

void BenchWorker::shutdown() {
    close();
    delete m_timer;
    m_timer = nullptr;
}

BenchSnapshot BenchWorker::read() {
    BenchSnapshot s;
    if (!m_session) return s;
    s.benchTime = benchTime();
    auto guarded = [&](const char* role, auto&& f) {
        if (!m_session->has(role)) return false;
        try {
            f();
            return true;
        } catch (const std::exception& e) {
            s.errors[role] = e.what();
            return false;
        }
    };
    s.hasGrid = guarded("grid", [&] { s.grid = m_session->grid().state(); });
    s.hasBattery = guarded("battery", [&] { s.battery = m_session->battery().read(); });
    s.hasEv = guarded("ev", [&] { s.ev = m_session->ev().status(); });
    s.hasAnalyzer = guarded("analyzer", [&] { s.analyzer = m_session->analyzer().read(); });
    s.hasDut = guarded("dut", [&] { s.dut = m_session->dut().status(); });
    return s;
}

void BenchWorker::poll() {
    if (!m_session) return;
    // On the virtual clock nothing moves unless someone waits: let the plant follow real time.
    if (m_session->clock().isVirtual())
        m_session->clock().waitFor(units::Seconds(kPollPeriodMs / 1000.0), [] { return false; });
    Q_EMIT polled(read());
}

void BenchWorker::perform(const ManualAction& action) {
    ActionRecord r{action.role, action.action, action.sent, {}, true, {}, 0.0, {}};
    if (!m_session) {
        r.ok = false;
        r.error = "no bench is open";
        r.utc = utcNowIso();
        Q_EMIT actionDone(r);
        return;
    }
    try {
        action.apply(*m_session);
    } catch (const std::exception& e) {
        r.ok = false;
        r.error = e.what();
    }
    // Let a simulated plant respond for one poll period before reading back.
    if (m_session->clock().isVirtual())
        m_session->clock().waitFor(units::Seconds(kPollPeriodMs / 1000.0), [] { return false; });
    const BenchSnapshot s = read();
    r.readback = action.readback ? action.readback(s) : describeRole(action.role, s);
    r.benchTime = s.benchTime;
    r.utc = utcNowIso();
    if (m_audit)
        m_audit->write("manual_action", r.benchTime,
                       {{"role", r.role}, {"action", r.action}, {"sent", r.sent}, {"readback", r.readback},
                        {"ok", r.ok}, {"error", r.error}});
    Q_EMIT actionDone(r);
    Q_EMIT polled(s);
}

void BenchWorker::safeStop(const std::string& reason) {
    SafeStopReport report;
    if (!m_session) {
        report.completedUtc = utcNowIso();
        report.outputsOff = true;
        report.detail = "no manual session open: nothing to make safe here";
        Q_EMIT safeStopDone(report);
        return;
    }
    if (m_audit) m_audit->write("safe_stop_requested", benchTime(), {{"reason", reason}});
    m_session->makeAllSafe([&](const std::string& role) {
        report.roles.push_back(role);
        if (m_audit) m_audit->write("make_safe", benchTime(), {{"role", role}});
    });
    const BenchSnapshot s = read();
    report.outputsOff = s.outputsOff();
    report.completedUtc = utcNowIso();
    std::string readback;
    for (const auto& role : report.roles) readback += role + ": " + describeRole(role, s) + "; ";
    report.detail = readback;
    if (m_audit)
        m_audit->write("safe_stop_done", s.benchTime,
                       {{"roles", report.roles}, {"outputs_off", report.outputsOff}, {"readback", readback}});
    Q_EMIT safeStopDone(report);
    Q_EMIT polled(s);
}

} // namespace v2gbench::gui
