// GB/T 27930 codec and J1939 TP reassembly. The input is a sequence of frame records
//   [4 bytes id, big endian][1 byte: bits 0..3 dlc (0..15, >8 clipped by the frame), bit 4 extended,
//    bit 5 remote, bit 6 error][1 byte time step in ms][dlc bytes of data]
// fed, as a bus would, to both codec profiles, the TP receivers of the charger (0x56) and the EV
// (0xF4), the passive TP monitor, the bus message decoder the `can` role uses, and the trace
// decoder and analyzer of `v2gbench decode` / `analyze`. Every payload is also decoded as the
// message the first byte names. Nothing may throw: problems are issues and TP errors.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/tp_monitor.hpp"
#include "v2gbench/protocols/gbt27930/tp_receiver.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"

#include <algorithm>

namespace v2gbench::fuzz {

namespace {

namespace g = protocols::gbt27930;

void exerciseDecoded(const g::DecodedMessage& m) {
    (void)m.ok();
    for (const auto& f : m.fields) {
        (void)f.name();
        (void)f.formatValue();
        (void)f.siValue();
    }
}

void checkTpOutput(const g::TpOutput& out) {
    for (const auto& f : out.frames) transports::validate(f);
    if (out.message) require(out.message->data.size() <= g::kTpMaxSize, "TP: reassembled message beyond 1785 bytes");
}

} // namespace

int fuzzGbtCodec(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto table = g::messageTable();
    const g::MessageSpec& named = table[data[0] % table.size()];
    const g::Codec tolerant(g::Profile::Tolerant);
    const g::Codec strict(g::Profile::Strict2015);
    g::TpReceiver charger(0x56);
    g::TpReceiver ev(0xF4, g::TpTimers{}, 2);
    g::TpMonitor monitor;
    g::TpMonitor flatMonitor(g::TpTimers{}, false);
    g::BusMessageDecoder bus;
    std::vector<core::BusMessage> busMessages;
    std::vector<g::TpEvent> events;
    std::vector<transports::TraceFrame> frames;

    std::chrono::microseconds now{1'700'000'000'000'000};
    std::size_t pos = 1;
    while (pos + 6 <= size) {
        transports::CanFrame f;
        const std::uint32_t id = (std::uint32_t(data[pos]) << 24) | (std::uint32_t(data[pos + 1]) << 16) |
                                 (std::uint32_t(data[pos + 2]) << 8) | data[pos + 3];
        const std::uint8_t flags = data[pos + 4];
        f.extended = flags & 0x10;
        f.remote = flags & 0x20;
        f.error = flags & 0x40;
        f.id = f.extended ? (id & 0x1FFFFFFF) : (id & 0x7FF);
        f.dlc = std::min<std::uint8_t>(flags & 0x0F, 8);
        now += std::chrono::milliseconds(data[pos + 5]);
        f.timestamp = now;
        pos += 6;
        const std::size_t n = std::min<std::size_t>(f.remote ? 0 : f.dlc, size - pos);
        std::copy_n(data + pos, n, f.data.begin());
        pos += n;

        const std::span<const std::uint8_t> payload(f.data.data(), n);
        exerciseDecoded(tolerant.decode(named, payload, g::J1939Id::fromCanId(f.id)));
        if (auto m = tolerant.decode(f)) exerciseDecoded(*m);
        if (auto m = strict.decode(f)) exerciseDecoded(*m);
        std::string error;
        (void)g::parseTpCm(f, &error);
        checkTpOutput(charger.onFrame(f));
        checkTpOutput(ev.onFrame(f));
        checkTpOutput(charger.poll(now));
        monitor.onFrame(f, events);
        monitor.poll(now, events);
        flatMonitor.onFrame(f, events);
        bus.feed(f, static_cast<double>(frames.size()), busMessages);
        frames.push_back({f, frames.size() + 1});
    }
    monitor.finish(events);
    flatMonitor.finish(events);
    for (const auto& e : events)
        if (e.message) require(e.message->data.size() <= g::kTpMaxSize, "TpMonitor: message beyond 1785 bytes");
    (void)g::decodeFrames(frames);
    (void)g::analyzeFrames(frames);
    return 0;
}

} // namespace v2gbench::fuzz
