#pragma once
// The charger side of a GB/T 27930-2015 session (chapter 8, digest §1.4): CHM → CRM 0x00/0xAA
// (receiving BRM by TP) → CTS/CML (receiving BCP) → CRO → CCS while BCL/BCS/BSM arrive →
// CST → CSD, with CEM on every receive timeout and at most three reconnect attempts.
// Clock-agnostic: fed frames and "now" in seconds, it queues the frames to send.
// Also: BSM pause/resume (outputPermitted()), BSM fault → CST "fault stop", BST → CST
// "stopped by BMS" → CSD after BSD, and the behaviour knobs of ChargerConfig that the simulated
// charger exposes as named defects (the defaults conform).
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/session_core.hpp"
#include "v2gbench/protocols/gbt27930/session_timing.hpp"
#include "v2gbench/protocols/gbt27930/tp_receiver.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

struct ChargerConfig {
    std::uint32_t chargerNumber = 1;
    double maxOutputVoltage = 750.0;
    double minOutputVoltage = 200.0;
    double maxOutputCurrent = 250.0; // A, charging positive (bench sign)
    double minOutputCurrent = 0.0;
    // How long CEM is repeated before the handshake restarts with CRM 0x00 (left open by the text).
    double reconnectDelaySeconds = 1.0;

    // Behaviour knobs. Defaults conform to GB/T 27930-2015 / GB/T 34658; each one changed is a
    // defect the bench must detect.
    double ccsPeriod = 0.05;          // s, CCS period (> 0); a charger seen in the field used 0.069
    bool honourBclTimeout = true;     // false: BCL missing > 1 s is ignored and charging continues
    bool correctCemBits = true;       // false: every CEM sets the bit of the next CEM field in the
                                      // table ("BCL timeout" → "BST timeout", "other" → "BRM timeout")
    bool crmAaAfterBrmComplete = true;// false: CRM 0xAA goes out when the BRM RTS arrives, before the
                                      // transfer completes (EndOfMsgAck)
    bool retryAfterTimeout = true;    // false: after the first timeout (or BEM) the charger sends CEM
                                      // for the reconnect delay and then gives up (Failed): no CRM 0x00
    bool repeatCst = true;            // false: CST is sent once; conforming: every 10 ms until BSD
                                      // (GB/T 34658 amendment 1, DN.4002)
    // After the first BRO(0xAA) the charger repeats CRO(0x00) while it prepares; when BRO(0xAA)
    // stops (or turns 0x00) it takes the error path this long after the last BRO(0xAA)
    // (GB/T 34658 amendment 1, DN.2007-DN.2009: 5 s). A defect waits for the 60 s limit instead.
    double broLossTimeout = 5.0;
    // false (conforming, GB/T 34658 DN.3001/DN.3002): CCS starts only once both BCL and BCS
    // arrived after CRO(0xAA); the first BCL is due within 1 s, the first BCS within 5 s.
    // true (defect): the first BCL alone starts charging and the first BCL may take 5 s.
    bool startOnBclAlone = false;
    bool readyWithoutBroReady = false; // true: a BRO(0x00) counts as ready (CRO 0xAA while the BMS is not)
    double croPeriod = 0.25;           // s, CRO period (> 0)
    bool honourBcsTimeout = true;      // false: BCS missing > 5 s while charging is ignored
    bool honourBsmPause = true;        // false: BSM "charge permitted = 00" does not hold the output
    bool honourBsmFaults = true;       // false: BSM fault fields do not stop the charger

    // Hooks for a charger with hardware (GB/T 18487.1-2015 Annex B): the hardware sequence says
    // when the protocol may go on. Off (default): the protocol alone decides.
    // holdForSelfCheck: after BHM the charger keeps sending CHM until setSelfCheckDone() (the
    // insulation check runs between BHM and CRM 0x00, GB/T 34657.1 D0.2001).
    // holdCroForOutput: after BRO 0xAA the charger sends CRO 0x00 until setOutputReady() (pre-charge
    // done and K1/K2 closed, D0.3001), then CRO 0xAA.
    bool holdForSelfCheck = false;
    bool holdCroForOutput = false;
};

// What the vehicle told the charger about its limits (nullopt until the message arrived).
struct VehicleLimits {
    std::optional<double> maxAllowedVoltage; // V, BHM "max charge voltage"
    std::optional<double> maxChargeVoltage;  // V, BCP "max charge voltage"
    std::optional<double> maxChargeCurrent;  // A, BCP "max charge current", charging positive
    std::optional<double> batteryVoltage;    // V, BCP "battery voltage" (present total voltage)
};

