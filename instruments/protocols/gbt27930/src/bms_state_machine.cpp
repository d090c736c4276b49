#include "v2gbench/protocols/gbt27930/bms_state_machine.hpp"

#include "v2gbench/protocols/gbt27930/session_fields.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace v2gbench::protocols::gbt27930 {

const char* toString(BmsState state) {
    switch (state) {
    case BmsState::WaitingCrm: return "waiting for CRM";
    case BmsState::Identifying: return "identifying (BRM)";
    case BmsState::Configuring: return "configuring (BCP)";
    case BmsState::Ready: return "ready (BRO)";
    case BmsState::Charging: return "charging";
    case BmsState::Stopping: return "stopping (BST)";
    case BmsState::Statistics: return "statistics (BSD)";
    case BmsState::Finished: return "finished";
    case BmsState::Error: return "error (BEM)";
    case BmsState::Failed: return "failed";
    case BmsState::Unplugged: return "unplugged";
    }
    return "?";
}

BmsStateMachine::BmsStateMachine(BmsConfig config, Profile profile)
    : m_config(std::move(config)), m_core(profile), m_tp(kBmsAddress) {}

Phase BmsStateMachine::phase() const {
    switch (m_state) {
    case BmsState::WaitingCrm:
    case BmsState::Identifying: return Phase::Handshake;
    case BmsState::Configuring:
    case BmsState::Ready: return Phase::Configuration;
    case BmsState::Charging:
    case BmsState::Stopping: return Phase::Charging;
    case BmsState::Statistics:
    case BmsState::Finished: return Phase::End;
    case BmsState::Error:
    case BmsState::Failed:
    case BmsState::Unplugged: return Phase::Unknown;
    }
    return Phase::Unknown;
}

namespace {

// "connector fault, other fault": the status fields of a decoded message that are set (01).
std::string activeFields(const DecodedMessage& m) {
    std::string out;
    for (const DecodedField& f : m.fields)
        if (f.spec && f.spec->kind == FieldKind::Status2 && f.available && f.raw == 1) {
            if (!out.empty()) out += ", ";
            out += f.name();
        }
    return out.empty() ? "no reason given" : out;
}

void requireAmperes(double value, const char* what) {
    if (!(value >= 0.0) || !std::isfinite(value))
        throw std::invalid_argument(std::string(what) + " must be a finite number of amperes >= 0, not " +
                                    std::to_string(value));
}

} // namespace

bool BmsStateMachine::sendsPeriodically(std::string_view message) const {
    switch (m_state) {
    case BmsState::WaitingCrm: return message == "BHM";
    case BmsState::Identifying: return message == "BRM";
    case BmsState::Configuring: return message == "BCP";
    case BmsState::Ready: return message == "BRO";
    case BmsState::Charging: return message == "BCL" || message == "BCS" || message == "BSM";
    case BmsState::Stopping: return message == "BST";
    case BmsState::Statistics: return message == "BSD";
    case BmsState::Error: return message == "BEM";
    case BmsState::Finished:
    case BmsState::Failed:
    case BmsState::Unplugged: return false;
    }
    return false;
}

void BmsStateMachine::setDemand(double voltage, double current, ChargeMode mode, double maxDischargeCurrent) {
    if (!(voltage >= 0.0) || !std::isfinite(voltage))
        throw std::invalid_argument("demand voltage must be a finite number of volts >= 0, not " + std::to_string(voltage));
    requireAmperes(current, "demand current");
    requireAmperes(maxDischargeCurrent, "max discharge current");
    m_config.demandVoltage = voltage;
    m_config.demandCurrent = current;
    m_config.mode = mode;
    m_config.maxDischargeCurrent = maxDischargeCurrent; // not on the wire (see BmsConfig)
}

