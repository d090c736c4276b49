#pragma once
// Driver "itech-it6000c" (role battery): an ITECH IT6000C bidirectional DC supply emulating the
// battery in constant-voltage priority: VOLT = the open-circuit voltage at the start SoC,
// CURR:LIM:POS = the discharge limit (the supply sources), CURR:LIM:NEG = -(charge limit) (the
// supply sinks). Capacity and internal resistance are not emulated by a CV supply (the
// "battery-model" capability is not published); read().soc reports the start SoC programmed.
// Sign: the supply counts sourcing as positive; the driver returns current into the battery as
// positive (bench convention), i.e. the negated supply current.
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

namespace v2gbench::drivers::scpi {

class ItechBatteryEmulator final : public core::BatteryEmulator {
public:
    ItechBatteryEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options);

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override { return {core::capability::fourQuadrant}; }
    void makeSafe() noexcept override;

    void emulate(const core::BatteryEmulation& model) override;
    void off() override;
    core::BatteryReading read() override;

    transports::ScpiSession& session() { return m_session; }

private:
    const transports::ScpiDialect& m_dialect;
    transports::ScpiSession m_session;
    core::InstrumentIdentity m_identity;
    units::Ratio m_soc{};
};

} // namespace v2gbench::drivers::scpi
