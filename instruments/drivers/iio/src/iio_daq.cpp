#include "v2gbench/drivers/iio/iio_daq.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/iio/iio_client.hpp"
#include "v2gbench/drivers/iio/iio_stream.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace v2gbench::drivers::iio {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", s);
    return text;
}

std::int64_t realtimeNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace

std::map<std::string, std::string> parseDaqChannelMap(const std::string& text) {
    std::map<std::string, std::string> map;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string entry = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        if (entry.empty()) continue;
        const auto eq = entry.find('=');
        const std::string name = eq == std::string::npos ? "" : trim(entry.substr(0, eq));
        const std::string channel = eq == std::string::npos ? "" : trim(entry.substr(eq + 1));
        if (name.empty() || channel.empty())
            throw std::invalid_argument("channel map entry '" + entry + "' is not <daq channel>=<IIO channel>");
        if (!core::daqChannel(name)) {
            std::string known;
            for (const auto& c : core::daqChannels())
                known += (known.empty() ? "" : ", ") + std::string(c.name);
            throw std::invalid_argument("channel map entry '" + entry + "': '" + name + "' is not a daq channel (" + known + ")");
        }
        if (!map.emplace(name, channel).second)
            throw std::invalid_argument("channel map names '" + name + "' twice");
    }
    return map;
}

IioDaq::IioDaq(std::string instrumentName, IioDaqOptions options, core::ExchangeLog* log, const core::Clock& clock)
    : m_name(std::move(instrumentName)), m_options(std::move(options)), m_log(log), m_clock(clock) {
    m_client = std::make_unique<IioClient>(m_options.uri, m_name, m_log, m_options.timeout);
    const IioDeviceInfo* device = nullptr;
    const auto devices = m_client->devices();
    for (const auto& d : devices)
        if (d.id == m_options.device || d.name == m_options.device) device = &d;
    if (!device) throw std::invalid_argument(m_name + ": " + m_options.uri + " has no IIO device '" + m_options.device + "'");
    const auto hasChannel = [&](const std::string& c) {
        return std::any_of(device->channels.begin(), device->channels.end(),
                           [&](const IioChannelInfo& i) { return !i.output && i.scanElement && (i.id == c || i.name == c); });
    };
    for (const auto& info : core::daqChannels()) {
        const std::string name = info.name;
        std::string iioName;
        if (m_options.channelMap.empty()) {
            if (!hasChannel(name)) continue;
            iioName = name;
        } else {
            const auto it = m_options.channelMap.find(name);
            if (it == m_options.channelMap.end()) continue;
            if (!hasChannel(it->second))
                throw std::invalid_argument(m_name + ": channel map puts " + name + " on IIO channel '" + it->second + "', which " +
                                            m_options.device + " does not have");
            iioName = it->second;
        }
        m_names.push_back(name);
        m_iioNames.push_back(iioName);
    }
    if (m_names.empty()) throw std::invalid_argument(m_name + ": " + m_options.device + " carries no daq channel");
    if (m_names.size() > kMaxChannels) throw std::invalid_argument(m_name + ": too many channels");
    const auto& attrs = device->attributes;
    m_canTrigger = std::find(attrs.begin(), attrs.end(), "can_trigger_pgn") != attrs.end() &&
                   std::find(attrs.begin(), attrs.end(), "can_trigger_time") != attrs.end();

    const auto contextAttrs = m_client->contextAttributes();
    const auto attr = [&](const char* key, const std::string& fallback) {
        const auto it = contextAttrs.find(key);
        return it != contextAttrs.end() && !it->second.empty() ? it->second : fallback;
    };
    m_identity.manufacturer = attr("hw_vendor", "unknown");
    m_identity.model = device->name.empty() ? device->id : device->name;
    m_identity.serial = attr("hw_serial", m_options.uri);
    m_identity.firmware = attr("fw_version", "");

    // The bench clock's zero on CLOCK_REALTIME: the clock's own wall epoch (the one the can-monitor
    // maps frame times with, so daq samples and frames share one time base); a clock without one
    // (virtual) is paired with the system time once (a few µs apart).
    if (const auto epoch = m_clock.wallEpoch())
        m_epochNs = std::chrono::duration_cast<std::chrono::nanoseconds>(epoch->time_since_epoch()).count();
    else
        m_epochNs = realtimeNowNs() - std::llround(m_clock.now().value * 1e9);
    startStreaming();
}

