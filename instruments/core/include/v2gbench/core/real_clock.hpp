#pragma once
// The wall-clock time base for real hardware (std::chrono::steady_clock).
#include "v2gbench/core/clock.hpp"

#include <chrono>

namespace v2gbench::core {

class RealClock final : public Clock {
public:
    RealClock();
    units::Seconds now() const override;
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>& shouldStop) override;
    bool isVirtual() const override { return false; }
    // The system clock's reading taken together with the steady epoch.
    std::optional<std::chrono::system_clock::time_point> wallEpoch() const override { return m_wallEpoch; }

private:
    std::chrono::steady_clock::time_point m_epoch;
    std::chrono::system_clock::time_point m_wallEpoch;
};

} // namespace v2gbench::core
