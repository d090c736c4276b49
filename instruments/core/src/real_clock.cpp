#include "v2gbench/core/real_clock.hpp"

#include <algorithm>
#include <thread>

namespace v2gbench::core {

RealClock::RealClock()
    : m_epoch(std::chrono::steady_clock::now()), m_wallEpoch(std::chrono::system_clock::now()) {}

units::Seconds RealClock::now() const {
    return units::Seconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - m_epoch).count());
}

units::Seconds RealClock::waitFor(units::Seconds d, const std::function<bool()>& shouldStop) {
    const auto start = now();
    const auto end = start + d;
    // Real instruments need real time to pass; waiting in slices keeps an abort responsive.
    constexpr double kSlice = 0.02;
    while (true) {
        auto t = now();
        if (t >= end) break;
        if (shouldStop && shouldStop()) break;
        std::this_thread::sleep_for(std::chrono::duration<double>(std::min(kSlice, (end - t).value)));
    }
    return now() - start;
}

} // namespace v2gbench::core