IioDaq::~IioDaq() { stopStreaming(); }

core::Capabilities IioDaq::capabilities() const {
    core::Capabilities c;
    if (m_canTrigger) c.add(core::capability::daqCanTrigger);
    return c;
}

units::Seconds IioDaq::resolution() const {
    std::lock_guard lock(m_mutex);
    return units::Seconds(1.0 / m_rate);
}

void IioDaq::startStreaming() {
    const std::string rate = m_client->readDeviceAttribute(m_options.device, "sampling_frequency");
    char* end = nullptr;
    const double hz = std::strtod(rate.c_str(), &end);
    if (!(hz > 0.0))
        throw core::InstrumentError(m_name, "READ " + m_options.device + " sampling_frequency",
                                    "sample rate '" + rate + "' is not a positive number");
    // 10 ms per refill: a trigger is seen within about one block of its edge.
    const auto block = static_cast<std::size_t>(std::max(1.0, std::floor(hz / 100.0)));
    m_stream = std::make_unique<IioStream>(*m_client, m_options.device, m_iioNames, block);
    if (!m_stream->hasTimestamp())
        throw core::InstrumentError(m_name, "OPEN " + m_options.device,
                                    "the device has no timestamp channel: its samples cannot be put on the bench time base");
    {
        std::lock_guard lock(m_mutex);
        m_rate = hz;
        m_ringCapacity = static_cast<std::size_t>(std::ceil(m_options.history.value * hz)) + 1;
        m_ring.clear();
        m_stop = false;
        m_error = nullptr;
    }
    m_thread = std::thread([this] { acquire(); });
}

void IioDaq::stopStreaming() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    if (m_stream) m_stream->cancel();
    if (m_thread.joinable()) m_thread.join();
    m_stream.reset();
}

