#include "v2gbench/sim/sim_realtime_clock.hpp"

namespace v2gbench::sim {

SimRealtimeClock::SimRealtimeClock(std::shared_ptr<SimLab> lab)
    : m_lab(std::move(lab)), m_real(std::make_shared<core::RealClock>()) {
    m_lab->followClock(m_real);
}

SimRealtimeClock::~SimRealtimeClock() {
    m_lab->stopFollowing(m_real.get());
}

units::Seconds SimRealtimeClock::now() const {
    return m_lab->now();
}

units::Seconds SimRealtimeClock::waitFor(units::Seconds d, const std::function<bool()>& shouldStop) {
    const auto waited = m_real->waitFor(d, shouldStop);
    // Catch the plant up so that an observer (GUI snapshot) sees the present, not the last read.
    m_lab->withPlant([](Plant&) {});
    return waited;
}

} // namespace v2gbench::sim
