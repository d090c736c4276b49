#pragma once
// Clock "sim-virtual": simulated time. waitFor(d) steps the lab's plant through d at once (no
// sleeping), keeping any fraction of a step for later, and polls shouldStop every pollInterval of
// simulated time (10 ms by default).
//
// Pace (setting "sim.pace"; for an engineer who wants to watch): 0 = as fast as possible
// (default), 1 = real time, 10 = ten simulated seconds per wall second. A paced clock still steps
// the plant deterministically — pacing only holds the calling thread so that simulated time does
// not run ahead of wall time × pace; it polls shouldStop at least every 20 ms of wall time.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace v2gbench::sim {

class SimVirtualClock final : public core::Clock {
public:
    explicit SimVirtualClock(std::shared_ptr<SimLab> lab, units::Seconds pollInterval = units::Seconds(0.01),
                             double pace = 0.0);

    units::Seconds now() const override;
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>& shouldStop) override;
    bool isVirtual() const override { return true; }

    SimLab& lab() const { return *m_lab; }
    double pace() const { return m_pace; }

    // "sim.pace" text → pace: "", "0" or "max" → 0; a positive number otherwise. Throws
    // std::invalid_argument naming the setting for anything else.
    static double parsePace(const std::string& text);
    // The inverse, as recorded in the run folder: "max" for 0, else the number ("1", "10", "2.5").
    static std::string formatPace(double pace);

private:
    // Holds the caller until wall time has caught up with simulated time / pace. False: stopped.
    bool keepPace(const std::function<bool()>& shouldStop);

    std::shared_ptr<SimLab> m_lab;
    units::Seconds m_poll;
    double m_pace;
    std::chrono::steady_clock::time_point m_anchorWall{};
    double m_anchorSim = -1.0; // simulated time at m_anchorWall; < 0: not anchored yet
};

} // namespace v2gbench::sim
