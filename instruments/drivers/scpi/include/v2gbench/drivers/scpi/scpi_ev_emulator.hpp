#pragma once
// Driver "v2gbench-ev-scpi" (role ev): our EV emulator's SCPI command set (no vendor publishes
// one; sim/wire/scpi/README.md documents it). demand() travels as one message using SCPI's
// relative headers: "EV:DEM:VOLT 450;CURR 30;MODE CC;DISC 0".
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

namespace v2gbench::drivers::scpi {

class ScpiEvEmulator final : public core::EvEmulator {
public:
    ScpiEvEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options);

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override { return {core::capability::demandControl}; }
    void makeSafe() noexcept override;

    void connect() override;
    void demand(const core::ChargeDemand& demand) override;
    void stop() override;
    void disconnect() override;
    core::EvStatus status() override;

    transports::ScpiSession& session() { return m_session; }

private:
    const transports::ScpiDialect& m_dialect;
    transports::ScpiSession m_session;
    core::InstrumentIdentity m_identity;
};

} // namespace v2gbench::drivers::scpi
