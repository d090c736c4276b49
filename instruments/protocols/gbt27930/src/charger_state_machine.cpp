#include "v2gbench/protocols/gbt27930/charger_state_machine.hpp"

#include "v2gbench/protocols/gbt27930/session_fields.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace v2gbench::protocols::gbt27930 {

const char* toString(ChargerState state) {
    switch (state) {
    case ChargerState::Handshake: return "handshake (CHM)";
    case ChargerState::Recognition: return "recognition (CRM 0x00)";
    case ChargerState::WaitingBcp: return "recognised (CRM 0xAA)";
    case ChargerState::Configuring: return "configuring (CTS/CML)";
    case ChargerState::Ready: return "ready (CRO)";
    case ChargerState::Charging: return "charging";
    case ChargerState::Stopping: return "stopping (CST)";
    case ChargerState::Finished: return "finished";
    case ChargerState::Error: return "error (CEM)";
    case ChargerState::Failed: return "failed";
    }
    return "?";
}

namespace {

double validPeriod(const char* name, double seconds) {
    if (!(seconds > 0.0) || !std::isfinite(seconds))
        throw std::invalid_argument(std::string("ChargerConfig.") + name + " must be a positive number of seconds, not " +
                                    std::to_string(seconds));
    return seconds;
}

// BSM status fields whose non-normal value makes the charger stop (digest §1.3 BSM rule).
constexpr const char* kBsmFaultFields[] = {"cell voltage", "SOC",        "over-current",
                                           "over-temperature", "insulation", "output connector"};

} // namespace

ChargerStateMachine::ChargerStateMachine(ChargerConfig config, Profile profile)
    : m_config(std::move(config)), m_core(profile), m_tp(kChargerAddress), m_cro(validPeriod("croPeriod", m_config.croPeriod)),
      m_ccs(validPeriod("ccsPeriod", m_config.ccsPeriod)) {}

Phase ChargerStateMachine::phase() const {
    switch (m_state) {
    case ChargerState::Handshake:
    case ChargerState::Recognition: return Phase::Handshake;
    case ChargerState::WaitingBcp:
    case ChargerState::Configuring:
    case ChargerState::Ready: return Phase::Configuration;
    case ChargerState::Charging:
    case ChargerState::Stopping: return Phase::Charging;
    case ChargerState::Finished: return Phase::End;
    case ChargerState::Error:
    case ChargerState::Failed: return Phase::Unknown;
    }
    return Phase::Unknown;
}

void ChargerStateMachine::setOutput(double voltage, double current) {
    m_outputVoltage = voltage;
    m_outputCurrent = current;
}

void ChargerStateMachine::stop(std::string cstField) {
    requireStatusField("CST", cstField);
    if (m_state == ChargerState::Finished || m_state == ChargerState::Failed || m_state == ChargerState::Stopping)
        return;
    m_cstField = std::move(cstField);
    enter(ChargerState::Stopping, m_core.now());
}

void ChargerStateMachine::enter(ChargerState state, double now) {
    if (state == ChargerState::Charging) {
        m_chargingStarted = now;
        m_lastEnergyUpdate = now;
    }
    if (state == ChargerState::Ready) {
        m_pausedByBms = false;
        m_bclSeen = m_bcsSeen = false;
    }
    if (state == ChargerState::Configuring) m_broReady = false;
    if (state == ChargerState::Stopping) {
        m_bstSeen = false;
        m_cstSent = false;
    }
    m_state = state;
    m_lastBcl = m_lastBcs = m_lastBro = now;
    m_core.entered(now, {&m_chm, &m_crm, &m_cts, &m_cml, &m_cro, &m_ccs, &m_cst, &m_cem});
}

std::string ChargerStateMachine::cemFieldOnWire(const std::string& reason) const {
    if (m_config.correctCemBits) return reason;
    // The defect: the bit of the next CEM field in the table (wrapping), never the intended one.
    const auto fields = findMessage("CEM")->fields;
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (reason == fields[i].name) return fields[(i + 1) % fields.size()].name;
    return fields.front().name;
}

