#pragma once
// Driver "sim-ev" (role ev): the simulated lab's EV emulator — a GB/T 27930 BMS emulator on the
// lab's CAN bus (the protocol library's BmsEmulator) and the vehicle side of the connection
// circuit. Declarative protocol faults, pause/resume, CC1 and switch S are supported.
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
    void pause() override;
    void resume() override;
    void injectFault(const core::EvFault& fault) override;
    void clearFaults() override;
    void setSwitchS(bool closed) override;
    void setCc1(const core::Cc1Setting& setting) override;
    void setContactorsWelded(bool welded) override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
