// Vector BLF, as python-can's can/io/blf.py reads and writes it (after Toby Lorenz' vector_blf):
//   file header  "LOGG", u32 header size (144), …, SYSTEMTIME start at byte 40 (8 × u16: year,
//                month, weekday, day, hour, minute, second, millisecond; local time without a zone,
//                read as UTC), padded to the header size.
//   objects      "LOBJ", u16 header size, u16 header version, u32 object size, u32 object type,
//                followed by object-size % 4 padding bytes.
//   LOG_CONTAINER (10): u16 compression (0 none, 2 zlib), 6 pad, u32 uncompressed size, 4 pad,
//                data: more objects, which may continue into the next container.
//   inner object header v1: u32 flags (1 = 10 µs ticks, else ns), u16 client, u16 version,
//                u64 time since the start; v2 adds 8 bytes (original time stamp).
//   CAN_MESSAGE (1), CAN_MESSAGE2 (86): u16 channel, u8 flags (0x01 Tx, 0x80 remote), u8 dlc,
//                u32 id (0x80000000 = extended), 8 data bytes.
//   CAN_ERROR_EXT (73): an error frame.  CAN_FD_MESSAGE (100), CAN_FD_MESSAGE_64 (101): read
//                when they carry a classic frame; CAN FD frames are refused (classic CAN only).
// Containers are inflated one at a time (at most kMaxContainerBytes each), so memory stays bounded.
#include "blf_reader.hpp"

#include "text_fields.hpp"

#include <zlib.h>

#include <cstring>
#include <vector>

namespace v2gbench::traces::detail {

namespace {

constexpr std::uint32_t kCanMessage = 1, kLogContainer = 10, kCanErrorExt = 73, kCanMessage2 = 86, kCanFdMessage = 100,
                        kCanFdMessage64 = 101;
constexpr std::size_t kMaxContainerBytes = 64 * 1024 * 1024;
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 | static_cast<std::uint32_t>(p[2]) << 16 |
           static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint64_t u64(const unsigned char* p) { return static_cast<std::uint64_t>(u32(p)) | static_cast<std::uint64_t>(u32(p + 4)) << 32; }

class BlfReader final : public TraceReader {
public:
    explicit BlfReader(std::unique_ptr<ByteSource> source) : m_source(std::move(source)) {
        m_info.name = m_source->name();
        m_info.format = TraceFormat::VectorBlf;
        m_info.encoding = TextEncoding::Binary;
        m_info.binary = true;
        unsigned char fixed[72];
        if (!readExact(fixed, 8) || std::memcmp(fixed, "LOGG", 4) != 0)
            throw UnreadableTrace(m_info.name + ": not a BLF file (no 'LOGG' signature at the start)\n  supported: " +
                                  supportedFormats());
        const std::uint32_t headerSize = u32(fixed + 4);
        if (headerSize < sizeof fixed || headerSize > kMaxHeaderBytes || !readExact(fixed + 8, sizeof fixed - 8))
            throw UnreadableTrace(m_info.name + ": a BLF file whose header is cut or " + std::to_string(headerSize) +
                                  " bytes long (expected 72 to 65536); nothing was decoded");
        if (!skip(headerSize - sizeof fixed))
            throw UnreadableTrace(m_info.name + ": a BLF file cut inside its header; nothing was decoded");
        const std::uint16_t year = u16(fixed + 40), month = u16(fixed + 42), day = u16(fixed + 46);
        if (year >= 1970 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
            m_startUs = daysFromCivil(year, month, day) * 86400'000'000LL +
                        ((u16(fixed + 48) * 60LL + u16(fixed + 50)) * 60 + u16(fixed + 52)) * 1'000'000LL +
                        u16(fixed + 54) * 1000LL;
            m_info.detail = "times from the header's start time (local time without a zone, read as UTC; 1 ms)";
        } else {
            m_info.detail = "no start time in the header: times from 0";
        }
    }

protected:
    bool nextFrame(transports::TraceFrame& out) override {
        for (;;) {
            const Inner r = nextInner(out);
            if (r == Inner::Frame) return true;
            if (r == Inner::Stop) return false;
            if (!loadContainer()) return false;
        }
    }

private:
    enum class Inner { Frame, NeedMore, Stop };

    bool readExact(unsigned char* into, std::size_t n) {
        std::size_t got = 0;
        while (got < n) {
            const std::size_t k = m_source->read(reinterpret_cast<char*>(into) + got, n - got);
            if (k == 0) return false;
            got += k;
        }
        return true;
    }

