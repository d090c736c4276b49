#pragma once
// Driver "sim-daq" (role daq): the simulated lab's acquisition unit. It acquires every channel of
// core::daqChannels() once per plant step (1 ms) on the plant's time base — the time base the
// sim-can recorder stamps frames with — keeps a 30 s memory (so pre-trigger samples exist from
// before arming), and triggers immediately, on an edge of any channel, or on a CAN frame's PGN on
// the plant's bus (capability daq-can-trigger). Sample periods: whole multiples of the plant step.
#include "v2gbench/core/roles/daq.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimDaq final : public core::Daq {
public:
    static constexpr double kMemorySeconds = 30.0;

    explicit SimDaq(std::shared_ptr<SimLab> lab, std::string instrumentName = "daq");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    std::vector<std::string> channels() const override;
    units::Seconds resolution() const override;
    core::DaqSample read() override;
    void arm(const core::DaqCaptureRequest& request) override;
    std::optional<core::DaqCapture> fetch() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
