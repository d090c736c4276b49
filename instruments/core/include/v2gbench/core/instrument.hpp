#pragma once
// Base of every role interface. Contract shared by all roles:
// - Units: SI, through the strong types of units.hpp. Sign convention, bench-wide: positive
//   power/current = energy from the grid into the EV battery (charging); negative = V2G discharge.
// - Blocking: every call blocks until the instrument has accepted the command or answered the
//   query (bounded by the driver's timeouts). None is asynchronous. Calls on one instrument are
//   not thread-safe; the bench serialises them.
// - Failure: a lost link, timeout or refused command throws InstrumentError naming the
//   instrument and the exchange; a request outside the instrument's ratings or capabilities
//   throws CapabilityError before anything is changed. Nothing is silently clamped.
// - Safe state: makeSafe() brings the instrument to its safe state (outputs off, currents to zero),
//   returns within the driver's bounded time even when the link is dead, and never throws.
#include "v2gbench/core/capabilities.hpp"

#include <string>

namespace v2gbench::core {

struct InstrumentIdentity {
    std::string manufacturer;
    std::string model;
    std::string serial;
    std::string firmware;
    std::string calibrationDue; // ISO date, empty when unknown (simulated instruments)
};

class Instrument {
public:
    virtual ~Instrument() = default;
    virtual InstrumentIdentity identity() const = 0;
    virtual Capabilities capabilities() const = 0;
    virtual void makeSafe() noexcept = 0;
};

} // namespace v2gbench::core