void BmsStateMachine::stop(std::string bstField) {
    requireStatusField("BST", bstField);
    // Before charging there is nothing to stop gracefully; the request still ends the session.
    if (m_state == BmsState::Finished || m_state == BmsState::Failed || m_state == BmsState::Statistics ||
        m_state == BmsState::Stopping)
        return;
    m_bstField = std::move(bstField);
    m_detail = "BST sent: " + m_bstField;
    enter(BmsState::Stopping, m_core.now());
}

void BmsStateMachine::enter(BmsState state, double now) {
    m_state = state;
    m_lastPeerFrame = now;
    m_core.entered(now, {&m_bhm, &m_brm, &m_bcp, &m_bro, &m_bcl, &m_bcs, &m_bsm, &m_bst, &m_bsd, &m_bem});
}

void BmsStateMachine::timeout(const char* bemField, double now) {
    const bool last = m_core.countTimeout(bemField) && m_config.endsAfterThirdTimeout;
    m_detail = std::string("BEM: ") + bemField + (last ? " (third timeout: re-plug needed)" : "");
    enter(last ? BmsState::Failed : BmsState::Error, now);
    // Error repeats BEM periodically; a failed session still sends one, so the charger learns why.
    if (last) m_core.sendStatus("BEM", bemField, now);
}

void BmsStateMachine::sendTp(const char* message, const FieldValues& values, double now) {
    // One transfer at a time (GB/T is point-to-point); a period that finds the sender busy is
    // skipped rather than queued, as a real BMS would.
    if (m_tp.busy()) return;
    const MessageSpec* spec = findMessage(message);
    std::vector<std::uint8_t> data = m_core.codec().encode(message, values);
    if (spec == findMessage("BRM") && m_config.brmLength < data.size()) data.resize(m_config.brmLength);
    TpOutput out = m_tp.start(kChargerAddress, spec->pgn, std::move(data), toMicros(now));
    for (auto& frame : out.frames) m_core.send(frame, now);
}

void BmsStateMachine::onFrame(const transports::CanFrame& received, double now) {
    if (m_core.advance(now)) enter(m_state, now);
    transports::CanFrame frame = received;
    frame.timestamp = toMicros(now);
    for (auto& out : m_tp.onFrame(frame).frames) m_core.send(out, now);
    if (!frame.extended || J1939Id::fromCanId(frame.id).source != kChargerAddress) return;
    if (held()) return; // a stale EV ignores the charger (its TP transfers still complete above)
    // A malformed message (too short for its fields) counts as not received — unless a defect reads it.
    if (auto message = m_core.codec().decode(frame); message && message->spec && (message->ok() || readsShort(*message)))
        handle(*message, now);
}

bool BmsStateMachine::readsShort(const DecodedMessage& m) const {
    const auto& names = m_config.shortFramesRead;
    return m.layout == Layout::Nonconforming && std::find(names.begin(), names.end(), m.spec->name) != names.end();
}

