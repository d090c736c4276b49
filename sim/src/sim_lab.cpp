#include "v2gbench/sim/sim_lab.hpp"

#include "v2gbench/core/log.hpp"
#include "v2gbench/sim/defects.hpp"
#include "v2gbench/sim/rack_faults.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace v2gbench::sim {

namespace {

std::uint64_t parseSeed(const std::string& text) {
    std::size_t used = 0;
    unsigned long long value = 0;
    try {
        if (text.empty() || text.front() == '-') throw std::invalid_argument("sign");
        value = std::stoull(text, &used, 10);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size())
        throw std::invalid_argument("sim.seed: '" + text + "' is not an unsigned integer");
    return value;
}

} // namespace

SimLab::SimLab(const core::DutRatings& dut, const std::string& defect, std::uint64_t seed, const PlantParameters& base)
    : m_ratings(dut), m_defect(defect), m_seed(seed), m_plant(
                                                          dut,
                                                          [&] {
                                                              PlantParameters p = base;
                                                              applyDefect(defect, p);
                                                              return p;
                                                          }(),
                                                          seed),
      m_stepNs(toNs(m_plant.parameters().stepSize)) {
    if (m_stepNs <= 0) throw std::invalid_argument("sim: plant step size must be positive");
    m_plant.setVehicleDefects(vehicleDefectFaults(defect));
    core::log::info("sim",
                    "simulated lab: " + (defect.empty() ? std::string("conforming charger") : "defect " + defect) +
                        ", seed " + std::to_string(seed));
}

std::shared_ptr<SimLab> SimLab::forSession(core::SessionContext& session) {
    auto lab = session.shared<SimLab>("sim.lab", [&session] {
        const std::string rackFault = session.setting("sim.rack_fault");
        PlantParameters base;
        applyRackFault(rackFault, base);
        auto made = std::make_shared<SimLab>(session.dut, session.setting("sim.defect"),
                                             parseSeed(session.setting("sim.seed", "1")), base);
        made->m_rackFault = rackFault;
        return made;
    });
    // Read back from the plant the lab was built with (recorded whether or not they were asked
    // for: a run folder always says which charger it tested).
    session.recordApplied("sim.defect", lab->defect());
    session.recordApplied("sim.seed", std::to_string(lab->seed()));
    // A faulty rack is recorded when it was made so; a sound one adds nothing to every run folder.
    if (!lab->rackFault().empty()) session.recordApplied("sim.rack_fault", lab->rackFault());
    return lab;
}

std::int64_t SimLab::toNs(double seconds) {
    return std::llround(seconds * 1e9);
}

units::Seconds SimLab::now() const {
    {
        std::lock_guard lock(m_mutex);
        if (m_source) return units::Seconds(static_cast<double>(toNs(m_source->now().value) + m_sourceOffsetNs) * 1e-9);
    }
    return units::Seconds(static_cast<double>(m_timeNs.load()) * 1e-9);
}

void SimLab::advanceToLocked(std::int64_t ns) {
    // Whole steps only; the fraction of a step stays in lab time and is caught up later.
    const std::int64_t due = ns / m_stepNs - m_plant.stepCount();
    if (due > 0 && m_observers.empty()) m_plant.steps(due);
    for (std::int64_t i = 0; i < due && !m_observers.empty(); ++i) {
        m_plant.step();
        for (const auto& [id, observer] : m_observers)
            observer(m_plant);
    }
    if (ns > m_timeNs.load()) m_timeNs.store(ns);
}

void SimLab::syncLocked() {
    if (m_source) advanceToLocked(toNs(m_source->now().value) + m_sourceOffsetNs);
}

std::uint64_t SimLab::addStepObserver(StepObserver observer) {
    std::lock_guard lock(m_mutex);
    const std::uint64_t id = m_nextObserver++;
    m_observers.emplace_back(id, std::move(observer));
    return id;
}

void SimLab::removeStepObserver(std::uint64_t id) {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_observers, [id](const auto& entry) { return entry.first == id; });
}

PlantSnapshot SimLab::snapshot() {
    return withPlant([](Plant& p) { return p.snapshot(); });
}

units::Seconds SimLab::advance(units::Seconds d, const std::function<bool()>& shouldStop, units::Seconds poll) {
    const std::int64_t start = m_timeNs.load();
    const std::int64_t end = start + std::max<std::int64_t>(0, toNs(d.value));
    const std::int64_t slice = std::max<std::int64_t>(m_stepNs, toNs(poll.value));
    std::int64_t t = start;
    while (t < end) {
        // Polled outside the lock: the predicate typically reads an instrument of this lab.
        if (shouldStop && shouldStop()) return units::Seconds(static_cast<double>(t - start) * 1e-9);
        const std::int64_t next = std::min(end, t + slice);
        {
            std::lock_guard lock(m_mutex);
            if (m_source) {
                core::log::warning("sim", "virtual wait ignored: the lab follows a real-time clock");
                return units::Seconds(static_cast<double>(t - start) * 1e-9);
            }
            advanceToLocked(next);
        }
        t = next;
    }
    // Completed: report the duration asked for, not its nanosecond rounding. A caller that slices a
    // wait and subtracts what was waited would otherwise be left with a sub-nanosecond remainder that
    // rounds to no progress at all, forever.
    return units::Seconds(std::max(0.0, d.value));
}

void SimLab::followClock(std::shared_ptr<const core::Clock> source) {
    std::lock_guard lock(m_mutex);
    if (m_source) m_timeNs.store(toNs(m_source->now().value) + m_sourceOffsetNs);
    m_source = std::move(source);
    if (m_source) m_sourceOffsetNs = m_timeNs.load() - toNs(m_source->now().value);
}

void SimLab::stopFollowing(const core::Clock* source) {
    std::lock_guard lock(m_mutex);
    if (!m_source || m_source.get() != source) return;
    m_timeNs.store(std::max(m_timeNs.load(), toNs(m_source->now().value) + m_sourceOffsetNs));
    m_source.reset();
}

bool SimLab::followsClock() const {
    std::lock_guard lock(m_mutex);
    return m_source != nullptr;
}

} // namespace v2gbench::sim
