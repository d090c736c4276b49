#include "v2gbench/sim/sim_can_recorder.hpp"

#include "v2gbench/core/errors.hpp"

namespace v2gbench::sim {

SimCanRecorder::SimCanRecorder(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)),
      m_stepSize(m_lab->withPlant([](Plant& p) { return units::Seconds(p.parameters().stepSize); })) {}

SimCanRecorder::~SimCanRecorder() {
    stopRecording();
}

core::InstrumentIdentity SimCanRecorder::identity() const {
    return {"v2gbench (simulated)", "sim-can charger-EV bus recorder", "SIM-0006", "1.0", ""};
}

core::Capabilities SimCanRecorder::capabilities() const {
    return {"can-record", core::capability::busDecode};
}

void SimCanRecorder::makeSafe() noexcept {
    // Passive: nothing to switch off, and the trace must go on (the session closes it).
}

void SimCanRecorder::startRecording(const std::string& path) {
    if (m_listener) throw core::InstrumentError(m_name, "start recording " + path, "already recording");
    std::unique_ptr<transports::CanDumpWriter> writer;
    try {
        writer = std::make_unique<transports::CanDumpWriter>(path, "can0");
    } catch (const std::runtime_error& e) {
        throw core::InstrumentError(m_name, "start recording " + path, e.what());
    }
    {
        std::lock_guard lock(m_mutex);
        m_writer = std::move(writer);
        m_frames = 0;
        m_messages.clear();
        m_decoder = protocols::gbt27930::BusMessageDecoder();
        m_failure.clear();
    }
    m_listener = m_lab->withPlant([this](Plant& p) {
        return p.bus().addListener(
            [this](const transports::CanFrame& f, SimCanBus::NodeId, double time) { onFrame(f, time); });
    });
}

void SimCanRecorder::stopRecording() noexcept {
    if (m_listener) {
        try {
            m_lab->withPlant([this](Plant& p) { p.bus().removeListener(*m_listener); });
        } catch (...) {
        }
        m_listener.reset();
    }
    std::lock_guard lock(m_mutex);
    if (m_writer) m_writer->close();
    m_writer.reset();
}

std::uint64_t SimCanRecorder::framesRecorded() const {
    std::lock_guard lock(m_mutex);
    return m_frames;
}

void SimCanRecorder::onFrame(const transports::CanFrame& frame, double time) {
    std::lock_guard lock(m_mutex);
    ++m_frames;
    try {
        if (m_writer) m_writer->write(frame);
    } catch (const std::exception& e) {
        m_failure = e.what(); // reported by the next readMessages(): a plant step cannot throw it
    }
    std::vector<core::BusMessage> decoded;
    m_decoder.feed(frame, time, decoded);
    for (auto& m : decoded) m_messages.push(std::move(m));
}

std::uint64_t SimCanRecorder::readMessages(std::uint64_t from, std::vector<core::BusMessage>& out) {
    std::lock_guard lock(m_mutex);
    if (!m_failure.empty()) throw core::InstrumentError(m_name, "write the CAN trace", m_failure);
    return m_messages.read(from, out);
}

} // namespace v2gbench::sim
