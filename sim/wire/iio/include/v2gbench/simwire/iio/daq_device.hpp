#pragma once
// The wire lab's DAQ unit as an IIO device (iio:device1 "v2gbench-daq" in the analyzer-iiod
// service): one 16-bit channel per core::daqChannels() entry the plant provides, digital inputs
// as 0/1 channels, and a 64-bit timestamp. Acquisition is hardware-timed on the lab's clock: a
// step observer records every plant step into a ring (30 s), so a stream's sample n is the plant
// at t0 + n·period however late the client reads; the timestamp is that instant on CLOCK_REALTIME
// in ns (Linux IIO's default timestamp clock; the CAN hub stamps frames on the same clock).
//
// Device attributes:
//   sampling_frequency            RW  Hz; 1000 / k for a whole k (the plant step is 1 ms); applies
//                                     to buffers opened afterwards
//   sampling_frequency_available  R
//   can_trigger_pgn               RW  write a PGN (decimal or 0x hex) to arm the CAN input, "none"
//                                     to disarm; reads the armed PGN or "none"
//   can_trigger_time              R   CLOCK_REALTIME ns of the first frame with that PGN since it
//                                     was armed, "none" until one came
//   clock_time                    R   the device clock now (CLOCK_REALTIME ns)
#include "v2gbench/sim/daq_recorder.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/iio/iio_context_xml.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::simwire::iio {

inline constexpr std::size_t kDaqSignalCount = sim::kDaqChannelCount; // core::daqChannels().size()

class DaqDevice {
public:
    static constexpr double kHistorySeconds = 30.0;

    explicit DaqDevice(std::shared_ptr<sim::SimLab> lab);
    ~DaqDevice(); // removes its observers
    DaqDevice(const DaqDevice&) = delete;
    DaqDevice& operator=(const DaqDevice&) = delete;

    const AdcDescription& description() const { return m_description; }
    static std::vector<std::string> attributeNames();
    // nullopt: no such attribute (-ENOENT).
    std::optional<std::string> readAttribute(const std::string& name);
    // 0, or a negative errno (-EINVAL for a bad value, -ENOENT unknown, -EACCES read-only).
    int writeAttribute(const std::string& name, const std::string& value);
    // A channel's latest value as a raw reading.
    double latestValue(std::size_t signal);

    int sampleRate() const;
    std::int64_t stepNs() const { return m_stepNs; }

    // One open buffer: samples at t0 + n·period on the plant's step grid.
    struct Cursor {
        std::int64_t nextStep = 0; // plant step of the next sample
        std::int64_t stride = 1;   // plant steps per sample
    };
    Cursor open();
    // True when `count` samples from the cursor exist (the plant has stepped past them); syncs
    // the lab.
    bool ready(const Cursor& cursor, std::size_t count);
    // Writes count frames (kDaqSignalCount values each) and their timestamps; advances the
    // cursor. Samples older than the ring are skipped forward (the timestamps show the gap).
    void take(Cursor& cursor, std::size_t count, double* frames, std::int64_t* timestampsNs);

    std::int64_t realtimeNs(std::int64_t step) const;

private:
    void onStep(const sim::Plant& plant);
    void onFrame(std::uint32_t id, bool extended, double time);

    std::shared_ptr<sim::SimLab> m_lab;
    AdcDescription m_description;
    std::int64_t m_stepNs;
    std::int64_t m_realtimeAtZeroNs; // CLOCK_REALTIME at lab time 0
    std::uint64_t m_observer = 0;
    std::size_t m_listener = 0;

    mutable std::mutex m_mutex; // everything below (step observer and bus listener run under the lab's lock)
    int m_rate = 1000;
    std::vector<double> m_ring;           // capacity × kDaqSignalCount
    std::size_t m_capacity = 0;
    std::int64_t m_lastStep = -1;         // newest step recorded
    std::optional<std::uint32_t> m_canPgn;
    std::optional<std::int64_t> m_canTriggerNs;
};

} // namespace v2gbench::simwire::iio