    bool skip(std::size_t n) {
        char scratch[4096];
        while (n > 0) {
            const std::size_t k = m_source->read(scratch, std::min(n, sizeof scratch));
            if (k == 0) return false;
            n -= k;
        }
        return true;
    }

    void stop(const std::string& why) {
        problem({ProblemKind::Malformed, m_object, where(m_object) + why});
        m_stopped = true;
    }

    // The next frame from the inflated bytes; NeedMore when they end inside an object.
    Inner nextInner(transports::TraceFrame& out) {
        if (m_stopped) return Inner::Stop;
        const auto* data = reinterpret_cast<const unsigned char*>(m_data.data());
        for (;;) {
            // Objects are followed by padding: the next one starts within 8 bytes (python-can does the same).
            std::size_t at = m_pos;
            while (at < m_data.size() && at < m_pos + 8 && (m_data.size() - at < 4 || std::memcmp(data + at, "LOBJ", 4) != 0)) ++at;
            if (m_data.size() - at < 16) return Inner::NeedMore;
            if (std::memcmp(data + at, "LOBJ", 4) != 0) {
                stop("no object signature 'LOBJ' where the next object should start; the rest of the file is not read");
                return Inner::Stop;
            }
            const unsigned char* h = data + at;
            const std::uint16_t headerVersion = u16(h + 6);
            const std::uint32_t size = u32(h + 8), type = u32(h + 12);
            if (size < 16 || size > kMaxContainerBytes) {
                stop("object of " + std::to_string(size) + " bytes: the file is damaged; the rest is not read");
                return Inner::Stop;
            }
            if (m_data.size() - at < size) return Inner::NeedMore;
            m_pos = at + size;
            ++m_object;
            const std::size_t headerBytes = headerVersion == 1 ? 32 : headerVersion == 2 ? 40 : 0;
            if (headerBytes == 0 || size < headerBytes) {
                problem({ProblemKind::Malformed, m_object,
                         where(m_object) + "object header version " + std::to_string(headerVersion) + " is not 1 or 2: skipped"});
                continue;
            }
            const std::uint32_t flags = u32(h + 16);
            const std::uint64_t ticks = u64(h + 24);
            const unsigned char* p = h + headerBytes;
            const std::size_t payload = size - headerBytes;
            transports::CanFrame& f = out.frame;
            f = transports::CanFrame{};
            std::uint32_t id = 0;
            if (type == kCanMessage || type == kCanMessage2) {
                if (payload < 16) continue;
                f.remote = (p[2] & 0x80) != 0;
                f.dlc = p[3];
                id = u32(p + 4);
                if (!frame(f, id, p + 8)) continue;
            } else if (type == kCanErrorExt) {
                f.error = true;
            } else if (type == kCanFdMessage) {
                if (payload < 84) continue;
                if (p[13] & 0x1) {
                    problem({ProblemKind::Malformed, m_object, where(m_object) + "CAN FD frame: not supported (classic CAN only)"});
                    continue;
                }
                f.remote = (p[2] & 0x80) != 0;
                f.dlc = p[3];
                id = u32(p + 4);
                if (!frame(f, id, p + 20)) continue;
            } else if (type == kCanFdMessage64) {
                if (payload < 40 + 8) continue;
                const std::uint32_t fdFlags = u32(p + 16);
                if (fdFlags & 0x1000) {
                    problem({ProblemKind::Malformed, m_object, where(m_object) + "CAN FD frame: not supported (classic CAN only)"});
                    continue;
                }
                f.remote = (fdFlags & 0x10) != 0;
                f.dlc = p[1];
                id = u32(p + 4);
                if (!frame(f, id, p + 40)) continue;
            } else {
                continue; // other bus systems, markers, statistics
            }
            // TIME_TEN_MICS (flags 1): 10 µs ticks; otherwise nanoseconds (rounded to µs).
            const std::uint64_t us = flags == 1 ? ticks * 10 : (ticks + 500) / 1000;
            if (us > static_cast<std::uint64_t>(kMaxTimestampUs) || ticks > static_cast<std::uint64_t>(kMaxTimestampUs)) {
                problem({ProblemKind::TimeOutOfRange, m_object, where(m_object) + "time stamp " + std::to_string(ticks) + " is out of range"});
                continue;
            }
            f.timestamp = std::chrono::microseconds(m_startUs + static_cast<std::int64_t>(us));
            m_info.resolutionUs = flags == 1 ? 10 : 1;
            out.line = m_object;
            return Inner::Frame;
        }
    }

