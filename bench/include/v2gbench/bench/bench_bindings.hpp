#pragma once
// A bench profile's bindings checked against the registry a composition root filled: every
// instrument's driver exists and serves its role, the lab control and the clock exist, and every
// option is one its driver (or lab control) declares, of the declared type and unit, within its
// bounds. The one check behind `validate`, `run` (before anything is opened) and BenchSession.
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/core/driver_registry.hpp"

#include <vector>

namespace v2gbench::bench {

// The driver a binding names. Throws core::ConfigError at the binding when it is unknown or
// serves another role.
const core::DriverInfo& boundDriver(const InstrumentBinding& binding, const core::DriverRegistry& registry);
// The lab control `lab:` names. Throws core::ConfigError at `lab:` when it is unknown.
const core::LabControlInfo& boundLabControl(const InstrumentBinding& lab, const core::DriverRegistry& registry);

// The binding's options, typed, with `owner`'s (driver or lab control name) defaults filled in.
// Throws core::ConfigError at the option's name (unknown: the message lists the known ones) or at
// the offending character of its value (wrong type or unit, out of bounds).
core::OptionValues boundOptions(const InstrumentBinding& binding, const std::string& owner,
                                const core::OptionDeclaration& declaration);

// Every problem of the profile against the registry, at most one per binding, in file order.
std::vector<Diagnostic> checkBindings(const BenchProfile& bench, const core::DriverRegistry& registry);

} // namespace v2gbench::bench
