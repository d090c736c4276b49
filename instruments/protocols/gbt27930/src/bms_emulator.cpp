#include "v2gbench/protocols/gbt27930/bms_emulator.hpp"

#include "v2gbench/protocols/gbt27930/session_fields.hpp"
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

#include <algorithm>
#include <utility>

namespace v2gbench::protocols::gbt27930 {

namespace {

using K = core::EvFaultKind;

bool namesMessage(K kind) { return kind != K::SendBem && kind != K::StopAnswering; }

const FieldSpec* findField(const MessageSpec& spec, std::string_view name) {
    for (const FieldSpec& f : spec.fields)
        if (name == f.name) return &f;
    return nullptr;
}

// Writes `raw` into the bits of `field` that fall into this piece of the payload: bytes
// [firstPayloadByte, firstPayloadByte + count) of the message, stored at data[dataOffset...].
void writeField(std::uint8_t* data, std::size_t firstPayloadByte, std::size_t count, std::size_t dataOffset,
                const FieldSpec& field, std::uint64_t raw) {
    for (unsigned i = 0; i < field.bitLength; ++i) {
        const std::size_t bit = field.bitOffset + i;
        const std::size_t byte = bit / 8;
        if (byte < firstPayloadByte || byte >= firstPayloadByte + count) continue;
        std::uint8_t& target = data[dataOffset + (byte - firstPayloadByte)];
        const auto mask = static_cast<std::uint8_t>(1u << (bit % 8));
        target = static_cast<std::uint8_t>(((raw >> i) & 1u) ? (target | mask) : (target & ~mask));
    }
}

} // namespace

BmsEmulator::BmsEmulator(BmsConfig config, Profile profile)
    : m_config(std::move(config)), m_profile(profile), m_codec(profile) {}

void BmsEmulator::plugIn(double now) {
    m_machine.emplace(m_config, m_profile);
    if (m_paused) m_machine->pause();
    m_furthestPhase = Phase::Unknown;
    m_silent = false;
    m_transfer = {};
    m_firstSent.clear();
    applyStale();
    m_latest.clear();
    for (auto& [name, grid] : m_periodGrid) grid.restart();
    m_bemGrid.restart();
    m_pending.clear();
    m_ready.clear();
    poll(now); // the session clock starts at the plug-in
}

void BmsEmulator::unplug(double now) {
    m_now = now;
    m_machine.reset();
    m_pending.clear();
    m_ready.clear();
    clearFaults();
}

const std::optional<ChargerOutput>& BmsEmulator::chargerOutput() const {
    static const std::optional<ChargerOutput> none;
    return m_machine ? m_machine->chargerOutput() : none;
}

void BmsEmulator::setDemand(double voltage, double current, ChargeMode mode, double maxDischargeCurrent) {
    if (m_machine) m_machine->setDemand(voltage, current, mode, maxDischargeCurrent);
    else BmsStateMachine(m_config, m_profile).setDemand(voltage, current, mode, maxDischargeCurrent); // validates
    m_config.demandVoltage = voltage;
    m_config.demandCurrent = current;
    m_config.mode = mode;
    m_config.maxDischargeCurrent = maxDischargeCurrent;
}

void BmsEmulator::pause() {
    m_paused = true;
    if (m_machine) m_machine->pause();
}

void BmsEmulator::resume() {
    m_paused = false;
    if (m_machine) m_machine->resume();
}

void BmsEmulator::stop() {
    if (m_machine) m_machine->stop();
}

std::string BmsEmulator::detail() const {
    if (!m_machine) return "unplugged";
    if (m_silent) {
        const core::EvFault* f = find(K::StopAnswering, "");
        return "not answering (fault: stop_answering from " + (f ? f->phase : std::string("?")) + ")";
    }
    return m_machine->detail().empty() ? "plugged in" : m_machine->detail();
}

void BmsEmulator::addFault(const core::EvFault& fault) {
    validateEvFault(fault);
    std::erase_if(m_faults, [&](const core::EvFault& f) {
        return f.kind == fault.kind && (!namesMessage(f.kind) || f.message == fault.message);
    });
    m_faults.push_back(fault);
    if (fault.kind == K::Period) m_periodGrid.insert_or_assign(fault.message, Periodic(fault.period.value));
    if (fault.kind == K::StopAnswering && m_machine) updateSilence();
    if (fault.kind == K::Stale) applyStale();
}

// The state a stale message keeps the machine in (the state that sends it).
void BmsEmulator::applyStale() {
    if (!m_machine) return;
    const core::EvFault* stale = nullptr;
    for (const auto& f : m_faults)
        if (f.kind == K::Stale) stale = &f; // the latest stale fault wins: the machine can hold one state
    if (!stale) return m_machine->holdIn(std::nullopt);
    const BmsState state = stale->message == "BHM"   ? BmsState::WaitingCrm
                           : stale->message == "BRM" ? BmsState::Identifying
                           : stale->message == "BCP" ? BmsState::Configuring
                                                     : BmsState::Charging;
    m_machine->holdIn(state);
}

bool BmsEmulator::corruptNow(const core::EvFault& fault, const std::string& message, const transports::CanFrame& frame) {
    const double t = frameTime(frame);
    const double first = m_firstSent.try_emplace(message, t).first->second;
    return t - first >= fault.after.value - 1e-9;
}

void BmsEmulator::clearFaults() {
    m_faults.clear();
    if (m_machine) m_machine->holdIn(std::nullopt);
    m_periodGrid.clear();
    m_latest.clear();
    m_silent = false;
}

const core::EvFault* BmsEmulator::find(core::EvFaultKind kind, const std::string& message) const {
    for (const auto& f : m_faults)
        if (f.kind == kind && (!namesMessage(kind) || f.message == message)) return &f;
    return nullptr;
}

double BmsEmulator::frameTime(const transports::CanFrame& frame) const {
    return static_cast<double>(frame.timestamp.count()) / 1e6;
}

void BmsEmulator::onFrame(const transports::CanFrame& frame, double now) {
    if (!m_machine) return;
    m_now = now;
    m_machine->onFrame(frame, now);
    drainMachine();
}

void BmsEmulator::poll(double now) {
    m_now = now;
    if (!m_machine) return;
    m_machine->poll(now);
    drainMachine();
    emitGenerated();
}

std::vector<transports::CanFrame> BmsEmulator::takeOutgoing() {
    if (m_machine) drainMachine();
    releaseDue();
    return std::exchange(m_ready, {});
}

void BmsEmulator::updateSilence() {
    const Phase phase = m_machine->phase();
    if (phase != Phase::Unknown && static_cast<int>(phase) > static_cast<int>(m_furthestPhase)) m_furthestPhase = phase;
    const core::EvFault* f = find(K::StopAnswering, "");
    if (!f || m_silent) return;
    if (static_cast<int>(m_furthestPhase) >= static_cast<int>(*phaseFromName(f->phase))) {
        m_silent = true;
        m_pending.clear();
    }
}

void BmsEmulator::drainMachine() {
    updateSilence();
    for (auto& frame : m_machine->takeOutgoing()) route(std::move(frame));
}

void BmsEmulator::swallowTransfer(std::uint32_t pgn) {
    // Release the machine's TP sender as if the charger had refused: nothing reaches the bus.
    m_transfer.swallowed = true;
    TpConnectionManagement cm;
    cm.control = TpControl::Abort;
    cm.reason = AbortReason::Other;
    cm.pgn = pgn;
    m_machine->onFrame(makeTpCm(kChargerAddress, kBmsAddress, cm, toMicros(m_now)), m_now);
}

void BmsEmulator::route(transports::CanFrame frame) {
    if (m_silent) return;
    const J1939Id id = J1939Id::fromCanId(frame.id);
    const bool tpCm = frame.extended && id.pgn == kPgnTpCm, tpDt = frame.extended && id.pgn == kPgnTpDt;
    const MessageSpec* spec = nullptr;
    bool rts = false;
    if (tpCm || tpDt) {
        if (tpCm)
            if (auto cm = parseTpCm(frame); cm && cm->control == TpControl::Rts) {
                m_transfer = Transfer{findMessage(cm->pgn), false};
                rts = true;
            }
        if (m_transfer.swallowed) return;
        spec = m_transfer.spec;
    } else if (frame.extended) {
        spec = findMessage(id.pgn);
    }
    if (spec) {
        const std::string name = spec->name;
        if (find(K::Silence, name)) {
            if (rts) swallowTransfer(spec->pgn);
            return;
        }
        if (const core::EvFault* f = find(K::Substitute, name)) {
            if (spec->multiPacket && !rts) return; // the rest of a transfer whose RTS was replaced
            if (rts) swallowTransfer(spec->pgn);
            transports::CanFrame instead = m_codec.encodeFrame(f->with, FieldValues());
            instead.timestamp = frame.timestamp;
            return shape(std::move(instead), findMessage(f->with));
        }
        if (find(K::Period, name)) {
            if (!spec->multiPacket) {
                m_latest.insert_or_assign(name, frame); // re-sent on the fault's own grid
                return;
            }
            if (rts && !m_periodGrid.at(name).due(frameTime(frame))) {
                swallowTransfer(spec->pgn);
                return;
            }
        }
    }
    shape(std::move(frame), spec);
}

void BmsEmulator::shape(transports::CanFrame frame, const MessageSpec* spec) {
    if (spec) {
        const std::string name = spec->name;
        const J1939Id id = J1939Id::fromCanId(frame.id);
        if (!spec->multiPacket) {
            if (const core::EvFault* f = find(K::Corrupt, name); f && corruptNow(*f, name, frame))
                writeField(frame.data.data(), 0, frame.data.size(), 0, *findField(*spec, f->field),
                           static_cast<std::uint64_t>(f->value));
            if (const core::EvFault* f = find(K::WrongDlc, name)) {
                for (int i = frame.dlc; i < f->dlc; ++i) frame.data[static_cast<std::size_t>(i)] = 0xFF;
                frame.dlc = static_cast<std::uint8_t>(f->dlc);
            }
        } else if (id.pgn == kPgnTpDt && frame.dlc >= 1) {
            const unsigned sequence = frame.data[0];
            if (const core::EvFault* f = find(K::Corrupt, name); f && corruptNow(*f, name, frame))
                writeField(frame.data.data(), (sequence - 1u) * 7u, 7, 1, *findField(*spec, f->field),
                           static_cast<std::uint64_t>(f->value));
            if (const core::EvFault* f = find(K::BreakTransport, name)) {
                switch (*tpBreakModeFromName(f->mode)) {
                case TpBreakMode::Abort: {
                    if (sequence != 1) return;
                    TpConnectionManagement cm;
                    cm.control = TpControl::Abort;
                    cm.reason = AbortReason::Other;
                    cm.pgn = spec->pgn;
                    frame = makeTpCm(kBmsAddress, kChargerAddress, cm, frame.timestamp);
                    swallowTransfer(spec->pgn); // the rest of this transfer stays off the bus
                    break;
                }
                case TpBreakMode::MissingPacket:
                    if (sequence == 2) return;
                    break;
                case TpBreakMode::WrongSequence: frame.data[0] = static_cast<std::uint8_t>(sequence + 1u); break;
                case TpBreakMode::NoEnd:
                    if (sequence >= 2) return;
                    break;
                }
            }
        }
        if (const core::EvFault* f = find(K::Delay, name)) {
            m_pending.push_back(Pending{frameTime(frame) + f->delay.value, frame});
            return;
        }
    }
    m_ready.push_back(frame);
}

void BmsEmulator::emitGenerated() {
    if (m_silent) return;
    for (const auto& f : m_faults) {
        if (f.kind != K::Period) continue;
        const MessageSpec* spec = findMessage(f.message);
        if (spec->multiPacket) continue;
        Periodic& grid = m_periodGrid.at(f.message);
        if (!m_machine->sendsPeriodically(f.message)) {
            grid.restart();
            continue;
        }
        auto latest = m_latest.find(f.message);
        if (latest == m_latest.end() || !grid.due(m_now)) continue;
        transports::CanFrame frame = latest->second;
        frame.timestamp = toMicros(m_now);
        shape(frame, spec);
    }
    if (const core::EvFault* f = find(K::SendBem, "")) {
        if (m_bemGrid.due(m_now)) {
            transports::CanFrame frame = m_codec.encodeFrame("BEM", statusFields("BEM", f->field));
            frame.timestamp = toMicros(m_now);
            shape(frame, findMessage("BEM"));
        }
    } else {
        m_bemGrid.restart();
    }
}

void BmsEmulator::releaseDue() {
    constexpr double kEpsilon = 1e-9;
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const Pending& a, const Pending& b) { return a.due < b.due; });
    auto firstLater = std::find_if(m_pending.begin(), m_pending.end(),
                                   [&](const Pending& p) { return p.due > m_now + kEpsilon; });
    for (auto it = m_pending.begin(); it != firstLater; ++it) {
        it->frame.timestamp = toMicros(m_now);
        m_ready.push_back(it->frame);
    }
    m_pending.erase(m_pending.begin(), firstLater);
}

} // namespace v2gbench::protocols::gbt27930
