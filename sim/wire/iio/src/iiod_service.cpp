#include "v2gbench/simwire/iio/iiod_service.hpp"

#include "v2gbench/simwire/iio/adc_waveform.hpp"
#include "v2gbench/simwire/iio/daq_device.hpp"
#include "v2gbench/simwire/iio/iio_context_xml.hpp"
#include "v2gbench/transports/iio_command.hpp"
#include "v2gbench/transports/tcp_server.hpp"

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>

namespace v2gbench::simwire::iio {

namespace {

using transports::ConnectionId;
using transports::IioCommand;
using transports::TcpServer;
using transports::iioIntegerLine;
namespace iioerr = transports::iioerr;
using SteadyClock = std::chrono::steady_clock;

// What the service sends instead of a reply under the "garbage" fault: no integer, so libiio's
// reply parser fails on it.
constexpr const char* kGarbage = "?!\x7f garbage \x01\x02 not iiod\n";

// One OPEN buffer on a connection.
struct Stream {
    std::vector<std::uint32_t> mask;
    std::vector<std::size_t> enabled; // channel numbers, scan order
    std::vector<std::size_t> offsets; // byte offset of each enabled channel in a frame
    std::size_t frameBytes = 0;
    int rate = 0;
    std::int64_t t0Ns = 0; // plant time of sample 0
    SteadyClock::time_point opened;
    AdcWaveform wave{1.0, 0.0};
    int device = 0;            // kAdc or kDaq
    DaqDevice::Cursor cursor;  // kDaq: the sample clock's position
};

constexpr int kAdc = 0, kDaq = 1;

struct PendingWrite {
    std::size_t remaining = 0;
    std::string data;
    std::string attribute; // device attribute; empty when not writable
    int device = kAdc;
    long length = 0;
};

// A READBUF being answered: its samples are generated and queued a chunk at a time, as the
// client reads them, so neither the samples nor the reply are ever held whole.
struct Streaming {
    std::size_t framesLeft = 0;
    WaveformState state; // the plant when the READBUF was answered: one state for the whole reply
};

struct Session {
    std::string input;
    std::optional<PendingWrite> write;
    std::optional<Stream> stream;
    std::optional<std::size_t> readbuf; // bytes asked by a READBUF not yet answered
    std::optional<Streaming> streaming;
    std::deque<std::pair<SteadyClock::time_point, std::string>> delayed;
    std::size_t delayedBytes = 0;
    std::size_t scanFrom = 0; // input before this holds no '\n': each byte is searched once
    bool closing = false;
};

class IiodService final : public WireService, private transports::TcpHandler {
public:
    IiodService(WireContext& context, const IiodServiceOptions& options)
        : m_lab(context.lab), m_faults(context.faults), m_rate(options.sampleRate), m_realTime(options.realTime),
          m_adc(AdcDescription::powerFrontEnd()), m_server(kIiodServiceName, *this) {
        if (!m_lab) throw std::invalid_argument("analyzer-iiod: the wire context has no simulated lab");
        if (m_rate <= 0) throw std::invalid_argument("analyzer-iiod: sample rate must be positive");
        m_daq = std::make_unique<DaqDevice>(m_lab);
        m_xml = contextXml({&m_adc, &m_daq->description()});
    }
    ~IiodService() override { stop(); }

