#pragma once
// The lab's instrument register (docs/instrument-register.md; the bench profile's
// `instrument_register:`): per physical instrument its identity, its calibration and its expanded
// uncertainty per function and range; simulated instruments have entries marked `simulation`.
//
// At open the engine matches every opened instrument (except the DUT, which is the item tested)
// by the identity its driver read (*IDN?, SunSpec common model, iiod context attributes) to one
// entry (matchInstruments). A certification run is refused when any instrument has no entry, an
// identity that differs from its entry, or a calibration past its due date.
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/instrument.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct Calibration {
    std::string certificate; // certificate number
    std::string lab;         // the calibration laboratory
    std::string date;        // ISO 8601 date, YYYY-MM-DD
    std::string due;         // ISO 8601 date, YYYY-MM-DD
};

// The expanded uncertainty U = absolute + relative × |reading| of one function (a bench signal,
// e.g. analyzer.dc_voltage) on one range (its full scale, SI), with its coverage factor k.
struct RangeUncertainty {
    std::string function;
    double range = 0.0;
    double absolute = 0.0;
    double relative = 0.0;
    double k = 2.0;
    core::SourceLocation where;
};

struct RegisterEntry {
    std::string id; // the lab's asset id
    bool simulation = false;
    std::string manufacturer;
    std::string model;
    std::string serial;
    std::string firmware;                   // empty: any firmware
    std::optional<Calibration> calibration; // required unless simulation
    std::vector<RangeUncertainty> uncertainty;
    core::SourceLocation where;
};

struct InstrumentRegister {
    std::string file;
    std::vector<RegisterEntry> entries;
};

// Throws core::ConfigError at file:line:column: unknown keys, a missing identity field, a
// calibration missing on a physical instrument, a date that is not YYYY-MM-DD, due before date,
// two entries with one id or one identity, k not positive.
InstrumentRegister loadInstrumentRegister(const std::string& path);

// What the bench knows of one opened instrument.
struct OpenedIdentity {
    std::string role;
    std::string driver;
    core::InstrumentIdentity identity;
};

enum class AdmissionState { Calibrated, Simulation, NoEntry, IdentityMismatch, CalibrationExpired };
std::string toString(AdmissionState state);

struct InstrumentAdmission {
    std::string role;
    std::string driver;
    AdmissionState state = AdmissionState::NoEntry;
    const RegisterEntry* entry = nullptr; // the entry matched (also for a mismatch or an expired one)
    std::string message;                  // why refused, naming the instrument; empty when admitted

    bool admitted() const { return state == AdmissionState::Calibrated || state == AdmissionState::Simulation; }
};

// One admission per instrument, in the order given. An instrument matches the entry with its
// manufacturer, model and serial; an entry of the same manufacturer and model with another serial
// (or another firmware than the entry names) is an identity mismatch; a calibration whose due date
// is before `todayIso` (YYYY-MM-DD, UTC) has expired. `reg` null: every instrument has no entry.
std::vector<InstrumentAdmission> matchInstruments(const InstrumentRegister* reg,
                                                  const std::vector<OpenedIdentity>& instruments,
                                                  const std::string& todayIso);

} // namespace v2gbench::bench
