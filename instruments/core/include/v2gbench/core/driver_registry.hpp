#pragma once
// The table of drivers and clocks a composition root makes available. Filled by explicit calls
// (registerBuiltinDrivers(), registerSimDrivers()); there is no static-initialiser registration.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/connection_uri.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/option_declaration.hpp"
#include "v2gbench/core/option_values.hpp"
#include "v2gbench/core/session_context.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace v2gbench::core {

// What a driver factory (or a lab control) is handed to create one instrument.
struct DriverRequest {
    std::string instrumentName; // role name as used in the bench profile ("grid")
    ConnectionUri uri;
    // Typed, checked against the driver's declaration, defaults applied (registry.driverOptions()
    // or the bench profile loader); default-constructed: createDriver() applies the defaults.
    OptionValues options;
    SessionContext& session;
    // The session's time base, the one way the clock reaches a driver. Lifetime contract: the
    // clock outlives every instrument created from this request, and every thread such an
    // instrument runs (BenchSession destroys its instruments before its clock), so a driver may
    // keep this reference and read it from any thread (Clock::now() is thread-safe).
    const Clock& clock;
};

struct DriverInfo {
    std::string name;        // "sim-grid", "chroma-61800", ...
    std::string role;        // "grid", "battery", "ev", "analyzer", "dut", "can"
    std::string description;
    OptionDeclaration options; // the options it takes (the bench profile's `options:`)
};

struct LabControlInfo {
    std::string name;
    std::string description;
    OptionDeclaration options;
};

using DriverFactory = std::function<std::unique_ptr<Instrument>(DriverRequest&)>;
using ClockFactory = std::function<std::shared_ptr<Clock>(SessionContext&)>;
// A lab control (the bench profile's `lab:`, e.g. v2gbench-sim's control port): applies the
// session's settings that belong to the lab, or reads back the lab's own, and records each with
// SessionContext::recordApplied. Runs once when the session opens, before any driver; blocks for
// at most its connection timeout. Throws std::invalid_argument when the lab does not run what the
// session asks for (naming the command that would make it so), InstrumentError when unreachable.
using LabControlFactory = std::function<void(DriverRequest&)>;

class DriverRegistry {
public:
    // Throws std::logic_error on a duplicate name.
    void addDriver(DriverInfo info, DriverFactory factory);
    void addClock(const std::string& name, const std::string& description, ClockFactory factory);
    void addLabControl(LabControlInfo info, LabControlFactory control);

    bool hasDriver(const std::string& name) const;
    const DriverInfo* driverInfo(const std::string& name) const;
    // The driver's options from text (name -> value as a profile writes it). Throws
    // std::out_of_range for an unknown driver, OptionError for an option it refuses.
    OptionValues driverOptions(const std::string& name, const std::map<std::string, std::string>& given) const;
    // Throws std::out_of_range for an unknown driver, std::logic_error when request.options were
    // resolved for another driver; whatever the factory throws otherwise.
    std::unique_ptr<Instrument> createDriver(const std::string& name, DriverRequest& request) const;

    bool hasClock(const std::string& name) const;
    std::shared_ptr<Clock> createClock(const std::string& name, SessionContext& session) const;

    bool hasLabControl(const std::string& name) const;
    const LabControlInfo* labControlInfo(const std::string& name) const;
    // Throws std::out_of_range for an unknown name, OptionError for an option it refuses.
    OptionValues labControlOptions(const std::string& name, const std::map<std::string, std::string>& given) const;
    // Throws std::out_of_range for an unknown name, std::logic_error for options resolved for
    // another entry; whatever the control throws otherwise.
    void applyLabControl(const std::string& name, DriverRequest& request) const;
    std::vector<LabControlInfo> labControls() const; // sorted by name

    std::vector<DriverInfo> drivers() const;                         // sorted by role, then name
    std::vector<std::pair<std::string, std::string>> clocks() const; // name, description

private:
    struct DriverEntry {
        DriverInfo info;
        DriverFactory factory;
    };
    struct ClockEntry {
        std::string description;
        ClockFactory factory;
    };
    std::map<std::string, DriverEntry> m_drivers;
    std::map<std::string, ClockEntry> m_clocks;
    struct LabControlEntry {
        LabControlInfo info;
        LabControlFactory control;
    };
    std::map<std::string, LabControlEntry> m_labControls;
};

} // namespace v2gbench::core