void BmsStateMachine::handle(const DecodedMessage& m, double now) {
    if (is(m, "CEM")) {
        // The charger timed out: the handshake restarts (Figs. A.11/A.12). Repeated CEMs of the
        // same episode arrive while we already wait for CRM and are not counted again.
        if (m_state != BmsState::WaitingCrm && m_state != BmsState::Error && m_state != BmsState::Failed &&
            m_state != BmsState::Finished) {
            const bool last = m_core.countTimeout("charger CEM");
            m_detail = "CEM received: " + activeFields(m) + (last ? " (third timeout: re-plug needed)" : "");
            enter(last ? BmsState::Failed : BmsState::WaitingCrm, now);
        }
        return;
    }
    switch (m_state) {
    case BmsState::WaitingCrm:
    case BmsState::Identifying:
        if (is(m, "CRM")) {
            const double recognition = fieldValue(m, "recognition", -1);
            const bool identifying = m_state == BmsState::Identifying;
            if (recognition == 0xAA || (identifying && m_config.nonZeroCrmIsRecognition && recognition != 0x00))
                enter(BmsState::Configuring, now);
            else if (!identifying && (recognition == 0x00 || m_config.anyCrmStartsBrm))
                enter(BmsState::Identifying, now);
            if (m_state == BmsState::Identifying) m_lastPeerFrame = now; // any CRM: the charger is there
        }
        break;
    case BmsState::Configuring:
        if (is(m, "CML")) enter(BmsState::Ready, now);
        break;
    case BmsState::Ready:
        // A charger still repeating CTS/CML is alive (it has not seen our BRO 0xAA yet, or is
        // still preparing): only CRO 0xAA's own 60 s limit applies then.
        if (is(m, "CML") || is(m, "CTS")) m_lastPeerFrame = now;
        if (is(m, "CRO")) {
            m_lastPeerFrame = now;
            if (fieldValue(m, "charger ready") == 0xAA) {
                m_detail = "charging";
                enter(BmsState::Charging, now);
            }
        }
        break;
    case BmsState::Charging:
        if (is(m, "CCS")) {
            m_lastPeerFrame = now;
            m_chargerOutput = ChargerOutput{fieldValue(m, "output voltage"), fieldValue(m, "output current"),
                                            fieldValue(m, "charging time"), fieldValue(m, "charging permitted") == 1,
                                            now};
        } else if (is(m, "CST")) {
            // The charger stopped: answer with BST "stopped by charger", then statistics.
            m_detail = "CST received: " + activeFields(m);
            m_core.sendStatus("BST", "stopped by charger", now);
            enter(BmsState::Statistics, now);
        }
        break;
    case BmsState::Stopping:
        if (is(m, "CST")) enter(BmsState::Statistics, now);
        break;
    case BmsState::Statistics:
        if (is(m, "CSD")) {
            m_detail = "finished (CSD received)";
            enter(BmsState::Finished, now);
        }
        break;
    case BmsState::Finished:
    case BmsState::Error:
    case BmsState::Failed:
    case BmsState::Unplugged: break;
    }
}

void BmsStateMachine::poll(double now) {
    if (m_core.advance(now)) enter(m_state, now);
    for (auto& frame : m_tp.poll(toMicros(now)).frames) m_core.send(frame, now);
    if (held()) return sendPeriodic(now); // stale: no timeouts, the same message again and again
    const double inState = m_core.inState(now);
    switch (m_state) {
    case BmsState::WaitingCrm:
        if (inState >= kCrmTimeoutSeconds) return timeout("CRM 0x00 timeout", now);
        break;
    case BmsState::Identifying:
        if (inState >= kDefaultTimeoutSeconds) return timeout("CRM 0xAA timeout", now);
        if (m_config.silentChargerRestartSeconds > 0.0 && now - m_lastPeerFrame >= m_config.silentChargerRestartSeconds) {
            m_detail = "charger silent: handshake restarted without BEM";
            return enter(BmsState::WaitingCrm, now);
        }
        break;
    case BmsState::Configuring:
        if (inState >= kDefaultTimeoutSeconds) return timeout("CTS/CML timeout", now);
        break;
    case BmsState::Ready:
        if (inState >= kReadyTimeoutSeconds || now - m_lastPeerFrame >= m_config.croStreamTimeoutSeconds)
            return timeout("CRO timeout", now);
        break;
    case BmsState::Charging:
        if (now - m_lastPeerFrame >= kCcsTimeoutSeconds) return timeout("CCS timeout", now);
        break;
    case BmsState::Stopping:
        if (inState >= kDefaultTimeoutSeconds) return timeout("CST timeout", now);
        break;
    case BmsState::Statistics:
        if (inState >= kStatisticsTimeoutSeconds) return timeout("CSD timeout", now);
        break;
    case BmsState::Error:
        if (inState >= m_config.reconnectDelaySeconds) {
            m_detail = "reconnecting after " + m_core.lastTimeout() + " (waiting for CRM)";
            enter(BmsState::WaitingCrm, now);
            return;
        }
        break;
    case BmsState::Finished:
    case BmsState::Failed:
    case BmsState::Unplugged: break;
    }
    sendPeriodic(now);
}

