#pragma once
// Driver "sim-grid" (role grid): the simulated lab's three-phase grid emulator, 0..300 V L-N,
// 45..65 Hz, list mode of up to 1000 steps timed on the lab's clock (virtual or real).
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimGrid final : public core::GridEmulator {
public:
    static constexpr double kMaxVoltage = 300.0; // V, line-to-neutral RMS
    static constexpr double kMinFrequency = 45.0;
    static constexpr double kMaxFrequency = 65.0;
    static constexpr std::size_t kMaxSequenceSteps = 1000;
    static constexpr double kMaxStepDuration = 86400.0; // s

    explicit SimGrid(std::shared_ptr<SimLab> lab, std::string instrumentName = "grid");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void apply(const core::GridSetpoint& setpoint) override;
    void off() override;
    core::GridState state() override;
    void runSequence(const std::vector<core::GridSequenceStep>& steps) override;
    bool sequenceRunning() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
