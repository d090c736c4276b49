#pragma once
// Driver "sim-evse" (role evse): the charger emulator of the simulated lab — the lab's GB/T 27930
// charger state machine driven as the bench's instrument when the device under test is the
// vehicle's BMS (GB/T 34658 BP/BN cases), with declarative faults on its frames.
#include "v2gbench/core/roles/charger_emulator.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimEvse final : public core::ChargerEmulator {
public:
    explicit SimEvse(std::shared_ptr<SimLab> lab, std::string instrumentName = "evse");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void injectFault(const core::EvFault& fault) override;
    void clearFaults() override;
    core::ChargerEmulatorStatus status() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
