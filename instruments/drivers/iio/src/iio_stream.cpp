#include "v2gbench/drivers/iio/iio_stream.hpp"

#include "v2gbench/core/errors.hpp"

#include <iio.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace v2gbench::drivers::iio {

namespace {
bool hasAttribute(const iio_channel* chn, const char* name) { return iio_channel_find_attr(chn, name) != nullptr; }
bool hasAttribute(const iio_device* dev, const char* name) { return iio_device_find_attr(dev, name) != nullptr; }

double parseNumber(const IioClient& client, const std::string& exchange, const std::string& text) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(v))
        throw core::InstrumentError(client.instrument(), exchange,
                                    "'" + text + "' from " + client.uri() + " is not a number");
    return v;
}
} // namespace

IioStream::IioStream(IioClient& client, const std::string& device, const std::vector<std::string>& channels,
                     std::size_t samplesPerBuffer)
    : m_client(client), m_samples(samplesPerBuffer) {
    m_device = client.device(device);
    m_deviceId = iio_device_get_id(m_device);
    // Start from a clean mask: the context may have been used for another buffer.
    for (unsigned c = 0; c < iio_device_get_channels_count(m_device); ++c)
        iio_channel_disable(iio_device_get_channel(m_device, c));

    for (const auto& name : channels) {
        iio_channel* chn = client.channel(m_device, name);
        if (!iio_channel_is_scan_element(chn))
            throw core::InstrumentError(client.instrument(), "PRINT",
                                        "channel '" + name + "' of " + m_deviceId + " on " + client.uri() +
                                            " is not a scan element: it cannot be streamed");
        const iio_data_format* f = iio_channel_get_data_format(chn);
        Channel c{chn, 1.0, 0.0, false, f->length / 8u, f->is_signed, f->bits};
        const std::string id = iio_channel_get_id(chn);
        if (hasAttribute(chn, "scale")) {
            const std::string exchange = "READ " + m_deviceId + " INPUT " + id + " scale";
            c.factor = parseNumber(client, exchange, client.readChannelAttribute(m_deviceId, id, "scale")) / 1000.0;
        } else if (f->with_scale) {
            c.factor = f->scale / 1000.0;
        }
        if (hasAttribute(chn, "offset")) {
            const std::string exchange = "READ " + m_deviceId + " INPUT " + id + " offset";
            c.offset = parseNumber(client, exchange, client.readChannelAttribute(m_deviceId, id, "offset"));
        }
        c.fastS16 = f->length == 16 && f->bits == 16 && f->is_signed && !f->is_be && f->shift == 0 && f->repeat <= 1;
        if (!c.fastS16 && (f->length > 64 || f->length % 8 != 0 || f->repeat > 1))
            throw core::InstrumentError(client.instrument(), "PRINT",
                                        "channel '" + name + "' of " + m_deviceId + " has an unsupported format");
        iio_channel_enable(chn);
        m_channels.push_back(c);
    }
    if (iio_channel* ts = iio_device_find_channel(m_device, "timestamp", false); ts && iio_channel_is_scan_element(ts)) {
        const iio_data_format* f = iio_channel_get_data_format(ts);
        if (f->length == 64) {
            m_timestamp = ts;
            iio_channel_enable(ts);
        }
    }
    if (hasAttribute(m_device, "sampling_frequency"))
        m_rate = parseNumber(client, "READ " + m_deviceId + " sampling_frequency",
                             client.readDeviceAttribute(m_deviceId, "sampling_frequency"));

    // The OPEN libiio sends for this buffer, in iiod terms.
    std::uint32_t mask = 0;
    for (unsigned c = 0; c < iio_device_get_channels_count(m_device) && c < 32; ++c)
        if (iio_channel_is_enabled(iio_device_get_channel(m_device, c))) mask |= 1u << c;
    char maskText[16];
    std::snprintf(maskText, sizeof maskText, "%08x", mask);
    const std::string exchange = "OPEN " + m_deviceId + " " + std::to_string(m_samples) + " " + maskText;
    client.record(core::Direction::ToInstrument, exchange);
    errno = 0;
    m_buffer = iio_device_create_buffer(m_device, m_samples, false);
    if (!m_buffer) client.fail(exchange, "iio_device_create_buffer", errno ? -errno : -EIO);
    client.record(core::Direction::FromInstrument, "0");
    const auto sampleSize = iio_device_get_sample_size(m_device);
    m_readbufExchange = "READBUF " + m_deviceId + " " + std::to_string(static_cast<long long>(m_samples) * sampleSize);
}

