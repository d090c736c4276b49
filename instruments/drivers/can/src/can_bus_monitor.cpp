#include "v2gbench/drivers/can/can_bus_monitor.hpp"

#include "v2gbench/core/capabilities.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/transports/transport_error.hpp"

namespace v2gbench::drivers::can {

using transports::CanFrame;
using transports::TransportError;

namespace {
// Short enough that stopRecording() returns promptly, long enough not to spin.
constexpr units::Seconds receivePoll{0.1};
} // namespace

CanBusMonitor::CanBusMonitor(std::string instrumentName, std::unique_ptr<transports::CanChannel> channel,
                             core::ExchangeLog* exchanges, const core::Clock& clock)
    : m_name(std::move(instrumentName)), m_channel(std::move(channel)), m_exchanges(exchanges), m_clock(clock),
      m_wallEpoch(clock.wallEpoch()) {}

CanBusMonitor::~CanBusMonitor() {
    stopRecording();
    m_channel->close();
}

core::InstrumentIdentity CanBusMonitor::identity() const {
    return {"v2gbench", "can-monitor", m_channel->name(), "", ""};
}

core::Capabilities CanBusMonitor::capabilities() const {
    return {"can-record", "can-transmit", core::capability::busDecode};
}

void CanBusMonitor::makeSafe() noexcept {
    // Passive: the monitor never drives the bus, and its trace is evidence until the session
    // closes it (stopRecording), so making the bench safe between plans must not end it.
}

void CanBusMonitor::open() {
    try {
        m_channel->open();
    } catch (const TransportError& e) {
        throw core::InstrumentError(m_name, "open " + m_channel->name(), e.what());
    }
}

void CanBusMonitor::startRecording(const std::string& path) {
    if (m_recording) throw core::InstrumentError(m_name, "start recording " + path, "already recording");
    open();
    auto writer = [&] {
        try {
            return std::make_unique<transports::CanDumpWriter>(path, m_channel->busName());
        } catch (const std::runtime_error& e) {
            throw core::InstrumentError(m_name, "start recording " + path, e.what());
        }
    }();
    {
        std::lock_guard lock(m_mutex);
        m_writer = std::move(writer);
        m_failure.reset();
        m_lastCount = 0;
        m_decoder = protocols::gbt27930::BusMessageDecoder();
        m_messages.clear();
    }
    m_stopRequested = false;
    m_recording = true;
    m_thread = std::thread([this] { receiveLoop(); });
}

void CanBusMonitor::stopRecording() noexcept {
    m_stopRequested = true;
    if (m_thread.joinable()) m_thread.join();
    m_recording = false;
    std::lock_guard lock(m_mutex);
    if (m_writer) {
        m_lastCount = m_writer->framesWritten();
        m_writer->close();
        m_writer.reset();
    }
}

std::uint64_t CanBusMonitor::framesRecorded() const {
    std::lock_guard lock(m_mutex);
    return m_writer ? m_writer->framesWritten() : m_lastCount;
}

std::optional<std::string> CanBusMonitor::recordingFault() const noexcept {
    try {
        std::lock_guard lock(m_mutex);
        if (!m_failure) return std::nullopt;
        // The failure text names the channel already (transport errors do).
        return "recording stopped after " + std::to_string(m_writer ? m_writer->framesWritten() : m_lastCount) +
               " frames: " + *m_failure;
    } catch (...) {
        return std::string("recording stopped (the failure could not be described)");
    }
}

std::optional<std::string> CanBusMonitor::failure() const {
    std::lock_guard lock(m_mutex);
    return m_failure;
}

void CanBusMonitor::checkHealthy() const {
    if (auto f = failure()) throw core::InstrumentError(m_name, "receive on " + m_channel->name(), *f);
}

double CanBusMonitor::benchNow() const {
    return m_clock.now().value;
}

double CanBusMonitor::benchTimeOf(const CanFrame& frame) const {
    if (!m_wallEpoch || frame.timestamp.count() == 0) return benchNow(); // when the monitor got it
    const auto adapter = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(frame.timestamp));
    return std::chrono::duration<double>(adapter - *m_wallEpoch).count();
}

units::Seconds CanBusMonitor::timestampResolution() const noexcept {
    return m_wallEpoch ? m_channel->timestampResolution() : receivePoll;
}

std::string CanBusMonitor::timestampSource() const {
    return m_wallEpoch ? m_channel->timestampSource()
                       : "the session clock when the monitor read the frame (the clock has no wall epoch)";
}

void CanBusMonitor::record(const CanFrame& frame, core::Direction direction) {
    const double now = benchTimeOf(frame); // before any waiting below
    if (m_exchanges) m_exchanges->record(m_name, direction, transports::toCanUtilsString(frame));
    {
        std::lock_guard lock(m_mutex);
        std::vector<core::BusMessage> decoded;
        m_decoder.feed(frame, now, decoded);
        for (auto& m : decoded) m_messages.push(std::move(m));
        if (m_writer) m_writer->write(frame);
    }
    if (m_observer) m_observer(frame, direction);
}

std::uint64_t CanBusMonitor::readMessages(std::uint64_t from, std::vector<core::BusMessage>& out) {
    std::lock_guard lock(m_mutex);
    return m_messages.read(from, out);
}

void CanBusMonitor::send(const CanFrame& frame) {
    checkHealthy();
    const std::string exchange = "send " + transports::toCanUtilsString(frame) + " on " + m_channel->name();
    if (!m_channel->isOpen()) open();
    try {
        m_channel->send(frame);
    } catch (const TransportError& e) {
        throw core::InstrumentError(m_name, exchange, e.what());
    }
    CanFrame stamped = frame;
    // The trace says when the frame left, as candump would see it on the wire.
    stamped.timestamp =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch());
    try {
        record(stamped, core::Direction::ToInstrument);
    } catch (const std::runtime_error& e) {
        throw core::InstrumentError(m_name, exchange, e.what());
    }
}

void CanBusMonitor::receiveLoop() {
    while (!m_stopRequested) {
        try {
            auto frame = m_channel->receive(receivePoll);
            if (frame) {
                // The trace uses the bus's timestamps when it gives them (socketcand does). A frame
                // without one gets the host's receipt time in the trace, and is counted so that no
                // check judges a latency or a period on it as if it were the bus's.
                if (frame->timestamp.count() == 0) {
                    frame->timestamp = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::system_clock::now().time_since_epoch());
                    if (m_wallEpoch) ++m_timedOnReceipt;
                }
                record(*frame, core::Direction::FromInstrument);
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(m_mutex);
            m_failure = e.what();
            break;
        }
    }
}

} // namespace v2gbench::drivers::can