    std::string name() const override { return kIiodServiceName; }
    std::string protocol() const override {
        return "iiod (libiio 0.24 network protocol), AD7606-8-style power front-end";
    }
    int start(int port) override {
        const int bound = m_server.listen(port);
        // Real-time READBUFs and delayed replies are released by the tick: no thread ever sleeps.
        m_server.setTickInterval(std::chrono::milliseconds(1));
        m_server.start();
        return bound;
    }
    std::vector<FaultKind> faultKinds() const override {
        return {FaultKind::DropConnection, FaultKind::DelayReplies, FaultKind::Garbage, FaultKind::StallStream};
    }
    void stop() noexcept override {
        try {
            m_server.stop();
        } catch (...) {
        }
    }

private:
    // ---- TcpHandler -----------------------------------------------------------------------
    void onConnect(TcpServer&, ConnectionId id) override { m_sessions[id]; }
    void onDisconnect(TcpServer&, ConnectionId id) override { m_sessions.erase(id); }
    void onData(TcpServer&, ConnectionId id, std::string_view bytes) override {
        auto& s = m_sessions[id];
        if (s.closing) return;
        if (s.input.size() + bytes.size() > kMaxInput) {
            // iiod commands are one short line each; this much unread input is no client of ours.
            s.closing = true;
            m_server.close(id, false);
            return;
        }
        s.input.append(bytes);
        process(id, s);
    }
    void onTick(TcpServer&) override {
        const auto now = SteadyClock::now();
        const auto f = fault();
        const bool delaying = f && f->kind == FaultKind::DelayReplies;
        for (auto& [id, s] : m_sessions) {
            // A cleared delay releases what it held at once.
            while (!s.delayed.empty() && (!delaying || s.delayed.front().first <= now)) {
                s.delayedBytes -= s.delayed.front().second.size();
                m_server.send(id, s.delayed.front().second);
                s.delayed.pop_front();
            }
            if (s.closing || (!s.readbuf && !s.streaming)) continue;
            if (s.readbuf) deliver(id, s);
            if (s.streaming) pump(id, s);
            // Commands that arrived while this one was answered; never a rescan per tick.
            if (!s.readbuf && !s.streaming) process(id, s);
        }
    }

    std::optional<Fault> fault() const { return m_faults ? m_faults->get(kIiodServiceName) : std::nullopt; }

    void reply(ConnectionId id, Session& s, std::string bytes) {
        const auto f = fault();
        if (f && f->kind == FaultKind::Garbage) bytes = kGarbage;
        auto due = SteadyClock::now();
        if (f && f->kind == FaultKind::DelayReplies) due += std::chrono::milliseconds(f->value);
        // Replies stay in order: once one is held back, every later one queues behind it.
        if (!s.delayed.empty() || due > SteadyClock::now()) {
            if (!s.delayed.empty()) due = std::max(due, s.delayed.back().first);
            if (s.delayedBytes + bytes.size() > transports::TcpServer::kMaxPendingOutput) {
                // Held replies count towards the connection's output bound, like queued ones.
                s.closing = true;
                m_server.close(id, false);
                return;
            }
            s.delayedBytes += bytes.size();
            s.delayed.emplace_back(due, std::move(bytes));
            return;
        }
        m_server.send(id, bytes);
    }

    // Handles complete lines (and WRITE payloads) in order; stops while a READBUF waits for its
    // samples, because iiod answers one command after the other on a connection.
    void process(ConnectionId id, Session& s) {
        std::size_t used = 0; // consumed from the front of s.input; erased once, at the end
        while (!s.closing && !s.readbuf && !s.streaming) {
            if (s.write) {
                const std::size_t take = std::min(s.write->remaining, s.input.size() - used);
                s.write->data.append(s.input, used, take);
                used += take;
                s.write->remaining -= take;
                if (s.write->remaining > 0) break;
                finishWrite(id, s);
                continue;
            }
            const auto eol = s.input.find('\n', std::max(used, s.scanFrom));
            if (eol == std::string::npos) {
                s.scanFrom = s.input.size();
                break;
            }
            s.scanFrom = 0;
            const std::string line = s.input.substr(used, eol - used);
            used = eol + 1;
            command(id, s, IioCommand::parse(line));
        }
        used = std::min(used, s.input.size());
        s.input.erase(0, used);
        s.scanFrom = s.scanFrom > used ? s.scanFrom - used : 0;
    }

    // kAdc, kDaq, or -1 for no device of ours.
    int deviceOf(const std::string& text) const {
        if (text == m_adc.deviceId || text == m_adc.deviceName) return kAdc;
        const auto& daq = m_daq->description();
        if (text == daq.deviceId || text == daq.deviceName) return kDaq;
        return -1;
    }
    bool isDevice(const std::string& text) const { return deviceOf(text) >= 0; }
    const AdcDescription& description(int device) const { return device == kDaq ? m_daq->description() : m_adc; }
    const AdcChannel* findChannel(int device, const std::string& text) const {
        for (const auto& c : description(device).channels)
            if (c.id == text || (!c.name.empty() && c.name == text)) return &c;
        return nullptr;
    }

