#pragma once
// The vehicle side of a GB/T 27930-2015 session (chapter 8, digest §1.4): BHM → BRM (TP) →
// BCP (TP) / BRO → BCL, BCS (TP), BSM → BST → BSD, with BEM on every receive timeout and at most
// three reconnect attempts. Clock-agnostic: fed frames and "now" in seconds, it queues the frames
// to send; nothing here touches a bus or a clock.
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/session_core.hpp"
#include "v2gbench/protocols/gbt27930/session_timing.hpp"
#include "v2gbench/protocols/gbt27930/tp_sender.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

struct BmsConfig {
    std::uint8_t batteryType = 0x03; // LFP (BRM byte 4)
    double ratedCapacityAh = 150.0;
    double ratedVoltage = 350.0;
    double maxCellVoltage = 3.65;
    double maxChargeVoltage = 420.0; // BHM and BCP
    double maxChargeCurrent = 200.0; // A, charging positive (bench sign)
    double nominalEnergyKwh = 52.5;
    double maxTemperatureC = 60.0;
    double socPercent = 50.0;
    double batteryVoltage = 360.0;
    std::string vin; // BRM VIN (17 characters); empty: the field is sent as zeros
    double demandVoltage = 400.0;
    double demandCurrent = 100.0;
    ChargeMode mode = ChargeMode::ConstantCurrent;
    // A, >= 0: V2G discharge the vehicle would allow. Kept for the bench only: the 2015 messages
    // (BCL, BCP) have no field for it, so it never reaches the wire.
    double maxDischargeCurrent = 0.0;
    // How long BEM is repeated before waiting for CRM again (the standard leaves it open).
    double reconnectDelaySeconds = 1.0;
    // Bytes the BRM transfer carries (the 2015 table: 49). A smaller number cuts the BRM short —
    // the simulated BMS's defect bms-short-brm (GB/T 34658 BP.1002); never more than 49.
    std::size_t brmLength = 49;

    // Behaviour switches for the simulated BMS's named defects (GB/T 34658 BN cases, sim/src/defects.cpp).
    // The defaults conform; each switch breaks one reaction of the vehicle to a faulty charger.
    // Charger messages read as far as they go although shorter than the 2015 table (bms-reads-short-crm,
    // bms-reads-short-cml). Conforming: none — a frame too short for its fields counts as not received.
    std::vector<std::string> shortFramesRead;
    // Waiting for CRM: a CRM whose recognition is neither 0x00 nor 0xAA starts the BRM as 0x00 would
    // (bms-crm-any-recognition). Conforming: only 0x00 starts it.
    bool anyCrmStartsBrm = false;
    // Sending BRM: a CRM whose recognition is not 0x00 is taken as 0xAA (bms-crm-nonzero-is-aa).
    // Conforming: only 0xAA ends the identification.
    bool nonZeroCrmIsRecognition = false;
    // Sending BRM: a charger silent (no CRM) for this many seconds sends the BMS back to BHM without a
    // BEM, as if it had gone (bms-silent-charger-no-bem: 2 s). Conforming: 0 (off) — the CRM(0xAA)
    // timeout runs on, and BEM reports it.
    double silentChargerRestartSeconds = 0.0;
    // Ready (BRO 0xAA): seconds without CRO (or a CML/CTS still coming) before BEM(CRO timeout), the 60 s
    // limit aside: GB/T 27930-2015's 5 s receive timeout (bms-cro-timeout-10s: 10 s).
    double croStreamTimeoutSeconds = kDefaultTimeoutSeconds;
    // The third timeout ends the session until a re-plug (GB/T 27930-2015 Fig. A.9); false: the BMS
    // reconnects for ever (bms-endless-reconnect).
    bool endsAfterThirdTimeout = true;
};

enum class BmsState {
    WaitingCrm,  // BHM, waiting for CRM 0x00
    Identifying, // BRM, waiting for CRM 0xAA
    Configuring, // BCP, waiting for CML
    Ready,       // BRO 0xAA, waiting for CRO 0xAA
    Charging,    // BCL, BCS, BSM
    Stopping,    // BST, waiting for CST
    Statistics,  // BSD, waiting for CSD
    Finished,
    Error,       // BEM after a timeout, then back to WaitingCrm
    Failed,      // third timeout: needs a re-plug
    Unplugged,   // never entered by the machine: BmsEmulator reports it before plugIn / after unplug
};
const char* toString(BmsState state);

