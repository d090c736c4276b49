#pragma once
// The simulated lab's acquisition unit (role daq, driver sim-daq): every plant step it records
// one sample of every channel of core::daqChannels() into a history ring (continuous acquisition,
// so a capture has pre-trigger samples from before it was armed), and serves one capture at a
// time: armed with a trigger (immediate, an edge on a channel, a CAN frame's PGN from the plant
// bus), complete once postTrigger has passed after the trigger. Sample times are plant time (the
// bench time base of the simulated lab); the resolution is the plant step, a capture's sample
// period a whole multiple of it. Plain class, no locking (the plant's lock covers it); memory is
// allocated by enable() and arm(), never per step.
#include "v2gbench/core/roles/daq.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace v2gbench::sim {

inline constexpr std::size_t kDaqChannelCount = 12;
using DaqValues = std::array<double, kDaqChannelCount>; // in the order of core::daqChannels()

class DaqRecorder {
public:
    // Starts continuous acquisition with a history of `historySeconds` (the longest pre + post).
    void enable(double stepSize, double historySeconds);
    bool enabled() const { return m_capacity != 0; }
    double stepSize() const { return m_step; }
    double historySeconds() const { return static_cast<double>(m_capacity) * m_step; }

    // Throws std::invalid_argument (naming what) for an unknown channel, an empty channel list, a
    // sample period that is not a positive whole multiple of the step, a negative pre/post, pre +
    // post longer than the history, or an edge trigger on an unknown channel. Re-arming discards
    // an unfinished capture. `now` is the plant time of arming.
    void arm(const core::DaqCaptureRequest& request, double now);
    void disarm() { m_armed = false; m_triggered = false; }
    bool armed() const { return m_armed; }

    // Called by the plant after every step (time = the step's end) and for every frame on the bus.
    void onSample(double time, const DaqValues& values);
    void onFrame(std::uint32_t pgn, double time);

    const DaqValues& latest() const { return m_latest; }
    double latestTime() const { return m_latestTime; }
    // The finished capture (once; nullopt while armed and not complete, or when nothing is armed).
    std::optional<core::DaqCapture> take();

private:
    std::size_t slot(std::int64_t index) const { return static_cast<std::size_t>(index % static_cast<std::int64_t>(m_capacity)); }

    double m_step = 0.0;
    std::size_t m_capacity = 0;     // samples in the ring
    std::vector<double> m_ring;     // m_capacity × kDaqChannelCount
    std::vector<double> m_ringTime; // m_capacity
    std::int64_t m_written = 0;     // samples written so far
    DaqValues m_latest{};
    double m_latestTime = 0.0;

    bool m_armed = false;
    bool m_triggered = false;
    core::DaqCaptureRequest m_request;
    std::vector<std::size_t> m_channels; // indices of the requested channels
    std::int64_t m_decimation = 1;
    std::size_t m_triggerChannel = 0;
    double m_armedAt = 0.0;
    double m_triggerTime = 0.0;
    bool m_havePrevious = false;
    double m_previous = 0.0;
};

} // namespace v2gbench::sim