    void command(ConnectionId id, Session& s, const IioCommand& cmd) {
        if (cmd.keyword.empty()) return; // libiio sends a blank line before EXIT
        const auto f = fault();
        if (f && f->kind == FaultKind::DropConnection) {
            s.closing = true;
            m_server.close(id, false);
            return;
        }
        const auto& k = cmd.keyword;
        const auto& a = cmd.args;
        if (k == "EXIT" || k == "QUIT") {
            s.closing = true;
            m_server.close(id, true);
        } else if (k == "VERSION") {
            reply(id, s, "0.24.c4498c2\n");
        } else if (k == "PRINT") {
            reply(id, s, iioIntegerLine(static_cast<long>(m_xml.size())) + m_xml + "\n");
        } else if (k == "ZPRINT" || k == "BINARY") {
            reply(id, s, iioIntegerLine(iioerr::invalid)); // plain ASCII protocol only
        } else if (k == "TIMEOUT") {
            reply(id, s, iioIntegerLine(a.size() == 1 ? 0 : iioerr::invalid));
        } else if (k == "HELP") {
            reply(id, s, "Available commands: HELP EXIT QUIT VERSION PRINT TIMEOUT READ WRITE OPEN CLOSE READBUF "
                         "GETTRIG SETTRIG SET\n");
        } else if (k == "READ") {
            read(id, s, a);
        } else if (k == "WRITE") {
            startWrite(id, s, a);
        } else if (k == "OPEN") {
            open(id, s, a);
        } else if (k == "CLOSE") {
            if (a.size() != 1 || !isDevice(a[0])) return reply(id, s, iioIntegerLine(iioerr::noDevice));
            if (!s.stream) return reply(id, s, iioIntegerLine(-6)); // ENXIO: nothing open here
            s.stream.reset();
            reply(id, s, iioIntegerLine(0));
        } else if (k == "READBUF") {
            readbuf(id, s, a);
        } else if (k == "GETTRIG" || k == "SETTRIG") {
            reply(id, s, iioIntegerLine(a.empty() || !isDevice(a[0]) ? iioerr::noDevice : iioerr::noEntry));
        } else if (k == "SET") {
            const bool ok = a.size() == 3 && isDevice(a[0]) && (a[1] == "BUFFERS_COUNT" || a[1] == "buffers_count");
            reply(id, s, iioIntegerLine(ok ? 0 : iioerr::invalid));
        } else {
            reply(id, s, iioIntegerLine(iioerr::invalid)); // WRITEBUF (no output channels) and the unknown
        }
    }

    static std::string attributeReply(const std::string& value) {
        // The length counts the NUL that the local backend leaves in place of sysfs's newline.
        std::string r = iioIntegerLine(static_cast<long>(value.size() + 1)) + value;
        r.push_back('\0');
        r.push_back('\n');
        return r;
    }

    void read(ConnectionId id, Session& s, const std::vector<std::string>& a) {
        if (a.empty() || !isDevice(a[0])) return reply(id, s, iioIntegerLine(iioerr::noDevice));
        if (a.size() == 1) return reply(id, s, iioIntegerLine(iioerr::noSys)); // "read all" not served
        if (a[1] == "DEBUG" || a[1] == "BUFFER" || a[1] == "debug" || a[1] == "buffer")
            return reply(id, s, iioIntegerLine(iioerr::noEntry));
        if (a[1] == "INPUT" || a[1] == "OUTPUT" || a[1] == "input" || a[1] == "output") {
            const int device = deviceOf(a[0]);
            const AdcChannel* c = a.size() == 4 ? findChannel(device, a[2]) : nullptr;
            if (!c || a[1] == "OUTPUT" || a[1] == "output") return reply(id, s, iioIntegerLine(iioerr::noDevice));
            const auto value = channelAttribute(device, *c, a[3]);
            return reply(id, s, value ? attributeReply(*value) : iioIntegerLine(iioerr::noEntry));
        }
        if (a.size() != 2) return reply(id, s, iioIntegerLine(iioerr::invalid));
        if (deviceOf(a[0]) == kDaq) {
            const auto value = m_daq->readAttribute(a[1]);
            return reply(id, s, value ? attributeReply(*value) : iioIntegerLine(iioerr::noEntry));
        }
        if (a[1] == "sampling_frequency") return reply(id, s, attributeReply(std::to_string(m_rate)));
        if (a[1] == "oversampling_ratio") return reply(id, s, attributeReply("1"));
        if (a[1] == "oversampling_ratio_available") return reply(id, s, attributeReply("1 2 4 8 16 32 64"));
        reply(id, s, iioIntegerLine(iioerr::noEntry));
    }