// What the charger reported in its last CCS.
struct ChargerOutput {
    double voltage = 0.0;
    double current = 0.0; // bench sign: positive = charging
    double chargingMinutes = 0.0;
    bool permitted = false;
    double receivedAt = 0.0;
};

class BmsStateMachine {
public:
    explicit BmsStateMachine(BmsConfig config = {}, Profile profile = Profile::Tolerant);

    void onFrame(const transports::CanFrame& frame, double nowSeconds);
    void poll(double nowSeconds);
    std::vector<transports::CanFrame> takeOutgoing() { return m_core.takeOutgoing(); }

    // Volts, amperes (charging positive, >= 0). maxDischargeCurrent (A, >= 0) is kept in the
    // config but not sent: GB/T 27930-2015 cannot carry it. Throws std::invalid_argument for a
    // negative or non-finite value.
    void setDemand(double voltage, double current, ChargeMode mode, double maxDischargeCurrent = 0.0);
    void setSoc(double percent) { m_config.socPercent = percent; }
    // Ends charging from the vehicle side with BST field `bstField` set ("SOC target reached",
    // "insulation fault", ...). Throws std::invalid_argument for a name that is not a BST field.
    void stop(std::string bstField = "SOC target reached");
    // BSM "charge permitted" = 00 (forbidden) while paused, 01 again after resume(). BCL, BCS
    // and BSM keep flowing; the charger must hold its output (GB/T 27930 BSM rule).
    void pause() { m_paused = true; }
    void resume() { m_paused = false; }
    bool paused() const { return m_paused; }

    BmsState state() const { return m_state; }
    Phase phase() const;
    const BmsConfig& config() const { return m_config; }
    const std::optional<ChargerOutput>& chargerOutput() const { return m_chargerOutput; }
    unsigned timeouts() const { return m_core.timeouts(); }
    // BEM field of the last timeout ("CCS timeout"); empty before any.
    const std::string& lastTimeout() const { return m_core.lastTimeout(); }
    // The last protocol event in words: "charging", "BEM: CRO timeout", "CST received: connector
    // fault", "CEM received: BRM timeout", "BST sent: SOC target reached", ...
    const std::string& detail() const { return m_detail; }
    // True when the current state sends `message` periodically (BHM, BRM, BCP, BRO, BCL, BCS,
    // BSM, BST, BSD, BEM); lets a fault injector re-time a message without changing the machine.
    bool sendsPeriodically(std::string_view message) const;
    // A stale EV (GB/T 34658 DN.1003/DN.1004/DN.2006): once the machine is in `state` it stays
    // there, repeating that state's message, ignoring every charger message and its own timeouts.
    // nullopt: normal. Applies from the next frame or poll.
    void holdIn(std::optional<BmsState> state) { m_holdIn = state; }
    bool held() const { return m_holdIn && *m_holdIn == m_state; }

private:
    void enter(BmsState state, double now);
    void timeout(const char* bemField, double now);
    void handle(const DecodedMessage& message, double now);
    bool readsShort(const DecodedMessage& message) const; // a too-short frame a defect reads anyway
    void sendTp(const char* message, const FieldValues& values, double now);
    void sendPeriodic(double now);

    BmsConfig m_config;
    SessionCore m_core;
    TpSender m_tp;
    BmsState m_state = BmsState::WaitingCrm;
    double m_lastPeerFrame = 0.0; // last CCS / CRO, for the 1 s and 5 s frame timeouts
    Periodic m_bhm{0.25}, m_brm{0.25}, m_bcp{0.5}, m_bro{0.25}, m_bcl{0.05}, m_bcs{0.25}, m_bsm{0.25},
        m_bst{0.01}, m_bsd{0.25}, m_bem{0.25};
    std::string m_bstField;
    std::string m_detail;
    bool m_paused = false;
    std::optional<ChargerOutput> m_chargerOutput;
    std::optional<BmsState> m_holdIn;
};

} // namespace v2gbench::protocols::gbt27930