void ChargerStateMachine::timeout(const char* cemField, double now) {
    const bool last = m_core.countTimeout(cemField);
    enter(last ? ChargerState::Failed : ChargerState::Error, now);
    // Error repeats CEM periodically; a failed session still sends one, so the BMS learns why.
    if (last) m_core.sendStatus("CEM", cemFieldOnWire(cemField), now);
}

void ChargerStateMachine::onFrame(const transports::CanFrame& received, double now) {
    if (m_core.advance(now)) enter(m_state, now);
    transports::CanFrame frame = received;
    frame.timestamp = toMicros(now);
    TpOutput tp = m_tp.onFrame(frame);
    for (auto& out : tp.frames) m_core.send(out, now);
    if (!m_config.crmAaAfterBrmComplete && m_state == ChargerState::Recognition && frame.extended) {
        // Defect: recognise the vehicle on the BRM announcement, not on the BRM itself.
        const J1939Id id = J1939Id::fromCanId(frame.id);
        if (id.pgn == kPgnTpCm && id.source == kBmsAddress)
            if (auto cm = parseTpCm(frame); cm && cm->control == TpControl::Rts && cm->pgn == findMessage("BRM")->pgn) {
                enter(ChargerState::WaitingBcp, now);
                m_crm.due(now);
                sendCrm(now);
            }
    }
    if (tp.message) {
        if (const MessageSpec* spec = findMessage(tp.message->pgn)) {
            J1939Id id = nominalId(*spec);
            DecodedMessage message = m_core.codec().decode(*spec, tp.message->data, id);
            if (message.ok()) handle(message, now);
        }
    }
    if (!frame.extended || J1939Id::fromCanId(frame.id).source != kBmsAddress) return;
    // A malformed message (too short for its fields) counts as not received.
    if (auto message = m_core.codec().decode(frame); message && message->spec && message->ok()) handle(*message, now);
}

void ChargerStateMachine::onBsm(const DecodedMessage& m, double now) {
    for (const char* field : kBsmFaultFields) {
        if (!m_config.honourBsmFaults) break;
        const double raw = fieldValue(m, field, 0.0);
        // kHighLow: 1 too high, 2 too low; kFault: 1 fault, 2 not credible (keep the last state).
        const bool highLow = std::string_view(field) == "cell voltage" || std::string_view(field) == "SOC";
        if (raw == 1 || (highLow && raw == 2)) {
            m_cstField = "fault stop";
            enter(ChargerState::Stopping, now);
            return;
        }
    }
    // Annex C.3: "not credible" (10b) and "not available" keep the previous state.
    const double permitted = fieldValue(m, "charge permitted", 2.0);
    if (permitted == 0) m_pausedByBms = true;
    else if (permitted == 1) m_pausedByBms = false;
}

