#pragma once
// The bench's time base. The same plan runs on either implementation:
// - a virtual clock (simulated lab): waitFor() advances simulated time at once, driving the plant;
// - the real clock (hardware): waitFor() blocks the calling thread for the real duration.
#include "v2gbench/core/units.hpp"

#include <chrono>
#include <functional>
#include <optional>

namespace v2gbench::core {

class Clock {
public:
    virtual ~Clock() = default;

    // Seconds since the clock's epoch (the start of the bench session). Monotonic. Safe to call
    // from any thread (drivers stamp readings on their own acquisition threads).
    virtual units::Seconds now() const = 0;

    // Blocks (real) or advances (virtual) for d, then returns. Returns early, with the time
    // actually waited, when shouldStop() becomes true; it is polled at least every 20 ms of real
    // time on the real clock and at every step on the virtual one. Never throws.
    virtual units::Seconds waitFor(units::Seconds d, const std::function<bool()>& shouldStop) = 0;

    // True when waitFor() does not consume real time.
    virtual bool isVirtual() const = 0;

    // The Unix time (the host's CLOCK_REALTIME) at which this clock read 0, for clocks that run at
    // wall-clock rate: an instrument that stamps events with its own clock — a CAN adapter's frame
    // time, a daq's sample clock — gives bench time as (stamp − wallEpoch()), so intervals between
    // its stamps are exactly the instrument's. That is bench time only when the instrument's clock
    // is the host's or synchronised to it (same machine, NTP/PTP); docs/bench-profile.md says so.
    // nullopt for a virtual clock, whose seconds are not wall seconds. Constant for the session.
    virtual std::optional<std::chrono::system_clock::time_point> wallEpoch() const { return std::nullopt; }
};

} // namespace v2gbench::core
