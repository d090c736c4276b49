#include "v2gbench/drivers/iio/iio_analyzer.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/iio/iio_client.hpp"
#include "v2gbench/drivers/iio/iio_stream.hpp"

#include <cmath>
#include <vector>

namespace v2gbench::drivers::iio {

IioAnalyzer::IioAnalyzer(std::string instrumentName, IioAnalyzerOptions options, core::ExchangeLog* log,
                         const core::Clock& clock)
    : m_name(std::move(instrumentName)), m_options(std::move(options)), m_log(log), m_clock(clock) {
    connect();
    if (m_options.sampleRate > 0)
        m_client->writeDeviceAttribute(m_options.device, "sampling_frequency", std::to_string(m_options.sampleRate));
    const std::string rate = m_client->readDeviceAttribute(m_options.device, "sampling_frequency");
    m_rate = std::strtod(rate.c_str(), nullptr);
    if (!(m_rate > 0.0))
        throw core::InstrumentError(m_name, "READ " + m_options.device + " sampling_frequency",
                                    "sample rate '" + rate + "' from " + m_options.uri + " is not a positive number");
    // Every channel must exist before anything streams: a missing one is a wiring error.
    iio_device* dev = m_client->device(m_options.device);
    for (const auto& c : m_options.channels) m_client->channel(dev, c);

    const auto attrs = m_client->contextAttributes();
    auto attr = [&](const char* key, const std::string& fallback) {
        auto it = attrs.find(key);
        return it != attrs.end() && !it->second.empty() ? it->second : fallback;
    };
    std::string deviceName;
    for (const auto& d : m_client->devices())
        if (d.id == m_options.device || d.name == m_options.device) deviceName = d.name;
    m_identity.manufacturer = attr("hw_vendor", "unknown");
    m_identity.model = attr("hw_model", deviceName.empty() ? "IIO ADC" : deviceName);
    m_identity.serial = attr("hw_serial", attr("uri", m_options.uri));
    m_identity.firmware = attr("fw_version", "");
}

IioAnalyzer::~IioAnalyzer() { makeSafe(); }

void IioAnalyzer::connect() {
    m_client = std::make_unique<IioClient>(m_options.uri, m_name, m_log, m_options.timeout);
}

core::Capabilities IioAnalyzer::capabilities() const {
    core::Capabilities caps{core::capability::acMeasurement, core::capability::dcMeasurement};
    if (m_options.phases == 3) caps.add(core::capability::threePhase);
    return caps;
}

double IioAnalyzer::now() const {
    return m_clock.now().value;
}

void IioAnalyzer::startStreaming() {
    stopStreaming();
    if (!m_client) connect();
    const std::size_t samples =
        m_options.bufferSamples > 0 ? m_options.bufferSamples : static_cast<std::size_t>(std::max(16.0, m_rate / 100.0));
    std::vector<std::string> channels(m_options.channels.begin(), m_options.channels.end());
    m_stream = std::make_unique<IioStream>(*m_client, m_options.device, channels, samples);
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
        m_running = true;
        m_error = nullptr;
    }
    m_thread = std::thread([this] { acquire(); });
}

void IioAnalyzer::stopStreaming() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    if (m_stream) m_stream->cancel();
    if (m_thread.joinable()) m_thread.join();
    m_stream.reset(); // CLOSE; bounded by the client timeout
    std::lock_guard lock(m_mutex);
    m_running = false;
}

void IioAnalyzer::acquire() {
    try {
        CycleAnalyzerConfig config;
        config.sampleRate = m_rate;
        config.phases = m_options.phases;
        CycleAnalyzer analyzer(config);
        std::vector<double> block;
        const auto sink = [this](const CycleResult& r) {
            const double t = now();
            std::lock_guard lock(m_mutex);
            m_latest = r;
            m_latestTime = t;
            ++m_sequence;
            m_cv.notify_all();
        };
        for (;;) {
            {
                std::lock_guard lock(m_mutex);
                if (m_stop) break;
            }
            const std::size_t frames = m_stream->read(block);
            // A gap would splice two unrelated waveform pieces into one "cycle": start over.
            if (m_stream->lastGap() > 0) analyzer.reset();
            analyzer.feed(block.data(), frames, sink);
            std::lock_guard lock(m_mutex);
            m_samples = m_stream->samplesRead();
            m_lost = m_stream->lostSamples();
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_stop) m_error = std::current_exception();
        m_running = false;
        m_cv.notify_all();
        return;
    }
    std::lock_guard lock(m_mutex);
    m_running = false;
    m_cv.notify_all();
}

CycleResult IioAnalyzer::readCycle() {
    bool start = false;
    {
        std::unique_lock lock(m_mutex);
        if (m_error) {
            auto error = m_error;
            m_error = nullptr;
            lock.unlock();
            // The link is in an unknown state: the next read() starts from a new connection.
            stopStreaming();
            m_client.reset();
            std::rethrow_exception(error);
        }
        start = !m_running;
    }
    if (start) startStreaming();
    std::unique_lock lock(m_mutex);
    // Bounded: one libiio timeout for the block in flight, plus the longest cycle and a block.
    const auto limit = std::chrono::duration<double>(2.0 * m_options.timeout.value + 0.5);
    const bool got = m_cv.wait_for(lock, limit, [&] { return m_sequence > m_returned || m_error || !m_running; });
    if (m_error) {
        auto error = m_error;
        m_error = nullptr;
        lock.unlock();
        stopStreaming();
        m_client.reset();
        std::rethrow_exception(error);
    }
    if (!got || m_sequence <= m_returned)
        throw core::InstrumentError(m_name, "READBUF " + m_options.device,
                                    "no complete measurement cycle from " + m_options.uri + " within " +
                                        std::to_string(limit.count()) + " s");
    m_returned = m_sequence;
    return m_latest;
}

core::AnalyzerReading IioAnalyzer::read() {
    const CycleResult r = readCycle();
    core::AnalyzerReading reading;
    {
        std::lock_guard lock(m_mutex);
        reading.timestamp = units::Seconds(m_latestTime);
    }
    reading.ac.voltage = units::Volts(r.voltageRms);
    reading.ac.current = units::Amperes(r.currentRms);
    reading.ac.activePower = units::Watts(r.activePower);
    reading.ac.reactivePower = units::Vars(r.reactivePower);
    reading.ac.apparentPower = units::Watts(r.apparentPower);
    reading.ac.powerFactor = units::Ratio(r.powerFactor);
    reading.ac.frequency = units::Hertz(r.frequency);
    reading.ac.currentThd = units::Ratio(r.currentThd);
    reading.dc.voltage = units::Volts(r.dcVoltage);
    reading.dc.current = units::Amperes(r.dcCurrent);
    reading.dc.power = units::Watts(r.dcPower);
    return reading;
}

void IioAnalyzer::makeSafe() noexcept {
    // Read-only instrument: the safe state is simply "not streaming".
    try {
        stopStreaming();
    } catch (...) {
    }
}

std::int64_t IioAnalyzer::samplesAcquired() const {
    std::lock_guard lock(m_mutex);
    return m_samples;
}

std::int64_t IioAnalyzer::lostSamples() const {
    std::lock_guard lock(m_mutex);
    return m_lost;
}

} // namespace v2gbench::drivers::iio