enum class ChargerState {
    Handshake,   // CHM, waiting for BHM
    Recognition, // CRM 0x00, waiting for BRM
    WaitingBcp,  // CRM 0xAA, waiting for BCP
    Configuring, // CTS/CML, waiting for BRO 0xAA
    Ready,       // CRO 0xAA, waiting for the first BCL
    Charging,    // CCS while BCL/BCS arrive
    Stopping,    // CST, waiting for BST and BSD
    Finished,    // CSD sent
    Error,       // CEM after a timeout, then back to Recognition
    Failed,      // third timeout (or retryAfterTimeout off): needs a re-plug
};
const char* toString(ChargerState state);

// The vehicle's last BCL.
struct VehicleDemand {
    double voltage = 0.0;
    double current = 0.0; // bench sign: positive = charging
    ChargeMode mode = ChargeMode::ConstantCurrent;
    double receivedAt = 0.0;
};

class ChargerStateMachine {
public:
    explicit ChargerStateMachine(ChargerConfig config = {}, Profile profile = Profile::Tolerant);

    void onFrame(const transports::CanFrame& frame, double nowSeconds);
    void poll(double nowSeconds);
    std::vector<transports::CanFrame> takeOutgoing() { return m_core.takeOutgoing(); }

    // Hardware hooks (ChargerConfig::holdForSelfCheck / holdCroForOutput).
    void setSelfCheckDone(bool done) { m_selfCheckDone = done; }
    void setOutputReady(bool ready) { m_outputReady = ready; }
    // BHM arrived in this session (the self-check may start).
    bool bhmReceived() const { return m_bhmSeen; }
    // The vehicle said BRO 0xAA and the charger holds CRO 0x00 for its output (pre-charge may start).
    bool waitingForOutput() const { return m_state == ChargerState::Configuring && m_broReady; }
    // CSD sent (the end of the session's statistics exchange; K3/K4 may open after it).
    bool csdSent() const { return m_csdSent; }

    // The measured output reported in CCS (the bench's power stage, not the demand).
    void setOutput(double voltage, double current);
    // Ends charging from the charger side with CST field `cstField` set: "manual stop", "fault
    // stop", "connector fault", "emergency stop", ... (the CST field names of message_table.cpp).
    // Throws std::invalid_argument for a name that is not a CST status field.
    void stop(std::string cstField = "manual stop");

    ChargerState state() const { return m_state; }
    Phase phase() const;
    const std::optional<VehicleDemand>& demand() const { return m_demand; }
    std::optional<double> vehicleSoc() const { return m_soc; }
    const VehicleLimits& vehicleLimits() const { return m_limits; }
    // True while Charging and the last BSM permits charging: the power stage may deliver.
    bool outputPermitted() const {
        return m_state == ChargerState::Charging && (!m_pausedByBms || !m_config.honourBsmPause);
    }
    // True while the last BSM said "charge permitted" = 00 (forbidden); CCS keeps flowing.
    bool pausedByVehicle() const { return m_pausedByBms; }
    // The CST field of the current or last stop; empty before any.
    const std::string& stopReason() const { return m_cstField; }
    const ChargerConfig& config() const { return m_config; }
    unsigned timeouts() const { return m_core.timeouts(); }
    // CEM field of the last timeout ("BCL timeout"); empty before any.
    const std::string& lastTimeout() const { return m_core.lastTimeout(); }

private:
    void enter(ChargerState state, double now);
    void timeout(const char* cemField, double now);
    void handle(const DecodedMessage& message, double now);
    void sendPeriodic(double now);
    void sendCrm(double now);
    void sendCsd(double now);
    void onBsm(const DecodedMessage& bsm, double now);
    std::string cemFieldOnWire(const std::string& reason) const;

    ChargerConfig m_config;
    SessionCore m_core;
    TpReceiver m_tp;
    ChargerState m_state = ChargerState::Handshake;
    double m_lastBcl = 0.0, m_lastBcs = 0.0, m_lastBro = 0.0;
    bool m_bstSeen = false;
    bool m_cstSent = false;
    bool m_pausedByBms = false;
    bool m_selfCheckDone = false, m_outputReady = false;
    bool m_bhmSeen = false, m_broReady = false, m_csdSent = false;
    bool m_bclSeen = false, m_bcsSeen = false; // in Ready: what arrived since CRO(0xAA)
    double m_lastBroReady = 0.0;               // in Configuring: the last BRO(0xAA)
    double m_chargingStarted = 0.0;
    double m_energyKwh = 0.0;
    double m_lastEnergyUpdate = 0.0;
    double m_outputVoltage = 0.0, m_outputCurrent = 0.0;
    Periodic m_chm{0.25}, m_crm{0.25}, m_cts{0.5}, m_cml{0.25}, m_cro, m_ccs, m_cst{0.01}, m_cem{0.25};
    std::string m_cstField;
    std::optional<VehicleDemand> m_demand;
    std::optional<double> m_soc;
    VehicleLimits m_limits;
};

} // namespace v2gbench::protocols::gbt27930
