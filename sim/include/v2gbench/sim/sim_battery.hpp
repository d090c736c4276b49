#pragma once
// Driver "sim-battery" (role battery): the simulated lab's four-quadrant DC supply emulating the
// EV battery, 0..1000 V, 0..300 A each way.
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimBattery final : public core::BatteryEmulator {
public:
    static constexpr double kMaxVoltage = 1000.0; // V
    static constexpr double kMaxCurrent = 300.0;  // A, source and sink

    explicit SimBattery(std::shared_ptr<SimLab> lab, std::string instrumentName = "battery");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void emulate(const core::BatteryEmulation& model) override;
    void off() override;
    core::BatteryReading read() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
