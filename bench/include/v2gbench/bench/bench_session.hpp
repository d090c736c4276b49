#pragma once
// One opened bench: the clock and one driver instance per bound role, created through the
// registry from a bench profile and a DUT profile. Owns the instruments; makeAllSafe() runs
// every role's makeSafe() in the profile's shutdown order and is also run by the destructor.
#include "v2gbench/bench/bench_lock.hpp"
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/core/roles/daq.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/core/roles/charger_emulator.hpp"
#include "v2gbench/core/roles/fault_box.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct OpenedInstrument {
    std::string role;
    std::string driver;
    std::string uri;
    core::InstrumentIdentity identity;
    core::Capabilities capabilities;
};

class BenchSession {
public:
    // Takes the bench's lock (or `lock`, when the caller took it already), applies the lab control's
    // settings, creates the clock and every instrument. Throws BenchBusyError when another process
    // holds the bench; core::ConfigError (unknown driver or clock, a driver that does not implement
    // its role, an option its driver does not declare or a bad value, checked before anything is
    // opened; a bad URI, a requested setting that nothing applied, a lab that runs other settings)
    // at the bench profile's line; core::InstrumentError when an instrument cannot be reached.
    // Instruments opened before a failure are made safe and closed.
    BenchSession(const core::DriverRegistry& registry, const BenchProfile& bench, const DutProfile& dut,
                 const std::map<std::string, std::string>& extraSettings, core::ExchangeLog* exchanges,
                 BenchLock lock = {});
    ~BenchSession();
    BenchSession(const BenchSession&) = delete;
    BenchSession& operator=(const BenchSession&) = delete;

    core::Clock& clock() { return *m_clock; }
    const std::string& clockName() const { return m_clockName; }
    bool has(const std::string& role) const { return m_instruments.count(role) != 0; }

    // Typed access; throws core::ConfigError-free std::logic_error if the role is not bound
    // (the plan validator and the executor check `requires.roles` before calling these).
    core::GridEmulator& grid();
    core::BatteryEmulator& battery();
    core::EvEmulator& ev();
    core::PowerAnalyzer& analyzer();
    core::ChargerControl& dut();
    core::CanRecorder& can();
    core::FaultBox& faultBox();
    core::Daq& daq();
    core::ChargerEmulator& evse();

    const std::vector<OpenedInstrument>& opened() const { return m_opened; }
    // As requested, and as applied (read back from the instruments and the lab; what runs record).
    const std::map<std::string, std::string>& settings() const { return m_context.settings; }
    std::map<std::string, std::string> appliedSettings() const { return m_context.applied(); }
    const BenchLock& lock() const { return m_lock; }

    // makeSafe() of every role in shutdown order; reports each one. Never throws.
    void makeAllSafe(const std::function<void(const std::string& role)>& onEach = {}) noexcept;

private:
    core::Instrument& instrument(const std::string& role);
    void applyLabControl(const core::DriverRegistry& registry, const InstrumentBinding& lab, core::OptionValues options);
    void refuseUnappliedSettings(const BenchProfile& bench) const;

    BenchLock m_lock; // first member: released last, after every instrument is made safe

    core::SessionContext m_context;
    // Created before, and destroyed after, every instrument (DriverRequest::clock's contract).
    std::shared_ptr<core::Clock> m_clock;
    std::string m_clockName;
    std::vector<std::string> m_safeOrder;
    std::map<std::string, std::unique_ptr<core::Instrument>> m_instruments;
    std::vector<OpenedInstrument> m_opened;
};

} // namespace v2gbench::bench