    std::optional<std::string> channelAttribute(int device, const AdcChannel& c, const std::string& attribute) {
        if (c.timestamp) return std::nullopt;
        char text[64];
        if (attribute == "scale") {
            std::snprintf(text, sizeof text, "%.6f", c.scale);
            return text;
        }
        if (attribute == "offset") {
            std::snprintf(text, sizeof text, "%.0f", c.offset);
            return text;
        }
        if (attribute == "raw" && device == kDaq) return std::to_string(quantize(c, m_daq->latestValue(c.signal)));
        if (attribute == "raw") {
            // The instantaneous value now, as a one-shot conversion would give it.
            double frame[kSignalCount];
            m_lab->withPlant([&](sim::Plant& p) {
                AdcWaveform one(m_rate, p.time().value);
                one.generate(WaveformState::fromPlant(p), 1, frame);
            });
            return std::to_string(quantize(c, frame[c.signal]));
        }
        return std::nullopt;
    }

    static int quantize(const AdcChannel& c, double si) {
        const double lsb = std::nearbyint(si * 1000.0 / c.scale - c.offset);
        return static_cast<int>(std::clamp(lsb, -32768.0, 32767.0));
    }

    void startWrite(ConnectionId id, Session& s, const std::vector<std::string>& a) {
        // WRITE <dev> [DEBUG|BUFFER|INPUT|OUTPUT <chn>] <attr> <n>, then n raw bytes.
        char* end = nullptr;
        const long n = a.size() >= 3 ? std::strtol(a.back().c_str(), &end, 10) : -1;
        if (n < 0 || n > 4096 || !end || *end != '\0') return reply(id, s, iioIntegerLine(iioerr::invalid));
        PendingWrite w;
        w.remaining = static_cast<std::size_t>(n);
        w.length = n;
        w.device = deviceOf(a[0]);
        if (!isDevice(a[0])) w.attribute = "\x01nodev";
        else if (a.size() == 3) w.attribute = a[1];
        else w.attribute = "\x01readonly"; // channel, debug and buffer attributes are read-only here
        s.write = std::move(w);
    }

    void finishWrite(ConnectionId id, Session& s) {
        PendingWrite w = std::move(*s.write);
        s.write.reset();
        if (w.attribute == "\x01nodev") return reply(id, s, iioIntegerLine(iioerr::noDevice));
        if (w.device == kDaq) {
            if (w.attribute == "\x01readonly") return reply(id, s, iioIntegerLine(iioerr::access));
            const int rc = m_daq->writeAttribute(w.attribute, std::string(w.data.c_str()));
            return reply(id, s, iioIntegerLine(rc < 0 ? rc : w.length));
        }
        if (w.attribute != "sampling_frequency") {
            const bool known = w.attribute == "oversampling_ratio" || w.attribute == "oversampling_ratio_available" ||
                               w.attribute == "\x01readonly";
            return reply(id, s, iioIntegerLine(known ? iioerr::access : iioerr::noEntry));
        }
        const std::string text(w.data.c_str()); // libiio sends the terminating NUL
        char* end = nullptr;
        const long rate = std::strtol(text.c_str(), &end, 10);
        if (text.empty() || (*end != '\0' && *end != '\n') || rate < 1 || rate > 10'000'000)
            return reply(id, s, iioIntegerLine(iioerr::invalid));
        m_rate = static_cast<int>(rate); // applies to buffers opened from now on
        reply(id, s, iioIntegerLine(w.length));
    }

