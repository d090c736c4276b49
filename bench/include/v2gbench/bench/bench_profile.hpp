#pragma once
// The bench profile: which driver serves each role, at which connection, the clock, the hard
// safety limits the supervisor enforces, the measurement uncertainty of each signal, and the
// order in which roles are made safe.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "v2gbench/core/errors.hpp"

namespace v2gbench::bench {

// One `options:` entry as written, with where its name and its value are in the profile.
struct OptionSetting {
    std::string value;
    core::SourceLocation nameAt;
    core::SourceLocation valueAt; // the first character of the value itself (inside quotes)
};

struct InstrumentBinding {
    std::string role;
    std::string driver;
    std::string uri;
    // As written; checked against the driver's declared options (bench_bindings.hpp) by
    // `validate`, `run` before anything is opened, and BenchSession.
    std::map<std::string, OptionSetting> options;
    core::SourceLocation where;
};

// A hard limit on one signal: leaving [min, max] aborts the run into the safe path.
struct SafetyLimit {
    std::string signal;
    std::optional<double> min; // SI
    std::optional<double> max; // SI
    core::SourceLocation where;
};

// Measurement uncertainty of a signal: absolute + relative × |reading|.
struct Uncertainty {
    double absolute = 0.0; // SI
    double relative = 0.0; // fraction
    double at(double reading) const { return absolute + relative * (reading < 0 ? -reading : reading); }
};

struct BenchProfile {
    std::string id;
    std::string title;
    std::string file;
    std::string sourceText;
    std::string clock = "real";                     // a registered clock name
    std::vector<InstrumentBinding> instruments;     // in file order
    double supervisionPeriod = 0.01;                // s
    std::vector<SafetyLimit> limits;
    std::vector<std::string> shutdownOrder;         // roles; the rest follow in reverse binding order
    std::map<std::string, Uncertainty> uncertainty; // signal → uncertainty
    std::map<std::string, std::string> settings;    // passed to the session (e.g. sim.seed)
    std::string evProfile;                          // `ev_profile:` resolved against the bench file; may be empty
    // `lab:` — the lab control that applies or reads back the lab's settings (role "lab").
    std::optional<InstrumentBinding> lab;
    // `signing_key:` — the lab's Ed25519 private key (PEM) that signs the sealed run folder
    // (run_seal.hpp), resolved against the bench file; empty: runs are sealed unsigned.
    std::string signingKey;
    core::SourceLocation signingKeyAt;
    // `results:` — where this rack's runs go (a results URL, checked by the CLI, which owns the
    // results database; docs/racks.md); empty: the default.
    std::string results;
    core::SourceLocation resultsAt;
    // `instrument_register:` — the lab's register (instrument_register.hpp), resolved against the
    // bench file; empty: no instrument can be matched, so only a run not for certification runs.
    std::string instrumentRegister;
    core::SourceLocation instrumentRegisterAt;
    // `decision_rule:` — the lab's rule (decision_rule.hpp: simple, guarded, guarded:R,
    // customer:R:AGREEMENT), checked at load; empty: guarded r=1. `run --rule` overrides it.
    std::string decisionRule;
    core::SourceLocation decisionRuleAt;

    const InstrumentBinding* binding(const std::string& role) const;
    // Every bound role, in the order makeSafe() runs.
    std::vector<std::string> safeOrder() const;
};

// Throws core::ConfigError at file:line:column (unknown keys, roles, signals, units).
BenchProfile loadBenchProfile(const std::string& path);

} // namespace v2gbench::bench
