#pragma once
// Driver "sim-fault-box" (role fault_box): the simulated lab's fault-simulation unit in the cable
// between the charger's plug and the vehicle inlet. Lines S, CC1, CC2, PE, S+, S- (open; S+/S-
// also shorted), R4 from 100 ohm to 10 kOhm in 1 ohm steps, insulation fault Rt from 1 kOhm to
// 10 MOhm in 1 ohm steps. A change reaches the plant at once; state() reads the plant back.
#include "v2gbench/core/roles/fault_box.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimFaultBox final : public core::FaultBox {
public:
    static constexpr double kR4Min = 100.0, kR4Max = 10000.0;      // ohm
    static constexpr double kRtMin = 1000.0, kRtMax = 10.0e6;      // ohm
    static constexpr double kResolution = 1.0;                     // ohm

    explicit SimFaultBox(std::shared_ptr<SimLab> lab, std::string instrumentName = "fault_box");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void setLine(core::CouplerLine line, core::LineState state) override;
    void setR4(units::Ohms resistance) override;
    void setInsulationFault(core::InsulationFaultPlace place, units::Ohms resistance) override;
    core::FaultBoxState state() override;

private:
    void requireSettable(const char* what, double ohms, double lo, double hi) const;

    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
