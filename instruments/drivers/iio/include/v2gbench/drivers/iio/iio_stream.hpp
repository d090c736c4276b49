#pragma once
// Buffered acquisition from one IIO device through libiio (iio_device_create_buffer on its own
// network connection, iio_buffer_refill per block): selected channels converted to SI units,
// value = (raw + offset) * scale / 1000 (IIO convention: scale in mV or mA per LSB). When the
// device has a soft timestamp channel it is captured too and checked for continuity, so a lost
// block is counted instead of silently stitched into the waveform.
#include "v2gbench/drivers/iio/iio_client.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

struct iio_buffer;

namespace v2gbench::drivers::iio {

class IioStream {
public:
    // Enables `channels` (ids or names, in the order wanted) and the timestamp if present, and
    // opens a buffer of samplesPerBuffer. Throws core::InstrumentError.
    IioStream(IioClient& client, const std::string& device, const std::vector<std::string>& channels,
              std::size_t samplesPerBuffer);
    ~IioStream();
    IioStream(const IioStream&) = delete;
    IioStream& operator=(const IioStream&) = delete;

    // Blocks for the next block (bounded by the client's timeout); writes frames x channels SI
    // values, interleaved in the order given, into `out` (resized). Returns the frame count.
    // Throws core::InstrumentError naming the READBUF exchange.
    std::size_t read(std::vector<double>& out);
    // Unblocks a read() in progress from another thread (it then throws). Never throws.
    void cancel() noexcept;

    std::size_t channelCount() const { return m_channels.size(); }
    std::size_t samplesPerBuffer() const { return m_samples; }
    double sampleRate() const { return m_rate; }            // 0 when the device does not say
    std::int64_t samplesRead() const { return m_samplesRead; }
    std::int64_t lostSamples() const { return m_lost; }       // from timestamp gaps
    std::int64_t lastGap() const { return m_lastGap; }        // samples lost before the last block
    bool hasTimestamp() const { return m_timestamp != nullptr; }
    const std::vector<std::int64_t>& timestamps() const { return m_timestamps; } // of the last block, ns

private:
    struct Channel {
        iio_channel* channel;
        double factor; // SI per LSB
        double offset; // LSB
        bool fastS16;  // le:S16/16>>0: plain little-endian int16
        std::size_t bytes;
        bool isSigned;
        unsigned bits;
    };
    IioClient& m_client;
    iio_device* m_device = nullptr;
    std::string m_deviceId;
    std::vector<Channel> m_channels;
    iio_channel* m_timestamp = nullptr;
    iio_buffer* m_buffer = nullptr;
    std::size_t m_samples;
    double m_rate = 0.0;
    std::string m_readbufExchange;
    std::int64_t m_samplesRead = 0;
    std::int64_t m_lost = 0;
    std::int64_t m_lastGap = 0;
    bool m_haveLastTs = false;
    std::int64_t m_expectedTs = 0;
    std::vector<std::int64_t> m_timestamps;
    std::atomic<bool> m_cancelled{false};
};

} // namespace v2gbench::drivers::iio
