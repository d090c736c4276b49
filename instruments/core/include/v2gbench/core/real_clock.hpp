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

private:
    std::chrono::steady_clock::time_point m_epoch;
};

} // namespace v2gbench::core