    void open(ConnectionId id, Session& s, const std::vector<std::string>& a) {
        if (a.size() < 3 || a.size() > 4) return reply(id, s, iioIntegerLine(iioerr::invalid));
        const int device = deviceOf(a[0]);
        if (device < 0) return reply(id, s, iioIntegerLine(iioerr::noDevice));
        if (s.stream) return reply(id, s, iioIntegerLine(iioerr::busy));
        const AdcDescription& desc = description(device);
        auto mask = transports::parseIioMask(a[2], desc.maskWords());
        if (!mask) return reply(id, s, iioIntegerLine(iioerr::invalid));
        Stream st{};
        st.mask.assign(mask->size(), 0);
        std::size_t offset = 0;
        for (std::size_t i = 0; i < desc.channels.size(); ++i) {
            if (!((*mask)[i / 32] & (1u << (i % 32)))) continue;
            st.mask[i / 32] |= 1u << (i % 32);
            const std::size_t length = static_cast<std::size_t>(desc.channels[i].storageBits) / 8;
            if (offset % length) offset += length - offset % length;
            st.enabled.push_back(i);
            st.offsets.push_back(offset);
            offset += length;
        }
        if (st.enabled.empty()) return reply(id, s, iioIntegerLine(iioerr::invalid));
        st.frameBytes = offset;
        st.device = device;
        st.rate = device == kDaq ? m_daq->sampleRate() : m_rate;
        if (device == kDaq) st.cursor = m_daq->open();
        const double t0 = m_lab->now().value;
        st.t0Ns = static_cast<std::int64_t>(std::llround(t0 * 1e9));
        st.opened = SteadyClock::now();
        st.wave = AdcWaveform(st.rate, t0);
        s.stream = std::move(st);
        reply(id, s, iioIntegerLine(0));
    }

    void readbuf(ConnectionId id, Session& s, const std::vector<std::string>& a) {
        if (a.size() != 2 || !isDevice(a[0])) return reply(id, s, iioIntegerLine(iioerr::noDevice));
        if (!s.stream) return reply(id, s, iioIntegerLine(iioerr::badDescriptor));
        char* end = nullptr;
        const long long bytes = std::strtoll(a[1].c_str(), &end, 10);
        if (*end != '\0' || bytes <= 0) return reply(id, s, iioIntegerLine(iioerr::invalid));
        // Larger than the documented maximum: -ENOMEM, what iiod answers for a buffer it cannot
        // allocate (400 M samples once took 1.5 GB).
        if (static_cast<unsigned long long>(bytes) > kIiodMaxReadbufBytes) return reply(id, s, iioIntegerLine(-ENOMEM));
        const std::size_t frames = static_cast<std::size_t>(bytes) / s.stream->frameBytes;
        if (frames == 0) return reply(id, s, iioIntegerLine(iioerr::invalid));
        const auto f = fault();
        if (f && f->kind == FaultKind::StallStream) return; // never answered; the connection stays
        s.readbuf = frames * s.stream->frameBytes;
        deliver(id, s);
    }

    // Answers the pending READBUF once its samples exist (real time) or at once.
    void deliver(ConnectionId id, Session& s) {
        auto& st = *s.stream;
        const std::size_t frames = *s.readbuf / st.frameBytes;
        const auto f = fault();
        if (f && f->kind == FaultKind::StallStream) {
            s.readbuf.reset(); // swallowed: a stalled ADC never answers it
            return;
        }
        if (st.device == kDaq) {
            // Hardware-timed: answered once the plant has stepped past the last sample.
            if (!m_daq->ready(st.cursor, frames)) return; // the tick comes back
        } else if (m_realTime) {
            const double lastSampleTime =
                static_cast<double>(st.wave.nextSample() + static_cast<std::int64_t>(frames)) / st.rate;
            const auto due = st.opened + std::chrono::duration_cast<SteadyClock::duration>(
                                             std::chrono::duration<double>(lastSampleTime));
            if (SteadyClock::now() < due) return; // the tick comes back
        }
        Streaming streaming;
        streaming.framesLeft = frames;
        if (st.device == kAdc)
            streaming.state = m_lab->withPlant([](sim::Plant& p) { return WaveformState::fromPlant(p); });
        s.readbuf.reset();
        std::string header = iioIntegerLine(static_cast<long>(frames * st.frameBytes));
        header += transports::iioMaskText(st.mask);
        header += '\n';
        reply(id, s, std::move(header));
        s.streaming = streaming;
        pump(id, s);
    }

