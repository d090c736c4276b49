#pragma once
// Driver "v2gbench-ev-scpi" (role ev): our EV emulator's SCPI command set (no vendor publishes
// one; sim/wire/scpi/README.md documents it). demand() travels as one message using SCPI's
// relative headers: "EV:DEM:VOLT 450;CURR 30;MODE CC;DISC 0". Optional features (capabilities
// ev-pause, protocol-faults, connection-circuit): EV:PAUS / EV:RES, EV:FAUL:ADD / EV:FAUL:CLE,
// EV:SWIT:S, EV:CC1 / EV:CC1:VOLT. A fault the emulator refuses (-224 in its error queue) becomes a
// CapabilityError naming the instrument and the emulator's reason.
#include "v2gbench/core/capabilities.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

namespace v2gbench::drivers::scpi {

class ScpiEvEmulator final : public core::EvEmulator {
public:
    ScpiEvEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options);

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override {
        return {core::capability::demandControl, core::capability::evPause, core::capability::protocolFaults,
                core::capability::connectionCircuit, core::capability::vehicleContactors};
    }
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

    // The EV:FAULt:ADD parameters for a fault (sim/wire/scpi/README.md); members at their
    // default are left out.
    static std::string faultParameters(const core::EvFault& fault);

    transports::ScpiSession& session() { return m_session; }

private:
    const transports::ScpiDialect& m_dialect;
    transports::ScpiSession m_session;
    core::InstrumentIdentity m_identity;
};

} // namespace v2gbench::drivers::scpi
