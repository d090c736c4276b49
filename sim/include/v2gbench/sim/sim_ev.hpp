#pragma once
// Driver "sim-ev" (role ev): the simulated lab's EV emulator (connection circuit and the charging
// session with the simulated charger).
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimEv final : public core::EvEmulator {
public:
    static constexpr double kMaxVoltage = 1000.0; // V, highest demand voltage the emulator sends

    explicit SimEv(std::shared_ptr<SimLab> lab, std::string instrumentName = "ev");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void connect() override;
    void demand(const core::ChargeDemand& demand) override;
    void stop() override;
    void disconnect() override;
    core::EvStatus status() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