void IioDaq::acquire() {
    try {
        std::vector<double> block;
        const std::size_t n = m_names.size();
        for (;;) {
            {
                std::lock_guard lock(m_mutex);
                if (m_stop) return;
            }
            const std::size_t frames = m_stream->read(block);
            const auto& stamps = m_stream->timestamps();
            std::lock_guard lock(m_mutex);
            m_lost = m_stream->lostSamples();
            for (std::size_t f = 0; f < frames; ++f) {
                Sample s;
                s.time = static_cast<double>(stamps.at(f) - m_epochNs) * 1e-9;
                std::copy_n(block.begin() + static_cast<std::ptrdiff_t>(f * n), n, s.values.begin());
                if (m_capture) scanForTrigger(s);
                m_ring.push_back(s);
                if (m_ring.size() > m_ringCapacity) m_ring.pop_front();
            }
            m_cv.notify_all();
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        if (!m_stop) m_error = std::current_exception();
        m_cv.notify_all();
    }
}

void IioDaq::scanForTrigger(const Sample& s) {
    Capture& c = *m_capture;
    if (c.triggerTime) return;
    const double v = s.values[c.triggerColumn];
    // Samples before arming still set the level an edge crosses from: a command issued once armed
    // can act within the first sample period, and its edge is then the first sample after arming.
    // As an oscilloscope: no trigger before the pre-trigger samples exist.
    if (s.time < c.armedAt || !preTriggerFilled(c)) {
        c.havePrevious = true;
        c.previous = v;
        return;
    }
    using K = core::DaqTriggerKind;
    switch (c.request.trigger.kind) {
    case K::Immediate: c.triggerTime = s.time; break;
    case K::Rising:
        if (c.havePrevious && c.previous < c.request.trigger.level && v >= c.request.trigger.level) c.triggerTime = s.time;
        break;
    case K::Falling:
        if (c.havePrevious && c.previous > c.request.trigger.level && v <= c.request.trigger.level) c.triggerTime = s.time;
        break;
    case K::CanFrame: break; // the device's CAN input says when (fetch)
    }
    c.havePrevious = true;
    c.previous = v;
}

std::size_t IioDaq::column(const std::string& channel, const char* what) const {
    const auto it = std::find(m_names.begin(), m_names.end(), channel);
    if (it != m_names.end()) return static_cast<std::size_t>(it - m_names.begin());
    std::string offered;
    for (const auto& n : m_names)
        offered += (offered.empty() ? "" : ", ") + n;
    throw core::CapabilityError(m_name + ": " + what + " '" + channel + "' is not acquired (channels: " + offered + ")");
}

void IioDaq::rethrowAcquisitionError() {
    std::exception_ptr error;
    {
        std::lock_guard lock(m_mutex);
        error = m_error;
    }
    if (!error) return;
    // The link is in an unknown state: start over on a new buffer, then report.
    stopStreaming();
    try {
        startStreaming();
    } catch (...) {
    }
    std::rethrow_exception(error);
}

core::DaqSample IioDaq::read() {
    rethrowAcquisitionError();
    std::unique_lock lock(m_mutex);
    const auto timeout = std::chrono::duration<double>(m_options.timeout.value);
    if (!m_cv.wait_for(lock, timeout, [&] { return !m_ring.empty() || m_error; }) || m_ring.empty())
        throw core::InstrumentError(m_name, "READBUF " + m_options.device, "no sample within " + seconds(m_options.timeout.value));
    const Sample& s = m_ring.back();
    return {s.time, std::vector<double>(s.values.begin(), s.values.begin() + static_cast<std::ptrdiff_t>(m_names.size()))};
}

void IioDaq::arm(const core::DaqCaptureRequest& request) {
    rethrowAcquisitionError();
    Capture c;
    c.request = request;
    if (request.channels.empty()) throw core::CapabilityError(m_name + ": a capture needs at least one channel");
    for (const auto& ch : request.channels)
        c.columns.push_back(column(ch, "channel"));
    using K = core::DaqTriggerKind;
    if (request.trigger.kind == K::Rising || request.trigger.kind == K::Falling)
        c.triggerColumn = column(request.trigger.channel, "trigger channel");
    if (request.trigger.kind == K::CanFrame && !m_canTrigger)
        throw core::CapabilityError(m_name + ": " + m_options.device +
                                    " has no CAN input (no can_trigger_pgn attribute): it cannot trigger on a CAN frame");
    if (!(request.preTrigger.value >= 0.0) || !(request.postTrigger.value > 0.0))
        throw core::CapabilityError(m_name + ": pre-trigger must be >= 0 s and post-trigger > 0 s");
    if (request.preTrigger.value + request.postTrigger.value > m_options.history.value)
        throw core::CapabilityError(m_name + ": pre + post = " + seconds(request.preTrigger.value + request.postTrigger.value) +
                                    " exceeds the history of " + seconds(m_options.history.value));
    const double period = request.samplePeriod.value;
    if (!(period > 0.0)) throw core::CapabilityError(m_name + ": the sample period must be positive");
    double running;
    {
        std::lock_guard lock(m_mutex);
        running = 1.0 / m_rate;
    }
    const double ratio = period / running;
    if (ratio >= 1.0 - 1e-9 && std::abs(ratio - std::round(ratio)) < 1e-6) {
        c.decimation = static_cast<std::int64_t>(std::llround(ratio));
    } else {
        // Another sample clock: the device must run it exactly (whole Hz, a rate it accepts).
        const double hz = 1.0 / period;
        if (std::abs(hz - std::round(hz)) > 1e-6 * hz)
            throw core::CapabilityError(m_name + ": a sample period of " + seconds(period) + " is not a whole number of Hz");
        stopStreaming();
        try {
            m_client->writeDeviceAttribute(m_options.device, "sampling_frequency", std::to_string(std::llround(hz)));
        } catch (const core::InstrumentError& e) {
            startStreaming();
            throw core::CapabilityError(m_name + ": the device cannot sample every " + seconds(period) + ": " + e.what());
        }
        startStreaming();
        c.decimation = 1;
    }
    c.armedAt = m_clock.now().value;
    bool armCan = false;
    {
        std::lock_guard lock(m_mutex);
        m_capture = std::move(c); // re-arming discards an unfinished capture
        if (!m_ring.empty()) { // the last sample delivered is the level the first edge crosses from
            m_capture->havePrevious = true;
            m_capture->previous = m_ring.back().values[m_capture->triggerColumn];
        }
        armCan = m_capture->request.trigger.kind == K::CanFrame && preTriggerFilled(*m_capture);
    }
    if (armCan) armCanInput();
}

bool IioDaq::preTriggerFilled(const Capture& c) const {
    return !m_ring.empty() && m_ring.back().time - m_ring.front().time >= c.request.preTrigger.value - 0.5 / m_rate;
}

void IioDaq::armCanInput() {
    std::uint32_t pgn = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!m_capture) return;
        pgn = m_capture->request.trigger.pgn;
    }
    m_client->writeDeviceAttribute(m_options.device, "can_trigger_pgn", std::to_string(pgn));
    std::lock_guard lock(m_mutex);
    if (m_capture) m_capture->canArmed = true;
}

