#pragma once
// Driver "sim-dut" (role dut): the simulated charger's own control interface (ratings, grid-side
// power dispatch, status) and its declared-fault test mode (capability declared-faults).
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimDut final : public core::ChargerControl {
public:
    explicit SimDut(std::shared_ptr<SimLab> lab, std::string instrumentName = "dut");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    core::DutRatings ratings() override;
    void dispatchPower(units::Watts setpoint) override;
    void releaseDispatch() override;
    core::ChargerStatus status() override;
    void triggerDeclaredFault(core::DeclaredFault fault) override;
    void clearDeclaredFault() override;
    void operatorStop() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
