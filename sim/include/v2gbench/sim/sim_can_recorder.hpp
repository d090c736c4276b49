#pragma once
// Driver "sim-can" (role can): records the simulated lab's charger↔EV bus. Every frame is written
// to the candump -L trace as it is put on the bus (plant-time timestamps) and decoded (GB/T 27930,
// TP reassembled) into the messages bus_check steps judge. Frames arrive on whichever thread
// steps the plant; readMessages() may be called from another.
#include "v2gbench/core/bus_message_log.hpp"
#include "v2gbench/core/roles/can_recorder.hpp"
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include <memory>
#include <mutex>
#include <string>

namespace v2gbench::sim {

class SimCanRecorder final : public core::CanRecorder {
public:
    explicit SimCanRecorder(std::shared_ptr<SimLab> lab, std::string instrumentName = "can");
    ~SimCanRecorder() override;

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void startRecording(const std::string& path) override;
    void stopRecording() noexcept override;
    std::uint64_t framesRecorded() const override;
    // Never a fault: the in-process bus calls the recorder directly, there is no link to lose.
    std::optional<std::string> recordingFault() const noexcept override { return std::nullopt; }
    std::uint64_t readMessages(std::uint64_t from, std::vector<core::BusMessage>& out) override;
    // One plant step: frames are put on the simulated bus at step boundaries only.
    units::Seconds timestampResolution() const noexcept override { return m_stepSize; }
    std::string timestampSource() const override { return "the plant's time at the step the frame was sent"; }

private:
    void onFrame(const transports::CanFrame& frame, double time);

    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
    units::Seconds m_stepSize{0.0};
    std::optional<SimCanBus::ListenerId> m_listener;
    mutable std::mutex m_mutex; // everything below
    std::unique_ptr<transports::CanDumpWriter> m_writer;
    std::uint64_t m_frames = 0;
    protocols::gbt27930::BusMessageDecoder m_decoder;
    core::BusMessageLog m_messages; // decoded, not yet read
    std::string m_failure;
};

} // namespace v2gbench::sim
