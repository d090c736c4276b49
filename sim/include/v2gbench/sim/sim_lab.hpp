#pragma once
// The simulated lab of one bench session: the plant, the lock that serialises access to it (the
// bench thread drives it, a GUI thread may read snapshots) and its time base. Time runs in one of
// two modes:
// - virtual (default): lab time moves only through advance(), called by SimVirtualClock;
// - following a clock (SimRealtimeClock): before every access the plant is stepped up to that
//   clock's now(), so it runs in real time however rarely the drivers look at it.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/dut_ratings.hpp"
#include "v2gbench/core/session_context.hpp"
#include "v2gbench/sim/plant.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace v2gbench::sim {

class SimLab {
public:
    // Throws std::invalid_argument for an unknown defect (see defects.hpp).
    explicit SimLab(const core::DutRatings& dut, const std::string& defect = {}, std::uint64_t seed = 1,
                    const PlantParameters& base = {});

    // The session's lab (key "sim.lab"), created on first use from session.dut and the settings
    // "sim.defect" (empty = conforming), "sim.rack_fault" (empty = none) and "sim.seed" (default
    // "1"). Throws std::invalid_argument for an unknown defect or rack fault, or a seed that is not
    // an unsigned integer.
    static std::shared_ptr<SimLab> forSession(core::SessionContext& session);

    const core::DutRatings& ratings() const { return m_ratings; }
    const std::string& defect() const { return m_defect; }
    // The lab's own instrument fault (setting "sim.rack_fault", rack_faults.hpp); empty: none.
    const std::string& rackFault() const { return m_rackFault; }
    std::uint64_t seed() const { return m_seed; }

    // Lab time (seconds since the lab was made, or since the followed clock's epoch shifted to
    // continue from the time already simulated).
    units::Seconds now() const;

    // Runs f(Plant&) under the lock, after bringing the plant up to the lab's time.
    // f must not call back into the lab.
    template <class F> decltype(auto) withPlant(F&& f) {
        std::lock_guard lock(m_mutex);
        syncLocked();
        return std::forward<F>(f)(m_plant);
    }

    PlantSnapshot snapshot();

    // Observers of every plant step (hardware-timed acquisition on the wire: a DAQ samples each
    // step, however rarely clients look). Each runs under the lab's lock after each step, while
    // the lab catches up; it must be quick and must not call back into the lab. Thread-safe;
    // after removeStepObserver() returns the observer does not run again.
    using StepObserver = std::function<void(const Plant&)>;
    std::uint64_t addStepObserver(StepObserver observer);
    void removeStepObserver(std::uint64_t id);

    // Virtual time: advances lab time by d in slices of at most poll, stepping the plant, and
    // polls shouldStop (without holding the lock, so it may read the instruments) before each
    // slice. Returns the time actually advanced.
    units::Seconds advance(units::Seconds d, const std::function<bool()>& shouldStop, units::Seconds poll);

    // Follows source's time from now on (nullptr: back to virtual time). Lab time continues
    // from where it is.
    void followClock(std::shared_ptr<const core::Clock> source);
    // Back to virtual time, but only if source is the clock followed now.
    void stopFollowing(const core::Clock* source);
    bool followsClock() const;

private:
    static std::int64_t toNs(double seconds);
    void syncLocked();
    void advanceToLocked(std::int64_t ns);

    core::DutRatings m_ratings;
    std::string m_defect;
    std::string m_rackFault;
    std::uint64_t m_seed;
    mutable std::mutex m_mutex;
    Plant m_plant;
    std::int64_t m_stepNs;
    std::atomic<std::int64_t> m_timeNs{0};
    std::shared_ptr<const core::Clock> m_source; // guarded by m_mutex
    std::vector<std::pair<std::uint64_t, StepObserver>> m_observers; // guarded by m_mutex
    std::uint64_t m_nextObserver = 1;
    std::int64_t m_sourceOffsetNs = 0;
};

} // namespace v2gbench::sim
