#include "v2gbench/protocols/gbt27930/charger_state_machine.hpp"

#include "v2gbench/protocols/gbt27930/session_fields.hpp"

#include <algorithm>
#include <cmath>
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

ChargerStateMachine::ChargerStateMachine(ChargerConfig config, Profile profile)
    : m_config(std::move(config)), m_core(profile), m_tp(kChargerAddress) {}

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
    m_cstField = std::move(cstField);
    if (m_state != ChargerState::Finished && m_state != ChargerState::Failed && m_state != ChargerState::Stopping)
        enter(ChargerState::Stopping, m_core.now());
}

void ChargerStateMachine::enter(ChargerState state, double now) {
    if (state == ChargerState::Charging) {
        m_chargingStarted = now;
        m_lastEnergyUpdate = now;
    }
    if (state == ChargerState::Stopping) m_bstSeen = false;
    m_state = state;
    m_lastBcl = m_lastBcs = m_lastBro = now;
    m_core.entered(now, {&m_chm, &m_crm, &m_cts, &m_cml, &m_cro, &m_ccs, &m_cst, &m_cem});
}

void ChargerStateMachine::timeout(const char* cemField, double now) {
    const bool last = m_core.countTimeout(cemField);
    enter(last ? ChargerState::Failed : ChargerState::Error, now);
    // Error repeats CEM periodically; a failed session still sends one, so the BMS learns why.
    if (last) m_core.sendStatus("CEM", cemField, now);
}

void ChargerStateMachine::onFrame(const transports::CanFrame& received, double now) {
    if (m_core.advance(now)) enter(m_state, now);
    transports::CanFrame frame = received;
    frame.timestamp = toMicros(now);
    TpOutput tp = m_tp.onFrame(frame);
    for (auto& out : tp.frames) m_core.send(out, now);
    if (tp.message) {
        if (const MessageSpec* spec = findMessage(tp.message->pgn)) {
            J1939Id id = nominalId(*spec);
            handle(m_core.codec().decode(*spec, tp.message->data, id), now);
        }
    }
    if (!frame.extended || J1939Id::fromCanId(frame.id).source != kBmsAddress) return;
    if (auto message = m_core.codec().decode(frame); message && message->spec) handle(*message, now);
}