void ChargerStateMachine::handle(const DecodedMessage& m, double now) {
    if (is(m, "BEM")) {
        // The BMS timed out: restart recognition (Figs. A.11/A.12). Repeated BEMs of the same
        // episode arrive while we already send CRM 0x00 and are not counted again.
        if (m_state != ChargerState::Handshake && m_state != ChargerState::Recognition &&
            m_state != ChargerState::Error && m_state != ChargerState::Failed && m_state != ChargerState::Finished) {
            const bool last = m_core.countTimeout("BMS BEM");
            enter(last || !m_config.retryAfterTimeout ? ChargerState::Failed : ChargerState::Recognition, now);
        }
        return;
    }
    if (is(m, "BCS")) m_soc = fieldValue(m, "SOC");
    if (is(m, "BHM")) {
        m_limits.maxAllowedVoltage = fieldValue(m, "max charge voltage");
        m_bhmSeen = true;
    }
    if (is(m, "BCP")) {
        m_limits.maxChargeVoltage = fieldValue(m, "max charge voltage");
        m_limits.maxChargeCurrent = fieldValue(m, "max charge current");
        m_limits.batteryVoltage = fieldValue(m, "battery voltage");
    }
    switch (m_state) {
    case ChargerState::Handshake:
        if (is(m, "BHM") && (!m_config.holdForSelfCheck || m_selfCheckDone)) enter(ChargerState::Recognition, now);
        break;
    case ChargerState::Recognition:
        if (is(m, "BRM")) enter(ChargerState::WaitingBcp, now);
        break;
    case ChargerState::WaitingBcp:
        if (is(m, "BCP")) enter(ChargerState::Configuring, now);
        break;
    case ChargerState::Configuring:
        if (is(m, "BRO")) {
            m_lastBro = now;
            const bool ready = fieldValue(m, "BMS ready") == 0xAA || m_config.readyWithoutBroReady;
            if (ready) m_lastBroReady = now;
            if (ready && (!m_config.holdCroForOutput || m_outputReady)) enter(ChargerState::Ready, now);
            else if (ready) m_broReady = true; // latched: a later BRO(0x00) keeps CRO(0x00) going (amendment 1)
        }
        break;
    case ChargerState::Ready:
    case ChargerState::Charging:
        if (is(m, "BCL")) {
            m_demand = VehicleDemand{fieldValue(m, "voltage demand"), fieldValue(m, "current demand"),
                                     static_cast<ChargeMode>(fieldValue(m, "mode", 0x02)), now};
            m_bclSeen = true;
            if (m_state == ChargerState::Ready && (m_bcsSeen || m_config.startOnBclAlone))
                enter(ChargerState::Charging, now);
            m_lastBcl = now;
        } else if (is(m, "BCS")) {
            m_bcsSeen = true;
            if (m_state == ChargerState::Ready && m_bclSeen) enter(ChargerState::Charging, now);
            m_lastBcs = now;
        } else if (is(m, "BSM")) {
            onBsm(m, now);
        } else if (is(m, "BST")) {
            m_cstField = "stopped by BMS";
            enter(ChargerState::Stopping, now);
            m_bstSeen = true;
        }
        break;
    case ChargerState::Stopping:
        if (is(m, "BST")) m_bstSeen = true;
        else if (is(m, "BSD")) {
            sendCsd(now);
            m_csdSent = true;
            enter(ChargerState::Finished, now);
        }
        break;
    case ChargerState::Finished:
        // The CSD was lost if BSD comes again: answer it again rather than stay silent.
        if (is(m, "BSD")) sendCsd(now);
        break;
    case ChargerState::Error:
    case ChargerState::Failed: break;
    }
}

void ChargerStateMachine::poll(double now) {
    if (m_core.advance(now)) enter(m_state, now);
    for (auto& frame : m_tp.poll(toMicros(now)).frames) m_core.send(frame, now);
    const double inState = m_core.inState(now);
    switch (m_state) {
    case ChargerState::Handshake:
        if (m_config.holdForSelfCheck && m_bhmSeen && m_selfCheckDone) return enter(ChargerState::Recognition, now);
        break;
    case ChargerState::Recognition:
        if (inState >= kDefaultTimeoutSeconds) return timeout("BRM timeout", now);
        break;
    case ChargerState::WaitingBcp:
        if (inState >= kDefaultTimeoutSeconds) return timeout("BCP timeout", now);
        break;
    case ChargerState::Configuring:
        if (inState >= kReadyTimeoutSeconds) return timeout("BRO timeout", now);
        if (m_broReady ? now - m_lastBroReady >= m_config.broLossTimeout : now - m_lastBro >= kDefaultTimeoutSeconds)
            return timeout("BRO timeout", now);
        if (m_broReady && m_outputReady) {
            enter(ChargerState::Ready, now);
            break; // CRO 0xAA goes out below
        }
        break;
    case ChargerState::Ready:
        // GB/T 34658 DN.3001/DN.3002: no CCS before both BCL and BCS; BCL is due within its 1 s,
        // BCS within its 5 s of CRO(0xAA).
        if (!m_bclSeen && inState >= (m_config.startOnBclAlone ? kDefaultTimeoutSeconds : kBclTimeoutSeconds))
            return timeout("BCL timeout", now);
        if (!m_bcsSeen && !m_config.startOnBclAlone && inState >= kDefaultTimeoutSeconds) return timeout("BCS timeout", now);
        break;
    case ChargerState::Charging:
        if (m_config.honourBclTimeout && now - m_lastBcl >= kBclTimeoutSeconds) return timeout("BCL timeout", now);
        if (m_config.honourBcsTimeout && now - m_lastBcs >= kDefaultTimeoutSeconds) return timeout("BCS timeout", now);
        // Energy for CSD: the reported output integrated over the bench's own polling.
        if (outputPermitted())
            m_energyKwh += m_outputVoltage * std::max(0.0, m_outputCurrent) * (now - m_lastEnergyUpdate) / 3.6e6;
        m_lastEnergyUpdate = now;
        break;
    case ChargerState::Stopping:
        if (!m_bstSeen && inState >= kDefaultTimeoutSeconds) return timeout("BST timeout", now);
        if (inState >= kStatisticsTimeoutSeconds) return timeout("BSD timeout", now);
        break;
    case ChargerState::Error:
        if (inState >= m_config.reconnectDelaySeconds) {
            enter(m_config.retryAfterTimeout ? ChargerState::Recognition : ChargerState::Failed, now);
            return;
        }
        break;
    case ChargerState::Finished:
    case ChargerState::Failed: break;
    }
    sendPeriodic(now);
}

