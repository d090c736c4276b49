#include "v2gbench/sim/sim_virtual_clock.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace v2gbench::sim {

namespace {
constexpr auto kMaxHold = std::chrono::milliseconds(20); // shouldStop is polled at least this often
constexpr double kMaxLagSeconds = 0.25;                  // further behind: re-anchor instead of racing
} // namespace

SimVirtualClock::SimVirtualClock(std::shared_ptr<SimLab> lab, units::Seconds pollInterval, double pace)
    : m_lab(std::move(lab)), m_poll(pollInterval), m_pace(pace) {
    if (!(m_pace >= 0.0) || !std::isfinite(m_pace)) throw std::invalid_argument("sim.pace must be 0 or positive");
}

double SimVirtualClock::parsePace(const std::string& text) {
    if (text.empty() || text == "max" || text == "0") return 0.0;
    std::size_t used = 0;
    double v = 0.0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || !(v > 0.0) || !std::isfinite(v))
        throw std::invalid_argument("sim.pace: '" + text + "' is not a pace (0 or max = as fast as possible, 1 = real time, 10 = ten times)");
    return v;
}

std::string SimVirtualClock::formatPace(double pace) {
    if (pace == 0.0) return "max";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", pace);
    return buf;
}

units::Seconds SimVirtualClock::now() const {
    return m_lab->now();
}

bool SimVirtualClock::keepPace(const std::function<bool()>& shouldStop) {
    const auto wallNow = std::chrono::steady_clock::now();
    const double sim = m_lab->now().value;
    if (m_anchorSim < 0.0) {
        m_anchorSim = sim;
        m_anchorWall = wallNow;
    }
    const auto due = m_anchorWall + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>((sim - m_anchorSim) / m_pace));
    if (wallNow - due > std::chrono::duration<double>(kMaxLagSeconds)) {
        m_anchorSim = sim; // the machine could not keep up: continue from here, do not race
        m_anchorWall = wallNow;
        return true;
    }
    // Pacing is the purpose here: hold the bench thread in short slices so a stop is seen quickly.
    while (std::chrono::steady_clock::now() < due) {
        if (shouldStop && shouldStop()) return false;
        std::this_thread::sleep_until(std::min(due, std::chrono::steady_clock::now() + kMaxHold));
    }
    return true;
}

units::Seconds SimVirtualClock::waitFor(units::Seconds d, const std::function<bool()>& shouldStop) {
    if (m_pace <= 0.0) return m_lab->advance(d, shouldStop, m_poll);
    double done = 0.0;
    while (done < d.value - 1e-12) {
        const double slice = std::min(m_poll.value, d.value - done);
        const auto advanced = m_lab->advance(units::Seconds(slice), shouldStop, m_poll);
        done += advanced.value;
        if (advanced.value < slice * (1.0 - 1e-9)) break; // stopped
        if (!keepPace(shouldStop)) break;
    }
    return units::Seconds(done);
}

} // namespace v2gbench::sim
