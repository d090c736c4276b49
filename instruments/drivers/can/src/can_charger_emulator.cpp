#include "v2gbench/drivers/can/can_charger_emulator.hpp"

#include "v2gbench/core/capabilities.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/log.hpp"
#include "v2gbench/protocols/gbt27930/j1939_id.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <stdexcept>
#include <vector>

namespace v2gbench::drivers::can {

namespace gbt = protocols::gbt27930;
using transports::CanFrame;

namespace {
// The machine's timers and the 10 ms TP / CST grids need a poll well below 10 ms; 1 ms is what
// the simulated lab steps at. A receive wait of that length also bounds the destructor.
constexpr units::Seconds kReceivePoll{0.001};
constexpr std::uint32_t kPgnBhm = 0x2700;

bool isVehicleBhm(const CanFrame& frame) {
    if (!frame.extended || frame.remote || frame.error) return false;
    const auto id = gbt::J1939Id::fromCanId(frame.id);
    return id.pgn == kPgnBhm && id.source == gbt::kBmsAddress;
}

// Past recognition: the vehicle's BHM no longer belongs to this session.
bool pastRecognition(gbt::ChargerState state) {
    return state != gbt::ChargerState::Handshake && state != gbt::ChargerState::Recognition;
}
} // namespace

CanChargerEmulator::CanChargerEmulator(std::string instrumentName, std::unique_ptr<transports::CanChannel> channel,
                                       gbt::ChargerConfig config)
    : m_name(std::move(instrumentName)), m_channel(std::move(channel)), m_config(config),
      m_start(std::chrono::steady_clock::now()) {
    try {
        m_channel->open();
    } catch (const transports::TransportError& e) {
        throw core::InstrumentError(m_name, "open " + m_channel->name(), e.what());
    }
    startSession();
    m_worker = std::thread([this] { run(); });
}

CanChargerEmulator::~CanChargerEmulator() {
    m_stop = true;
    if (m_worker.joinable()) m_worker.join();
    m_channel->close();
}

core::InstrumentIdentity CanChargerEmulator::identity() const {
    return {"v2gbench", "can-evse GB/T 27930 charger emulator", m_channel->name(), "", ""};
}

core::Capabilities CanChargerEmulator::capabilities() const {
    return {core::capability::protocolFaults};
}

double CanChargerEmulator::elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void CanChargerEmulator::startSession() {
    m_machine.emplace(m_config);
    m_faults.restart(); // faults stay armed; `after` counts from this session's frames
    ++m_sessions;
}

void CanChargerEmulator::makeSafe() noexcept {
    try {
        std::lock_guard lock(m_mutex);
        m_faults.clear();
        startSession();
    } catch (...) {
        // Only allocation can throw here; the faults are cleared before it.
    }
}

void CanChargerEmulator::throwIfFailed(const std::string& exchange) const {
    if (m_failure) throw core::InstrumentError(m_name, exchange, *m_failure);
}

void CanChargerEmulator::injectFault(const core::EvFault& fault) {
    std::lock_guard lock(m_mutex);
    throwIfFailed("fault");
    try {
        m_faults.add(fault);
    } catch (const std::invalid_argument& e) {
        throw core::CapabilityError(m_name + " (can-evse): " + e.what());
    }
}

void CanChargerEmulator::clearFaults() {
    std::lock_guard lock(m_mutex);
    throwIfFailed("clear faults");
    m_faults.clear();
}

core::ChargerEmulatorStatus CanChargerEmulator::status() {
    std::lock_guard lock(m_mutex);
    throwIfFailed("status");
    return {gbt::toString(m_machine->state()), static_cast<unsigned>(m_faults.faults().size())};
}

unsigned CanChargerEmulator::sessions() const {
    std::lock_guard lock(m_mutex);
    return m_sessions;
}

void CanChargerEmulator::step(double now, const std::optional<CanFrame>& received) {
    std::vector<CanFrame> outgoing;
    {
        std::lock_guard lock(m_mutex);
        if (received) {
            if (isVehicleBhm(*received) && pastRecognition(m_machine->state())) startSession();
            m_machine->onFrame(*received, now);
        }
        m_machine->poll(now);
        for (auto& f : m_machine->takeOutgoing())
            if (auto faulty = m_faults.apply(std::move(f))) outgoing.push_back(*faulty);
    }
    // Sent outside the lock: a slow channel must not hold up the bench's calls.
    for (const auto& f : outgoing) m_channel->send(f);
}

void CanChargerEmulator::run() noexcept {
    try {
        while (!m_stop) {
            auto frame = m_channel->receive(kReceivePoll);
            step(elapsed(), frame);
        }
    } catch (const std::exception& e) {
        core::log::error("can-evse", m_name + ": " + m_channel->name() + ": " + e.what());
        std::lock_guard lock(m_mutex);
        m_failure = m_channel->name() + ": " + e.what() + " (the charger emulator stopped)";
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_failure = m_channel->name() + ": unknown failure (the charger emulator stopped)";
    }
}

} // namespace v2gbench::drivers::can
