#include "v2gbench/sim/daq_recorder.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace v2gbench::sim {

namespace {

std::size_t channelIndex(const std::string& name, const char* what) {
    const auto& all = core::daqChannels();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (name == all[i].name) return i;
    std::string known;
    for (const auto& c : all) known += (known.empty() ? "" : ", ") + std::string(c.name);
    throw std::invalid_argument(std::string(what) + " '" + name + "' is not a daq channel (channels: " + known + ")");
}

std::string seconds(double s) {
    std::string text = std::to_string(s);
    while (text.size() > 1 && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text + " s";
}

} // namespace

void DaqRecorder::enable(double stepSize, double historySeconds) {
    if (core::daqChannels().size() != kDaqChannelCount)
        throw std::logic_error("DaqRecorder: the daq channel vocabulary changed; update kDaqChannelCount and Plant::daqValues");
    m_step = stepSize;
    m_capacity = static_cast<std::size_t>(std::llround(historySeconds / stepSize));
    m_ring.assign(m_capacity * kDaqChannelCount, 0.0);
    m_ringTime.assign(m_capacity, 0.0);
    m_written = 0;
}

void DaqRecorder::arm(const core::DaqCaptureRequest& request, double now) {
    if (!enabled()) throw std::logic_error("DaqRecorder::arm before enable");
    if (request.channels.empty()) throw std::invalid_argument("a capture needs at least one channel");
    std::vector<std::size_t> channels;
    for (const auto& name : request.channels) channels.push_back(channelIndex(name, "channel"));
    const double ratio = request.samplePeriod.value / m_step;
    const auto decimation = static_cast<std::int64_t>(std::llround(ratio));
    if (!(request.samplePeriod.value > 0.0) || decimation < 1 || std::abs(ratio - static_cast<double>(decimation)) > 1e-6)
        throw std::invalid_argument("sample period " + seconds(request.samplePeriod.value) +
                                    " is not a whole multiple of the acquisition step " + seconds(m_step));
    if (request.preTrigger.value < 0.0 || request.postTrigger.value < 0.0)
        throw std::invalid_argument("pre- and post-trigger times must not be negative");
    if (request.preTrigger.value + request.postTrigger.value > historySeconds())
        throw std::invalid_argument("pre-trigger " + seconds(request.preTrigger.value) + " + post-trigger " +
                                    seconds(request.postTrigger.value) + " exceeds the acquisition memory of " +
                                    seconds(historySeconds()));
    std::size_t triggerChannel = 0;
    using K = core::DaqTriggerKind;
    if (request.trigger.kind == K::Rising || request.trigger.kind == K::Falling)
        triggerChannel = channelIndex(request.trigger.channel, "trigger channel");
    m_request = request;
    m_channels = std::move(channels);
    m_decimation = decimation;
    m_triggerChannel = triggerChannel;
    m_armedAt = now;
    // An edge right after arming (the command issued once armed) counts: the last sample before
    // arming is the level it crosses from.
    m_havePrevious = m_written > 0;
    m_previous = m_latest[triggerChannel];
    m_armed = true;
    m_triggered = request.trigger.kind == K::Immediate;
    m_triggerTime = now;
}

void DaqRecorder::onSample(double time, const DaqValues& values) {
    if (m_capacity == 0) return;
    const std::size_t s = slot(m_written);
    std::copy(values.begin(), values.end(), m_ring.begin() + static_cast<std::ptrdiff_t>(s * kDaqChannelCount));
    m_ringTime[s] = time;
    ++m_written;
    m_latest = values;
    m_latestTime = time;
    if (!m_armed || m_triggered) return;
    using K = core::DaqTriggerKind;
    if (m_request.trigger.kind == K::Rising || m_request.trigger.kind == K::Falling) {
        const double v = values[m_triggerChannel];
        const double level = m_request.trigger.level;
        if (m_havePrevious) {
            const bool rising = m_previous < level && v >= level;
            const bool falling = m_previous > level && v <= level;
            if ((m_request.trigger.kind == K::Rising && rising) || (m_request.trigger.kind == K::Falling && falling)) {
                m_triggered = true;
                m_triggerTime = time;
            }
        }
        m_previous = v;
        m_havePrevious = true;
    }
}

void DaqRecorder::onFrame(std::uint32_t pgn, double time) {
    if (!m_armed || m_triggered || m_request.trigger.kind != core::DaqTriggerKind::CanFrame) return;
    if (pgn != m_request.trigger.pgn || time < m_armedAt) return;
    m_triggered = true;
    m_triggerTime = time;
}

std::optional<core::DaqCapture> DaqRecorder::take() {
    if (!m_armed || !m_triggered || m_written == 0) return std::nullopt;
    const double half = m_step / 2.0;
    const double end = m_triggerTime + m_request.postTrigger.value;
    if (m_latestTime < end - half) return std::nullopt;
    core::DaqCapture capture;
    capture.channels = m_request.channels;
    capture.triggerTime = m_triggerTime;
    capture.resolution = units::Seconds(m_step * static_cast<double>(m_decimation));
    const double begin = m_triggerTime - m_request.preTrigger.value;
    const std::int64_t oldest = std::max<std::int64_t>(0, m_written - static_cast<std::int64_t>(m_capacity));
    // Samples on the capture's own grid: every m_decimation-th step counted from the trigger's step.
    std::int64_t triggerIndex = oldest;
    for (std::int64_t i = m_written - 1; i >= oldest; --i)
        if (m_ringTime[slot(i)] <= m_triggerTime + half) {
            triggerIndex = i;
            break;
        }
    for (std::int64_t i = oldest; i < m_written; ++i) {
        const double t = m_ringTime[slot(i)];
        if (t < begin - half || t > end + half) continue;
        if ((i - triggerIndex) % m_decimation != 0) continue;
        core::DaqSample sample;
        sample.time = t;
        sample.values.reserve(m_channels.size());
        const double* row = &m_ring[slot(i) * kDaqChannelCount];
        for (std::size_t c : m_channels) sample.values.push_back(row[c]);
        capture.samples.push_back(std::move(sample));
    }
    m_armed = false;
    m_triggered = false;
    return capture;
}

} // namespace v2gbench::sim
