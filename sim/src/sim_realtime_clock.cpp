#include "v2gbench/sim/sim_realtime_clock.hpp"

namespace v2gbench::sim {

SimRealtimeClock::SimRealtimeClock(std::shared_ptr<SimLab> lab)
    : m_lab(std::move(lab)), m_real(std::make_shared<core::RealClock>()) {
    m_lab->followClock(m_real);
    // Lab time continues from where it was: it reads 0 that much before the real clock's epoch.
    const double offset = (m_lab->now() - m_real->now()).value;
    m_wallEpoch = *m_real->wallEpoch() - std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                             std::chrono::duration<double>(offset));
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