void ChargerStateMachine::sendCrm(double now) {
    m_core.send("CRM",
                FieldValues()
                    .set("recognition", m_state == ChargerState::WaitingBcp ? 0xAA : 0x00)
                    .set("charger number", m_config.chargerNumber),
                now);
}

void ChargerStateMachine::sendCsd(double now) {
    m_core.send("CSD",
                FieldValues()
                    .set("charging time", std::min(600.0, std::floor((now - m_chargingStarted) / 60.0)))
                    .set("output energy", m_energyKwh)
                    .set("charger number", m_config.chargerNumber),
                now);
}

void ChargerStateMachine::sendPeriodic(double now) {
    const ChargerConfig& c = m_config;
    switch (m_state) {
    case ChargerState::Handshake:
        if (m_chm.due(now)) m_core.send("CHM", FieldValues().set("protocol version", "V1.1"), now);
        break;
    case ChargerState::Recognition:
    case ChargerState::WaitingBcp:
        if (m_crm.due(now)) sendCrm(now);
        break;
    case ChargerState::Configuring:
        if (m_broReady) {
            // The vehicle is ready, the charger not yet (pre-charge): CRO 0x00 (GB/T 27930-2015 10.2.3).
            if (m_cro.due(now)) m_core.send("CRO", FieldValues().set("charger ready", 0.0), now);
            break;
        }
        // No wall clock here (clock-agnostic): CTS carries a fixed time; the bench may replace it.
        if (m_cts.due(now))
            m_core.send("CTS",
                        FieldValues()
                            .set("second", 0.0)
                            .set("minute", 0.0)
                            .set("hour", 12)
                            .set("day", 1)
                            .set("month", 1)
                            .set("year", 2025),
                        now);
        if (m_cml.due(now))
            m_core.send("CML",
                        FieldValues()
                            .set("max output voltage", c.maxOutputVoltage)
                            .set("min output voltage", c.minOutputVoltage)
                            .set("max output current", c.maxOutputCurrent)
                            .set("min output current", c.minOutputCurrent),
                        now);
        break;
    case ChargerState::Ready:
        if (m_cro.due(now)) m_core.send("CRO", FieldValues().set("charger ready", 0xAA), now);
        break;
    case ChargerState::Charging:
        // CCS keeps flowing while the vehicle pauses; "charging permitted" then reads 00.
        if (m_ccs.due(now))
            m_core.send("CCS",
                        FieldValues()
                            .set("output voltage", m_outputVoltage)
                            .set("output current", m_outputCurrent)
                            .set("charging time", std::min(600.0, std::floor((now - m_chargingStarted) / 60.0)))
                            .set("charging permitted", outputPermitted() ? 1 : 0),
                        now);
        break;
    case ChargerState::Stopping:
        if (m_cst.due(now) && (c.repeatCst || !m_cstSent)) {
            m_core.sendStatus("CST", m_cstField, now);
            m_cstSent = true;
        }
        break;
    case ChargerState::Error:
        if (m_cem.due(now)) m_core.sendStatus("CEM", cemFieldOnWire(m_core.lastTimeout()), now);
        break;
    case ChargerState::Finished:
    case ChargerState::Failed: break;
    }
}

} // namespace v2gbench::protocols::gbt27930
