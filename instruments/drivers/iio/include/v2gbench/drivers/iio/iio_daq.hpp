#pragma once
// Driver "iio-daq" (role daq): a DAQ unit reached through libiio (an IIO device with one input
// channel per acquired signal, digital inputs as 0/1 channels, and a hardware timestamp).
//
// - Channels: the channel map names, for each daq vocabulary channel, the IIO channel (id or
//   name) carrying it; without a map, every vocabulary name that is an IIO channel name is
//   acquired. Only mapped channels are offered (channels()); others are CapabilityError.
// - Acquisition runs continuously from the moment the driver opens (a background thread, one
//   libiio buffer), into a host ring of `history`, so pre-trigger samples exist when arm() comes.
// - Time base: each sample's time is the device's hardware timestamp (IIO timestamp channel,
//   CLOCK_REALTIME ns, Linux IIO's default) mapped onto the bench clock: bench = (ns - epoch)/1e9,
//   epoch = the realtime instant of the bench clock's zero, read once when the driver opens (the
//   lab host and the bench host share CLOCK_REALTIME; on separate hosts they must be NTP/PTP-synced).
// - Triggers: immediate and edges are found by scanning the hardware-timed samples after arm();
//   a CAN-frame trigger uses the device's CAN input (device attributes can_trigger_pgn /
//   can_trigger_time) and is offered only when the device has them (capability daq-can-trigger),
//   else arm() throws CapabilityError. As on an oscilloscope, a trigger counts only once the ring
//   holds the pre-trigger time (right after opening or a sample-clock change it fills first).
// - Sample period: a whole multiple of the running period is decimated on the host; another is
//   written to sampling_frequency (whole Hz) and the stream restarted; a period the device refuses
//   is CapabilityError. Nothing is rounded.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace v2gbench::drivers::iio {

class IioClient;
class IioStream;

struct IioDaqOptions {
    std::string uri;                    // libiio URI, "ip:127.0.0.1:30431"
    std::string device = "v2gbench-daq"; // id, name or label
    std::map<std::string, std::string> channelMap; // vocabulary name -> IIO channel; empty: by name
    units::Seconds timeout{2.0};        // every libiio operation
    units::Seconds history{10.0};       // host ring (longest pre-trigger + capture)
};

// "inlet_voltage=voltage0, k1k2_closed=digital0" -> map; throws std::invalid_argument naming the
// bad entry (not name=channel, an unknown vocabulary name, a name given twice).
std::map<std::string, std::string> parseDaqChannelMap(const std::string& text);

class IioDaq final : public core::Daq {
public:
    // Connects, checks the device and the mapped channels, starts acquiring. Throws
    // core::InstrumentError (link) or std::invalid_argument (a mapped channel the device lacks).
    IioDaq(std::string instrumentName, IioDaqOptions options, core::ExchangeLog* log, const core::Clock& clock);
    ~IioDaq() override;

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;
    std::vector<std::string> channels() const override { return m_names; }
    units::Seconds resolution() const override;
    core::DaqSample read() override;
    void arm(const core::DaqCaptureRequest& request) override;
    std::optional<core::DaqCapture> fetch() override;

    std::int64_t lostSamples() const;

private:
    static constexpr std::size_t kMaxChannels = 16;
    struct Sample {
        double time = 0.0;
        std::array<double, kMaxChannels> values{};
    };
    struct Capture {
        core::DaqCaptureRequest request;
        std::vector<std::size_t> columns; // requested channels in m_names order
        std::size_t triggerColumn = 0;
        std::int64_t decimation = 1;
        double armedAt = 0.0;
        std::optional<double> triggerTime;
        bool havePrevious = false;
        double previous = 0.0;
        bool canArmed = false; // can_trigger_pgn written
    };

    void startStreaming();
    void stopStreaming() noexcept;
    void acquire();
    void scanForTrigger(const Sample& sample); // under m_mutex
    bool preTriggerFilled(const Capture& c) const; // under m_mutex
    void armCanInput();
    std::size_t column(const std::string& channel, const char* what) const;
    void rethrowAcquisitionError(); // under no lock

    std::string m_name;
    IioDaqOptions m_options;
    core::ExchangeLog* m_log;
    const core::Clock& m_clock;
    core::InstrumentIdentity m_identity;
    std::vector<std::string> m_names;    // vocabulary names acquired
    std::vector<std::string> m_iioNames; // their IIO channels
    bool m_canTrigger = false;
    double m_rate = 0.0;                 // Hz, running
    std::int64_t m_epochNs = 0;          // CLOCK_REALTIME ns at bench time 0

    std::unique_ptr<IioClient> m_client;
    std::unique_ptr<IioStream> m_stream;
    std::thread m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::exception_ptr m_error;
    std::deque<Sample> m_ring;
    std::size_t m_ringCapacity = 0;
    std::int64_t m_lost = 0;
    std::optional<Capture> m_capture;
};

} // namespace v2gbench::drivers::iio
