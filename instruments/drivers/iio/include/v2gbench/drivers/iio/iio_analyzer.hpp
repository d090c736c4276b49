#pragma once
// Driver "iio-analyzer": the analyzer role on an IIO ADC front-end (AD7606-style, 8 channels
// v_a v_b v_c i_a i_b i_c v_dc i_dc with scale attributes) reached through libiio. A background
// thread streams the waveforms continuously and feeds a CycleAnalyzer; read() returns the next
// complete cycle's measurement. Sign convention: the front-end's transducers are oriented so that
// AC power is positive from the grid into the charger and DC current positive into the battery.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"
#include "v2gbench/drivers/iio/cycle_analyzer.hpp"

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace v2gbench::drivers::iio {

class IioClient;
class IioStream;

struct IioAnalyzerOptions {
    std::string uri;                 // libiio URI, "ip:127.0.0.1:30431"
    std::string device = "iio:device0"; // id, name or label
    // Channels carrying v_a v_b v_c i_a i_b i_c v_dc i_dc (ids or names).
    std::array<std::string, kSignalCount> channels{"v_a", "v_b", "v_c", "i_a", "i_b", "i_c", "v_dc", "i_dc"};
    int sampleRate = 0;              // Hz per channel, written to sampling_frequency; 0 = as configured
    std::size_t bufferSamples = 0;   // per refill; 0 = 10 ms worth
    units::Seconds timeout{2.0};     // every libiio operation
    int phases = 3;
};

class IioAnalyzer final : public core::PowerAnalyzer {
public:
    // Connects and checks the device and its channels. Throws core::InstrumentError.
    // clock stamps readings (read on the acquisition thread); it outlives the analyzer
    // (DriverRequest's contract).
    IioAnalyzer(std::string instrumentName, IioAnalyzerOptions options, core::ExchangeLog* log,
                const core::Clock& clock);
    ~IioAnalyzer() override;

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override;
    // Starts streaming on first use; returns a cycle completed after the previous read().
    // Throws core::InstrumentError when the stream failed (the next read() reconnects).
    core::AnalyzerReading read() override;
    // Stops streaming. Bounded by the client timeout; never throws.
    void makeSafe() noexcept override;

    // The latest per-cycle result itself (read() maps it to the role's reading).
    CycleResult readCycle();
    double sampleRate() const { return m_rate; }
    std::int64_t samplesAcquired() const;
    std::int64_t lostSamples() const;

private:
    void connect();
    void startStreaming();
    void stopStreaming() noexcept;
    void acquire();
    double now() const;

    std::string m_name;
    IioAnalyzerOptions m_options;
    core::ExchangeLog* m_log;
    const core::Clock& m_clock;
    core::InstrumentIdentity m_identity;
    double m_rate = 0.0;

    std::unique_ptr<IioClient> m_client;
    std::unique_ptr<IioStream> m_stream;
    std::thread m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_running = false;
    std::exception_ptr m_error;
    CycleResult m_latest{};
    double m_latestTime = 0.0;
    std::uint64_t m_sequence = 0;     // results produced
    std::uint64_t m_returned = 0;     // last sequence read() returned
    std::int64_t m_samples = 0;
    std::int64_t m_lost = 0;
};

} // namespace v2gbench::drivers::iio