void BmsStateMachine::sendPeriodic(double now) {
    const BmsConfig& c = m_config;
    switch (m_state) {
    case BmsState::WaitingCrm:
        if (m_bhm.due(now)) m_core.send("BHM", FieldValues().set("max charge voltage", c.maxChargeVoltage), now);
        break;
    case BmsState::Identifying:
        if (m_brm.due(now)) {
            FieldValues brm;
            brm.set("BMS protocol version", "V1.1")
                .set("battery type", static_cast<double>(c.batteryType))
                .set("rated capacity", c.ratedCapacityAh)
                .set("rated voltage", c.ratedVoltage);
            if (!c.vin.empty()) brm.set("VIN", c.vin);
            sendTp("BRM", brm, now);
        }
        break;
    case BmsState::Configuring:
        if (m_bcp.due(now))
            sendTp("BCP",
                   FieldValues()
                       .set("max cell charge voltage", c.maxCellVoltage)
                       .set("max charge current", c.maxChargeCurrent)
                       .set("nominal energy", c.nominalEnergyKwh)
                       .set("max charge voltage", c.maxChargeVoltage)
                       .set("max temperature", c.maxTemperatureC)
                       .set("SOC", c.socPercent)
                       .set("battery voltage", c.batteryVoltage),
                   now);
        break;
    case BmsState::Ready:
        if (m_bro.due(now)) m_core.send("BRO", FieldValues().set("BMS ready", 0xAA), now);
        break;
    case BmsState::Charging: {
        if (m_bcl.due(now))
            m_core.send("BCL", FieldValues()
                                                .set("voltage demand", c.demandVoltage)
                                                .set("current demand", c.demandCurrent)
                                                .set("mode", static_cast<double>(c.mode)),
                 now);
        if (m_bsm.due(now)) {
            // Paused: every status field 00, "charge permitted" included (= forbidden).
            FieldValues bsm = statusFields("BSM", m_paused ? "" : "charge permitted");
            bsm.set("highest cell voltage number", 1).set("highest temperature", 30).set("highest temperature probe", 1);
            bsm.set("lowest temperature", 25).set("lowest temperature probe", 2);
            m_core.send("BSM", bsm, now);
        }
        if (m_bcs.due(now)) {
            // Measured values: what the charger says it delivers, the pack's own voltage before.
            const double volts = m_chargerOutput ? m_chargerOutput->voltage : c.batteryVoltage;
            const double amps = m_chargerOutput ? m_chargerOutput->current : 0.0;
            sendTp("BCS",
                   FieldValues()
                       .set("measured voltage", volts)
                       .set("measured current", amps)
                       .set("highest cell voltage", c.maxCellVoltage - 0.2)
                       .set("highest cell group", 1)
                       .set("SOC", c.socPercent)
                       .set("remaining time", 60),
                   now);
        }
        break;
    }
    case BmsState::Stopping:
        if (m_bst.due(now)) m_core.sendStatus("BST", m_bstField, now);
        break;
    case BmsState::Statistics:
        if (m_bsd.due(now))
            m_core.send("BSD", FieldValues()
                                                .set("SOC", c.socPercent)
                                                .set("min cell voltage", c.maxCellVoltage - 0.3)
                                                .set("max cell voltage", c.maxCellVoltage - 0.2)
                                                .set("min temperature", 25)
                                                .set("max temperature", 30),
                 now);
        break;
    case BmsState::Error:
        if (m_bem.due(now)) m_core.sendStatus("BEM", m_core.lastTimeout(), now);
        break;
    case BmsState::Finished:
    case BmsState::Failed:
    case BmsState::Unplugged: break;
    }
}

} // namespace v2gbench::protocols::gbt27930