    bool frame(transports::CanFrame& f, std::uint32_t id, const unsigned char* bytes) {
        if (f.dlc > 8) {
            problem({ProblemKind::Malformed, m_object,
                     where(m_object) + "DLC " + std::to_string(f.dlc) + " (a CAN FD length): not supported (classic CAN only)"});
            return false;
        }
        f.extended = (id & 0x80000000u) != 0;
        f.id = id & 0x1FFFFFFFu;
        if (!f.extended && f.id > 0x7FF) {
            problem({ProblemKind::Malformed, m_object, where(m_object) + "standard id above 0x7FF"});
            return false;
        }
        if (!f.remote) std::memcpy(f.data.data(), bytes, f.dlc);
        return true;
    }

    // Reads top-level objects until a container's data has been appended; false at the end.
    bool loadContainer() {
        m_data.erase(m_data.begin(), m_data.begin() + static_cast<std::ptrdiff_t>(std::min(m_pos, m_data.size())));
        m_pos = 0;
        for (;;) {
            unsigned char h[16];
            std::size_t got = 0;
            while (got < sizeof h) {
                const std::size_t k = m_source->read(reinterpret_cast<char*>(h) + got, sizeof h - got);
                if (k == 0) break;
                got += k;
            }
            if (got == 0 && m_padding) return finish();
            if (got < sizeof h) {
                // Padding after the previous object may be up to 3 bytes: only whole objects count.
                if (got <= 3 && std::memcmp(h, "\0\0\0", got) == 0) return finish();
                stop("the file ends inside an object header");
                return false;
            }
            std::size_t lead = 0; // padding bytes before the signature
            while (lead < 4 && std::memcmp(h + lead, "LOBJ", 4) != 0) ++lead;
            if (lead == 4) {
                stop("no object signature 'LOBJ' at the top level; the rest of the file is not read");
                return false;
            }
            if (lead > 0) {
                std::memmove(h, h + lead, sizeof h - lead);
                if (!readExact(h + sizeof h - lead, lead)) {
                    stop("the file ends inside an object header");
                    return false;
                }
            }
            const std::uint32_t size = u32(h + 8), type = u32(h + 12);
            if (size < 16 || size > kMaxContainerBytes) {
                stop("top-level object of " + std::to_string(size) + " bytes: the file is damaged; the rest is not read");
                return false;
            }
            m_padding = true;
            if (type != kLogContainer) {
                if (!skip(size - 16)) return finish();
                continue;
            }
            m_compressed.resize(size - 16);
            if (!readExact(m_compressed.data(), m_compressed.size()) || m_compressed.size() < 16) {
                stop("the file ends inside a LOG_CONTAINER");
                return false;
            }
            const std::uint16_t method = u16(m_compressed.data());
            const std::uint32_t uncompressed = u32(m_compressed.data() + 8);
            const unsigned char* body = m_compressed.data() + 16;
            const std::size_t bodySize = m_compressed.size() - 16;
            if (method == 0) {
                m_data.insert(m_data.end(), reinterpret_cast<const char*>(body), reinterpret_cast<const char*>(body) + bodySize);
                return true;
            }
            if (method != 2 || uncompressed > kMaxContainerBytes) {
                stop("LOG_CONTAINER with compression " + std::to_string(method) + " and " + std::to_string(uncompressed) +
                     " bytes: not zlib (2) within " + std::to_string(kMaxContainerBytes / (1024 * 1024)) + " MiB");
                return false;
            }
            const std::size_t old = m_data.size();
            m_data.resize(old + uncompressed);
            uLongf length = uncompressed;
            if (uncompress(reinterpret_cast<Bytef*>(m_data.data() + old), &length, body, static_cast<uLong>(bodySize)) != Z_OK) {
                m_data.resize(old);
                stop("a LOG_CONTAINER does not inflate (damaged zlib data)");
                return false;
            }
            m_data.resize(old + length);
            return true;
        }
    }

    bool finish() {
        if (m_pos < m_data.size() && !m_stopped) {
            // Bytes left over that are not a whole object: the file was cut.
            bool zeros = true;
            for (std::size_t i = m_pos; i < m_data.size(); ++i) zeros = zeros && m_data[i] == 0;
            if (!zeros) stop("the file ends inside an object (cut off?)");
        }
        m_data.clear();
        m_pos = 0;
        return false;
    }

    std::unique_ptr<ByteSource> m_source;
    std::vector<char> m_data;
    std::vector<unsigned char> m_compressed;
    std::size_t m_pos = 0;
    std::size_t m_object = 0;
    std::int64_t m_startUs = 0;
    bool m_stopped = false;
    bool m_padding = false;
};

} // namespace

std::unique_ptr<TraceReader> makeBlfReader(std::unique_ptr<ByteSource> source) {
    return std::make_unique<BlfReader>(std::move(source));
}

} // namespace v2gbench::traces::detail