IioStream::~IioStream() {
    if (m_buffer) {
        m_client.record(core::Direction::ToInstrument, "CLOSE " + m_deviceId);
        iio_buffer_destroy(m_buffer);
    }
}

void IioStream::cancel() noexcept {
    m_cancelled = true;
    if (m_buffer) iio_buffer_cancel(m_buffer);
}

std::size_t IioStream::read(std::vector<double>& out) {
    if (m_cancelled)
        throw core::InstrumentError(m_client.instrument(), m_readbufExchange, "acquisition stopped");
    m_client.record(core::Direction::ToInstrument, m_readbufExchange);
    const auto started = std::chrono::steady_clock::now();
    const ssize_t got = iio_buffer_refill(m_buffer);
    if (got < 0) {
        if (m_cancelled)
            throw core::InstrumentError(m_client.instrument(), m_readbufExchange, "acquisition stopped");
        // libiio 0.24 reports a reply that never came as a broken pipe; say what happened.
        const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (waited >= 0.9 * m_client.timeout().value)
            m_client.fail(m_readbufExchange,
                          "iio_buffer_refill (no data within the " +
                              std::to_string(static_cast<long>(std::lround(m_client.timeout().value * 1000))) +
                              " ms timeout)",
                          static_cast<int>(got));
        m_client.fail(m_readbufExchange, "iio_buffer_refill", static_cast<int>(got));
    }
    const ptrdiff_t step = iio_buffer_step(m_buffer);
    const auto* end = static_cast<const unsigned char*>(iio_buffer_end(m_buffer));
    const auto* start = static_cast<const unsigned char*>(iio_buffer_start(m_buffer));
    const std::size_t frames = step > 0 ? static_cast<std::size_t>(end - start) / static_cast<std::size_t>(step) : 0;
    m_client.record(core::Direction::FromInstrument, std::to_string(got) + " bytes, " + std::to_string(frames) + " samples");
    const std::size_t nch = m_channels.size();
    out.resize(frames * nch);
    for (std::size_t c = 0; c < nch; ++c) {
        const Channel& ch = m_channels[c];
        const auto* p = static_cast<const unsigned char*>(iio_buffer_first(m_buffer, ch.channel));
        double* o = out.data() + c;
        if (ch.fastS16) {
            for (std::size_t n = 0; n < frames; ++n, p += step, o += nch) {
                const auto raw = static_cast<std::int16_t>(static_cast<std::uint16_t>(p[0] | (p[1] << 8)));
                *o = (raw + ch.offset) * ch.factor;
            }
        } else {
            unsigned char converted[8];
            for (std::size_t n = 0; n < frames; ++n, p += step, o += nch) {
                std::memset(converted, 0, sizeof converted);
                iio_channel_convert(ch.channel, converted, p); // host order, shifted, sign-extended to length
                std::int64_t raw = 0;
                if (ch.bytes == 1) raw = ch.isSigned ? static_cast<std::int8_t>(converted[0]) : converted[0];
                else if (ch.bytes == 2) {
                    std::int16_t v;
                    std::memcpy(&v, converted, 2);
                    raw = ch.isSigned ? v : static_cast<std::uint16_t>(v);
                } else if (ch.bytes == 4) {
                    std::int32_t v;
                    std::memcpy(&v, converted, 4);
                    raw = ch.isSigned ? v : static_cast<std::uint32_t>(v);
                } else {
                    std::memcpy(&raw, converted, 8);
                }
                *o = (static_cast<double>(raw) + ch.offset) * ch.factor;
            }
        }
    }
    m_lastGap = 0;
    if (m_timestamp) {
        m_timestamps.resize(frames);
        const auto* p = static_cast<const unsigned char*>(iio_buffer_first(m_buffer, m_timestamp));
        for (std::size_t n = 0; n < frames; ++n, p += step) {
            std::int64_t ts = 0;
            iio_channel_convert(m_timestamp, &ts, p);
            m_timestamps[n] = ts;
        }
        if (frames > 0 && m_rate > 0.0) {
            // Continuity: the block must start one sample period after the previous block ended.
            if (m_haveLastTs) {
                const double gap = static_cast<double>(m_timestamps.front() - m_expectedTs) * m_rate / 1e9;
                const auto lost = static_cast<std::int64_t>(std::llround(gap));
                if (lost > 0) {
                    m_lastGap = lost;
                    m_lost += lost;
                }
            }
            m_haveLastTs = true;
            m_expectedTs = m_timestamps.back() + static_cast<std::int64_t>(std::llround(1e9 / m_rate));
        }
    }
    m_samplesRead += static_cast<std::int64_t>(frames);
    return frames;
}

} // namespace v2gbench::drivers::iio