std::optional<core::DaqCapture> IioDaq::fetch() {
    rethrowAcquisitionError();
    bool needCanTime = false, needCanArm = false;
    {
        std::lock_guard lock(m_mutex);
        if (!m_capture) return std::nullopt;
        const bool can = m_capture->request.trigger.kind == core::DaqTriggerKind::CanFrame && !m_capture->triggerTime;
        needCanArm = can && !m_capture->canArmed;
        if (needCanArm && !preTriggerFilled(*m_capture)) return std::nullopt;
        needCanTime = can && !needCanArm;
    }
    if (needCanArm) {
        armCanInput();
        return std::nullopt;
    }
    if (needCanTime) {
        const std::string text = m_client->readDeviceAttribute(m_options.device, "can_trigger_time");
        if (text == "none") return std::nullopt;
        char* end = nullptr;
        const long long ns = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0')
            throw core::InstrumentError(m_name, "READ " + m_options.device + " can_trigger_time", "not a time in ns: '" + text + "'");
        std::lock_guard lock(m_mutex);
        if (m_capture) m_capture->triggerTime = static_cast<double>(ns - m_epochNs) * 1e-9;
    }
    std::lock_guard lock(m_mutex);
    if (!m_capture || !m_capture->triggerTime || m_ring.empty()) return std::nullopt;
    const Capture& c = *m_capture;
    const double t0 = *c.triggerTime;
    const double from = t0 - c.request.preTrigger.value, to = t0 + c.request.postTrigger.value;
    const double half = 0.5 / m_rate;
    if (m_ring.back().time < to - half) return std::nullopt; // still acquiring
    core::DaqCapture out;
    out.channels = c.request.channels;
    out.triggerTime = t0;
    out.resolution = units::Seconds(static_cast<double>(c.decimation) / m_rate);
    // Decimation keeps the first sample at or after the trigger on the grid (a CAN frame's time
    // falls between samples; an edge's is its own sample).
    std::size_t first = 0;
    while (first < m_ring.size() && m_ring[first].time < t0 - 1e-9)
        ++first;
    const auto d = static_cast<std::ptrdiff_t>(c.decimation);
    for (std::size_t i = 0; i < m_ring.size(); ++i) {
        const Sample& s = m_ring[i];
        if (s.time < from - half || s.time > to + half) continue;
        if ((static_cast<std::ptrdiff_t>(i) - static_cast<std::ptrdiff_t>(first)) % d != 0) continue;
        core::DaqSample sample;
        sample.time = s.time;
        for (std::size_t col : c.columns)
            sample.values.push_back(s.values[col]);
        out.samples.push_back(std::move(sample));
    }
    m_capture.reset();
    return out;
}

std::int64_t IioDaq::lostSamples() const {
    std::lock_guard lock(m_mutex);
    return m_lost;
}

void IioDaq::makeSafe() noexcept {
    {
        std::lock_guard lock(m_mutex);
        m_capture.reset();
    }
    stopStreaming();
}

} // namespace v2gbench::drivers::iio