void ChargerStateMachine::handle(const DecodedMessage& m, double now) {
    if (is(m, "BEM")) {
        // The BMS timed out: restart recognition (Figs. A.11/A.12). Repeated BEMs of the same
        // episode arrive while we already send CRM 0x00 and are not counted again.
        if (m_state != ChargerState::Handshake && m_state != ChargerState::Recognition &&
            m_state != ChargerState::Error && m_state != ChargerState::Failed && m_state != ChargerState::Finished) {
            const bool last = m_core.countTimeout("BMS BEM");
            enter(last ? ChargerState::Failed : ChargerState::Recognition, now);
        }
        return;
    }
    if (is(m, "BCS")) m_soc = fieldValue(m, "SOC");
    switch (m_state) {
    case ChargerState::Handshake:
        // A 2011 BMS sends no BHM and answers CRM directly; BRM also ends the handshake.
        if (is(m, "BHM")) enter(ChargerState::Recognition, now);
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
            if (fieldValue(m, "BMS ready") == 0xAA) enter(ChargerState::Ready, now);
        }
        break;
    case ChargerState::Ready:
    case ChargerState::Charging:
        if (is(m, "BCL")) {
            m_demand = VehicleDemand{fieldValue(m, "voltage demand"), fieldValue(m, "current demand"),
                                     static_cast<ChargeMode>(fieldValue(m, "mode", 0x02)), now};
            if (m_state == ChargerState::Ready) enter(ChargerState::Charging, now);
            m_lastBcl = now;
        } else if (is(m, "BCS")) {
            m_lastBcs = now;
        } else if (is(m, "BST")) {
            m_cstField = "stopped by BMS";
            enter(ChargerState::Stopping, now);
            m_bstSeen = true;
        }
        break;
    case ChargerState::Stopping:
        if (is(m, "BST")) m_bstSeen = true;
        else if (is(m, "BSD")) {
            m_core.send("CSD", FieldValues()
                                                .set("charging time", std::min(600.0, std::floor((now - m_chargingStarted) / 60.0)))
                                                .set("output energy", m_energyKwh)
                                                .set("charger number", m_config.chargerNumber),
                 now);
            enter(ChargerState::Finished, now);
        }
        break;
    case ChargerState::Finished:
        // The CSD was lost if BSD comes again: answer it again rather than stay silent.
        if (is(m, "BSD"))
            m_core.send("CSD", FieldValues()
                                                .set("output energy", m_energyKwh)
                                                .set("charger number", m_config.chargerNumber),
                 now);
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
    case ChargerState::Handshake: break;
    case ChargerState::Recognition:
        if (inState >= kDefaultTimeoutSeconds) return timeout("BRM timeout", now);
        break;
    case ChargerState::WaitingBcp:
        if (inState >= kDefaultTimeoutSeconds) return timeout("BCP timeout", now);
        break;
    case ChargerState::Configuring:
        if (inState >= kReadyTimeoutSeconds || now - m_lastBro >= kDefaultTimeoutSeconds)
            return timeout("BRO timeout", now);
        break;
    case ChargerState::Ready:
        if (inState >= kDefaultTimeoutSeconds) return timeout("BCL timeout", now);
        break;
    case ChargerState::Charging:
        if (now - m_lastBcl >= kBclTimeoutSeconds) return timeout("BCL timeout", now);
        if (now - m_lastBcs >= kDefaultTimeoutSeconds) return timeout("BCS timeout", now);
        // Energy for CSD: the reported output integrated over the bench's own polling.
        m_energyKwh += m_outputVoltage * std::max(0.0, m_outputCurrent) * (now - m_lastEnergyUpdate) / 3.6e6;
        m_lastEnergyUpdate = now;
        break;
    case ChargerState::Stopping:
        if (!m_bstSeen && inState >= kDefaultTimeoutSeconds) return timeout("BST timeout", now);
        if (inState >= kStatisticsTimeoutSeconds) return timeout("BSD timeout", now);
        break;
    case ChargerState::Error:
        if (inState >= m_config.reconnectDelaySeconds) {
            enter(ChargerState::Recognition, now);
            return;
        }
        break;
    case ChargerState::Finished:
    case ChargerState::Failed: break;
    }
    sendPeriodic(now);
}

void ChargerStateMachine::sendPeriodic(double now) {
    const ChargerConfig& c = m_config;
    switch (m_state) {
    case ChargerState::Handshake:
        if (m_chm.due(now)) m_core.send("CHM", FieldValues().set("protocol version", "V1.1"), now);
        break;
    case ChargerState::Recognition:
    case ChargerState::WaitingBcp:
        if (m_crm.due(now))
            m_core.send("CRM", FieldValues()
                                                .set("recognition", m_state == ChargerState::WaitingBcp ? 0xAA : 0x00)
                                                .set("charger number", c.chargerNumber),
                 now);
        break;
    case ChargerState::Configuring:
        // No wall clock here (clock-agnostic): CTS carries a fixed time; the bench may replace it.
        if (m_cts.due(now))
            m_core.send("CTS", FieldValues()
                                                .set("second", 0.0)
                                                .set("minute", 0.0)
                                                .set("hour", 12)
                                                .set("day", 1)
                                                .set("month", 1)
                                                .set("year", 2025),
                 now);
        if (m_cml.due(now))
            m_core.send("CML", FieldValues()
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
        if (m_ccs.due(now))
            m_core.send("CCS",
                                     FieldValues()
                                         .set("output voltage", m_outputVoltage)
                                         .set("output current", m_outputCurrent)
                                         .set("charging time", std::min(600.0, std::floor((now - m_chargingStarted) / 60.0)))
                                         .set("charging permitted", 1),
                 now);
        break;
    case ChargerState::Stopping:
        if (m_cst.due(now)) m_core.sendStatus("CST", m_cstField, now);
        break;
    case ChargerState::Error:
        if (m_cem.due(now)) m_core.sendStatus("CEM", m_core.lastTimeout(), now);
        break;
    case ChargerState::Finished:
    case ChargerState::Failed: break;
    }
}

} // namespace v2gbench::protocols::gbt27930
