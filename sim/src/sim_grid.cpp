#include "v2gbench/sim/sim_grid.hpp"

#include "range_check.hpp"

namespace v2gbench::sim {

SimGrid::SimGrid(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimGrid::identity() const {
    return {detail::kManufacturer, "sim-grid 3x300V 45-65Hz", "SIM-0001", "1.0", ""};
}

core::Capabilities SimGrid::capabilities() const {
    return {core::capability::threePhase, core::capability::listMode};
}

void SimGrid::makeSafe() noexcept {
    try {
        off();
    } catch (...) { // never throws: the lab has no link to lose, but be strict about the contract
    }
}

void SimGrid::apply(const core::GridSetpoint& setpoint) {
    detail::requireRange(m_name, "voltage", setpoint.voltage.value, 0.0, kMaxVoltage, "V");
    detail::requireRange(m_name, "frequency", setpoint.frequency.value, kMinFrequency, kMaxFrequency, "Hz");
    m_lab->withPlant([&](Plant& p) { p.gridApply(setpoint.voltage, setpoint.frequency); });
}

void SimGrid::off() {
    m_lab->withPlant([](Plant& p) { p.gridOff(); });
}

core::GridState SimGrid::state() {
    return m_lab->withPlant([](Plant& p) { return p.gridState(); });
}

void SimGrid::runSequence(const std::vector<core::GridSequenceStep>& steps) {
    // Check every step before the plant is touched.
    if (steps.empty()) throw core::CapabilityError(m_name + ": empty sequence");
    if (steps.size() > kMaxSequenceSteps)
        throw core::CapabilityError(m_name + ": sequence of " + std::to_string(steps.size()) + " steps exceeds " +
                                    std::to_string(kMaxSequenceSteps));
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        const std::string what = "step " + std::to_string(i + 1) + " ";
        if (!(s.duration.value > 0.0))
            throw core::CapabilityError(m_name + ": " + what + "duration " + detail::formatNumber(s.duration.value) +
                                        " s is not positive");
        detail::requireRange(m_name, (what + "duration").c_str(), s.duration.value, 0.0, kMaxStepDuration, "s");
        detail::requireRange(m_name, (what + "voltage").c_str(), s.voltage.value, 0.0, kMaxVoltage, "V");
        detail::requireRange(m_name, (what + "frequency").c_str(), s.frequency.value, kMinFrequency, kMaxFrequency,
                             "Hz");
    }
    m_lab->withPlant([&](Plant& p) {
        // A ramp starts from the present output (the grid at 0 V / its last frequency when off).
        const auto now = p.gridState();
        double v = now.outputOn ? now.voltage.value : 0.0;
        double f = now.frequency.value > 0.0 ? now.frequency.value : steps.front().frequency.value;
        std::vector<GridSegment> segments;
        segments.reserve(steps.size());
        for (const auto& s : steps) {
            const double v0 = s.ramp ? v : s.voltage.value;
            const double f0 = s.ramp ? f : s.frequency.value;
            segments.push_back({s.duration.value, v0, s.voltage.value, f0, s.frequency.value});
            v = s.voltage.value;
            f = s.frequency.value;
        }
        p.gridRunSchedule(std::move(segments));
    });
}

bool SimGrid::sequenceRunning() {
    return m_lab->withPlant([](Plant& p) { return p.gridScheduleRunning(); });
}

} // namespace v2gbench::sim
