#pragma once
// Clock "sim-realtime": wall-clock time (core::RealClock) with the lab's plant following it, so
// the simulated lab runs in real time (a GUI session, the wire face).
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>

namespace v2gbench::sim {

class SimRealtimeClock final : public core::Clock {
public:
    explicit SimRealtimeClock(std::shared_ptr<SimLab> lab);
    ~SimRealtimeClock() override;

    units::Seconds now() const override;
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>& shouldStop) override;
    bool isVirtual() const override { return false; }
    std::optional<std::chrono::system_clock::time_point> wallEpoch() const override { return m_wallEpoch; }

    SimLab& lab() const { return *m_lab; }

private:
    std::shared_ptr<SimLab> m_lab;
    std::shared_ptr<core::RealClock> m_real;
    std::chrono::system_clock::time_point m_wallEpoch;
};

} // namespace v2gbench::sim
