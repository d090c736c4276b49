#pragma once
// Clock "sim-virtual": simulated time. waitFor(d) steps the lab's plant through d at once (no
// sleeping), keeping any fraction of a step for later, and polls shouldStop every pollInterval of
// simulated time (10 ms by default).
#include "v2gbench/core/clock.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>

namespace v2gbench::sim {

class SimVirtualClock final : public core::Clock {
public:
    explicit SimVirtualClock(std::shared_ptr<SimLab> lab, units::Seconds pollInterval = units::Seconds(0.01));

    units::Seconds now() const override;
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>& shouldStop) override;
    bool isVirtual() const override { return true; }

    SimLab& lab() const { return *m_lab; }

private:
    std::shared_ptr<SimLab> m_lab;
    units::Seconds m_poll;
};

} // namespace v2gbench::sim