    // Queues the next chunks of the READBUF being answered while the client keeps up; the tick
    // comes back for the rest.
    void pump(ConnectionId id, Session& s) {
        auto& st = *s.stream;
        auto& out = *s.streaming;
        const std::size_t chunkFrames = std::max<std::size_t>(1, kChunkBytes / st.frameBytes);
        // A few chunks per call: generating samples costs time, and the other clients of this
        // thread wait meanwhile.
        for (int budget = kChunksPerPump; budget > 0 && out.framesLeft > 0 && !s.closing &&
               m_server.pendingOutput(id) + s.delayedBytes < kStreamHighWater;
             --budget) {
            const std::size_t frames = std::min(out.framesLeft, chunkFrames);
            m_frames.resize(frames * kSignalCount);
            const std::int64_t first = st.wave.nextSample();
            const std::size_t signals = st.device == kDaq ? kDaqSignalCount : std::size_t{kSignalCount};
            if (st.device == kDaq) {
                m_frames.resize(frames * kDaqSignalCount);
                m_stamps.resize(frames);
                m_daq->take(st.cursor, frames, m_frames.data(), m_stamps.data());
            } else {
                st.wave.generate(out.state, frames, m_frames.data());
            }
            const AdcDescription& desc = description(st.device);
            std::string chunk(frames * st.frameBytes, '\0');
            auto* data = reinterpret_cast<unsigned char*>(chunk.data());
            for (std::size_t n = 0; n < frames; ++n) {
                unsigned char* frame = data + n * st.frameBytes;
                const double* values = m_frames.data() + n * signals;
                for (std::size_t e = 0; e < st.enabled.size(); ++e) {
                    const AdcChannel& c = desc.channels[st.enabled[e]];
                    unsigned char* p = frame + st.offsets[e];
                    if (c.timestamp) {
                        const std::int64_t sample = first + static_cast<std::int64_t>(n);
                        const auto ns = st.device == kDaq ? static_cast<std::uint64_t>(m_stamps[n])
                                                          : static_cast<std::uint64_t>(st.t0Ns + sample * 1'000'000'000LL / st.rate);
                        for (int b = 0; b < 8; ++b) p[b] = static_cast<unsigned char>(ns >> (8 * b));
                    } else {
                        const auto raw =
                            static_cast<std::uint16_t>(static_cast<std::int16_t>(quantize(c, values[c.signal])));
                        p[0] = static_cast<unsigned char>(raw & 0xff);
                        p[1] = static_cast<unsigned char>(raw >> 8);
                    }
                }
            }
            out.framesLeft -= frames;
            reply(id, s, std::move(chunk));
        }
        if (out.framesLeft == 0) s.streaming.reset();
    }

    // Documented in iiod_service.hpp.
    static constexpr std::size_t kMaxInput = 64u << 10;
    static constexpr std::size_t kChunkBytes = 64u << 10;
    static constexpr std::size_t kStreamHighWater = 1u << 20;
    static constexpr int kChunksPerPump = 4;

    std::shared_ptr<sim::SimLab> m_lab;
    std::shared_ptr<FaultInjector> m_faults;
    int m_rate;
    bool m_realTime;
    AdcDescription m_adc;
    std::string m_xml;
    std::map<ConnectionId, Session> m_sessions; // server thread only
    std::vector<double> m_frames;
    std::vector<std::int64_t> m_stamps;
    std::unique_ptr<DaqDevice> m_daq; // iio:device1
    TcpServer m_server; // last: stopped (joined) before the rest is destroyed
};

} // namespace

std::unique_ptr<WireService> makeIiodService(WireContext& context) { return makeIiodService(context, {}); }

std::unique_ptr<WireService> makeIiodService(WireContext& context, const IiodServiceOptions& options) {
    return std::make_unique<IiodService>(context, options);
}

} // namespace v2gbench::simwire::iio
