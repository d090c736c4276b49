#include "v2gbench/sim/sim_virtual_clock.hpp"

namespace v2gbench::sim {

SimVirtualClock::SimVirtualClock(std::shared_ptr<SimLab> lab, units::Seconds pollInterval)
    : m_lab(std::move(lab)), m_poll(pollInterval) {}

units::Seconds SimVirtualClock::now() const {
    return m_lab->now();
}

units::Seconds SimVirtualClock::waitFor(units::Seconds d, const std::function<bool()>& shouldStop) {
    return m_lab->advance(d, shouldStop, m_poll);
}

} // namespace v2gbench::sim
