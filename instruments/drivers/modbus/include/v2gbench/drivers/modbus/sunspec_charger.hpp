#pragma once
// Driver "sunspec-charger" (role dut): a bidirectional charger's SunSpec Modbus interface.
// Discovery walks the model chain from the "SunS" marker at 40000 (then 0, then 50000).
// Models used (offsets from the model's ID register; layout in sim/wire/modbus/README.md):
//   1   Common: identity (Mn, Md, Vr, SN). Required.
//   702 DERCapacity: WChaRteMaxRtg / WDisChaRteMaxRtg (W_SF), VNomRtg (V_SF) -> DutRatings.
//   701 DERMeasureAC: ACType, InvSt, W (W_SF), MnAlrmInfo -> status().
//   704 DERCtlAC: WSetEna, WSetMod, WSet (int32, WSet_SF) -> dispatchPower()/releaseDispatch().
//   715 DERCtl: ControllerHb (uint32), written on every call as the controller heartbeat.
// Sign convention: SunSpec DER models count active power positive when injected into the grid
// (EV discharge) and negative when absorbed; the bench counts charging positive. The driver
// negates in both directions: WSet = -setpoint, reportedPower = -W.
// Ratings SunSpec does not carry (DC voltage/current range) keep the session's DUT profile values.
#include "v2gbench/core/roles/charger_control.hpp"
#include "v2gbench/transports/modbus_session.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::drivers::modbus {

struct SunSpecModel {
    int id = 0;
    int address = 0; // of the ID register
    int length = 0;  // L: registers after the ID and L registers
};

class SunSpecCharger : public core::ChargerControl {
public:
    // Connects, discovers the models, reads identity, ratings and scale factors. `profile` gives
    // the ratings SunSpec does not report. Throws core::InstrumentError.
    SunSpecCharger(std::string instrumentName, transports::ModbusSettings settings, core::ExchangeLog* log,
                   core::DutRatings profile = {});

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;
    core::DutRatings ratings() override { return m_ratings; }
    void dispatchPower(units::Watts setpoint) override;
    void releaseDispatch() override;
    core::ChargerStatus status() override;

    int baseAddress() const { return m_base; }
    const std::vector<SunSpecModel>& models() const { return m_models; }
    std::optional<SunSpecModel> model(int id) const;
    // Writes the next controller heartbeat to model 715 (no-op without it); returns the value.
    std::uint32_t heartbeat();

private:
    template <class F> decltype(auto) exchange(F&& f);
    void discover();
    void readIdentityAndRatings();

    std::string m_name;
    std::unique_ptr<transports::ModbusSession> m_session;
    core::InstrumentIdentity m_identity;
    core::DutRatings m_ratings;
    int m_base = -1;
    std::vector<SunSpecModel> m_models;
    int m_acType = -1;
    int m_measureWsf = 0;  // 701 W_SF
    int m_wsetSf = 0;      // 704 WSet_SF
    std::uint32_t m_heartbeat = 0;
};

} // namespace v2gbench::drivers::modbus
