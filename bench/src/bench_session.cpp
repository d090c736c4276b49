#include "v2gbench/bench/bench_session.hpp"

#include "v2gbench/bench/bench_bindings.hpp"
#include "v2gbench/core/log.hpp"
#include "v2gbench/core/real_clock.hpp"

#include <stdexcept>

namespace v2gbench::bench {

namespace {

// The role interface a driver bound to `role` must implement.
bool implementsRole(const std::string& role, core::Instrument* i) {
    if (role == "grid") return dynamic_cast<core::GridEmulator*>(i) != nullptr;
    if (role == "battery") return dynamic_cast<core::BatteryEmulator*>(i) != nullptr;
    if (role == "ev") return dynamic_cast<core::EvEmulator*>(i) != nullptr;
    if (role == "analyzer") return dynamic_cast<core::PowerAnalyzer*>(i) != nullptr;
    if (role == "dut") return dynamic_cast<core::ChargerControl*>(i) != nullptr;
    if (role == "can") return dynamic_cast<core::CanRecorder*>(i) != nullptr;
    if (role == "fault_box") return dynamic_cast<core::FaultBox*>(i) != nullptr;
    if (role == "daq") return dynamic_cast<core::Daq*>(i) != nullptr;
    if (role == "evse") return dynamic_cast<core::ChargerEmulator*>(i) != nullptr;
    return false;
}

} // namespace

BenchSession::BenchSession(const core::DriverRegistry& registry, const BenchProfile& bench, const DutProfile& dut,
                           const std::map<std::string, std::string>& extraSettings, core::ExchangeLog* exchanges,
                           BenchLock lock) {
    // Every binding and option checked before anything is opened or locked.
    std::vector<core::OptionValues> driverOptions;
    for (const auto& b : bench.instruments) {
        const auto& info = boundDriver(b, registry);
        driverOptions.push_back(boundOptions(b, info.name, info.options));
    }
    core::OptionValues labOptions;
    if (bench.lab) {
        const auto& control = boundLabControl(*bench.lab, registry);
        labOptions = boundOptions(*bench.lab, control.name, control.options);
    }
    // Ownership first: nothing is opened on a bench that another process drives.
    m_lock = lock.resources().empty() ? BenchLock::acquire(bench) : std::move(lock);
    m_context.dut = dut.ratings;
    m_context.dutId = dut.id;
    m_context.settings = bench.settings;
    for (const auto& [k, v] : extraSettings) m_context.settings[k] = v;
    m_context.exchanges = exchanges;
    m_safeOrder = bench.safeOrder();

    m_clockName = bench.clock;
    if (bench.clock == "real") {
        m_clock = std::make_shared<core::RealClock>();
    } else if (registry.hasClock(bench.clock)) {
        m_clock = registry.createClock(bench.clock, m_context);
    } else {
        std::string known = "real";
        for (const auto& [name, description] : registry.clocks()) known += ", " + name;
        throw core::ConfigError({bench.file, 0, 0}, "unknown clock '" + bench.clock + "'; known clocks: " + known);
    }

    try {
        if (bench.lab) applyLabControl(registry, *bench.lab, std::move(labOptions));
        for (std::size_t i = 0; i < bench.instruments.size(); ++i) {
            const auto& b = bench.instruments[i];
            core::ConnectionUri uri;
            try {
                uri = core::ConnectionUri::parse(b.uri);
            } catch (const std::invalid_argument& e) {
                throw core::ConfigError(b.where, std::string("role '") + b.role + "': " + e.what());
            }
            core::DriverRequest request{b.role, uri, std::move(driverOptions[i]), m_context, *m_clock};
            std::unique_ptr<core::Instrument> instrument;
            try {
                instrument = registry.createDriver(b.driver, request);
            } catch (const std::invalid_argument& e) {
                throw core::ConfigError(b.where, std::string("role '") + b.role + "' (" + b.driver + "): " + e.what());
            }
            if (!implementsRole(b.role, instrument.get()))
                throw core::ConfigError(b.where, "driver '" + b.driver + "' does not implement role '" + b.role + "'");
            m_opened.push_back({b.role, b.driver, b.uri, instrument->identity(), instrument->capabilities()});
            m_instruments[b.role] = std::move(instrument);
        }
        refuseUnappliedSettings(bench);
    } catch (...) {
        makeAllSafe();
        throw;
    }
}

void BenchSession::applyLabControl(const core::DriverRegistry& registry, const InstrumentBinding& lab,
                                   core::OptionValues options) {
    core::ConnectionUri uri;
    try {
        uri = core::ConnectionUri::parse(lab.uri);
    } catch (const std::invalid_argument& e) {
        throw core::ConfigError(lab.where, std::string("lab: ") + e.what());
    }
    core::DriverRequest request{"lab", uri, std::move(options), m_context, *m_clock};
    try {
        registry.applyLabControl(lab.driver, request);
    } catch (const std::invalid_argument& e) {
        throw core::ConfigError(lab.where, "lab (" + lab.driver + "): " + e.what());
    }
}

void BenchSession::refuseUnappliedSettings(const BenchProfile& bench) const {
    const auto missing = m_context.unappliedSettings();
    if (missing.empty()) return;
    std::string list;
    for (const auto& key : missing) list += (list.empty() ? "" : ", ") + key + " = '" + m_context.setting(key) + "'";
    throw core::ConfigError({bench.file, 0, 0},
                            "bench '" + bench.id + "' has no instrument or lab control that applies " + list +
                                (bench.lab ? "" : " (a simulated lab on the wire needs `lab:` naming its control port)") +
                                "; refused rather than recorded as if applied");
}

BenchSession::~BenchSession() { makeAllSafe(); }

core::Instrument& BenchSession::instrument(const std::string& role) {
    auto it = m_instruments.find(role);
    if (it == m_instruments.end()) throw std::logic_error("the bench has no instrument for role '" + role + "'");
    return *it->second;
}

core::GridEmulator& BenchSession::grid() { return dynamic_cast<core::GridEmulator&>(instrument("grid")); }
core::BatteryEmulator& BenchSession::battery() { return dynamic_cast<core::BatteryEmulator&>(instrument("battery")); }
core::EvEmulator& BenchSession::ev() { return dynamic_cast<core::EvEmulator&>(instrument("ev")); }
core::PowerAnalyzer& BenchSession::analyzer() { return dynamic_cast<core::PowerAnalyzer&>(instrument("analyzer")); }
core::ChargerControl& BenchSession::dut() { return dynamic_cast<core::ChargerControl&>(instrument("dut")); }
core::CanRecorder& BenchSession::can() { return dynamic_cast<core::CanRecorder&>(instrument("can")); }
core::ChargerEmulator& BenchSession::evse() { return dynamic_cast<core::ChargerEmulator&>(instrument("evse")); }
core::FaultBox& BenchSession::faultBox() { return dynamic_cast<core::FaultBox&>(instrument("fault_box")); }
core::Daq& BenchSession::daq() { return dynamic_cast<core::Daq&>(instrument("daq")); }

void BenchSession::makeAllSafe(const std::function<void(const std::string&)>& onEach) noexcept {
    for (const auto& role : m_safeOrder) {
        auto it = m_instruments.find(role);
        if (it == m_instruments.end()) continue;
        it->second->makeSafe();
        if (onEach) {
            try {
                onEach(role);
            } catch (...) {
                core::log::error("bench", "reporting makeSafe of '" + role + "' failed");
            }
        }
    }
}

} // namespace v2gbench::bench
