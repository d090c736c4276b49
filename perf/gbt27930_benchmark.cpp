// GB/T 27930 trace tools: decode throughput of candump -L text to decoded messages on one core
// (v2g_traces' streaming reader + TraceDecoder, target >= 1,000,000 frames/s) and analysis of a
// synthetic one-hour session (~230,000 frames, target < 1 s). Prints figures; not a timed test.
//   v2g_perf_gbt27930 --write-candump FILE FRAMES   writes a synthetic session of FRAMES frames as
//   candump -L (perf/trace_decode_benchmark.sh times the real CLI on it).
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/traces/trace_reader.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace v2gbench::protocols::gbt27930;
using Clock = std::chrono::steady_clock;

namespace {

// A charging session of `seconds`: BCL and CCS every 50 ms, BSM every 250 ms, BCS over TP every
// 250 ms (RTS, CTS, 2 DT, EndOfMsgAck), after a short handshake and configuration.
// Frames go to `sink(frame)`, which returns false to stop.
template <class Sink>
void syntheticSession(double seconds, Sink&& sink) {
    Codec codec;
    std::size_t line = 0;
    bool more = true;
    auto push = [&](v2gbench::transports::CanFrame f, double t) {
        f.timestamp = std::chrono::microseconds(static_cast<long long>(1.7e15 + t * 1e6));
        if (more) more = sink(v2gbench::transports::TraceFrame{f, ++line});
    };
    double t = 0;
    for (int i = 0; i < 4; ++i, t += 0.25) {
        push(codec.encodeFrame("CHM", FieldValues().set("protocol version", "V1.1")), t);
        push(codec.encodeFrame("BHM", FieldValues().set("max charge voltage", 426.1)), t + 0.001);
    }
    push(codec.encodeFrame("CRM", FieldValues().set("recognition", 0.0)), t);
    auto tp = [&](std::uint32_t pgn, std::vector<std::uint8_t> data, double at) {
        TpConnectionManagement cm;
        cm.control = TpControl::Rts;
        cm.size = static_cast<std::uint16_t>(data.size());
        cm.packets = packetCount(data.size());
        cm.pgn = pgn;
        push(makeTpCm(kBmsAddress, kChargerAddress, cm), at);
        TpConnectionManagement cts;
        cts.control = TpControl::Cts;
        cts.packets = cm.packets;
        cts.nextSequence = 1;
        cts.pgn = pgn;
        push(makeTpCm(kChargerAddress, kBmsAddress, cts), at + 0.001);
        for (std::uint8_t s = 1; s <= cm.packets; ++s) push(makeTpDt(kBmsAddress, kChargerAddress, s, data), at + 0.002 + s * 0.01);
        cm.control = TpControl::EndOfMsgAck;
        push(makeTpCm(kChargerAddress, kBmsAddress, cm), at + 0.003 + cm.packets * 0.01);
    };
    tp(0x0200, codec.encode("BRM", FieldValues().set("battery type", 3.0).set("rated voltage", 750.0)), t + 0.01);
    t += 0.25;
    push(codec.encodeFrame("CRM", FieldValues().set("recognition", 170.0)), t);
    tp(0x0600, codec.encode("BCP", FieldValues().set("max charge current", 200.0)), t + 0.01);
    t += 0.5;
    push(codec.encodeFrame("BRO", FieldValues().set("BMS ready", 170.0)), t);
    push(codec.encodeFrame("CRO", FieldValues().set("charger ready", 170.0)), t + 0.01);
    const auto bcl = codec.encodeFrame("BCL", FieldValues().set("voltage demand", 400.0).set("current demand", 100.0).set("mode", 2.0));
    const auto ccs = codec.encodeFrame("CCS", FieldValues().set("output voltage", 399.0).set("output current", 99.5)
                                                 .set("charging time", 10.0).set("charging permitted", 1.0));
    const auto bsm = codec.encodeFrame("BSM", FieldValues().set("charge permitted", 1.0));
    const auto bcs = codec.encode("BCS", FieldValues().set("measured voltage", 399.0).set("SOC", 50.0));
    const double start = t + 0.05;
    for (long k = 0; more && start + k * 0.05 < seconds; ++k) {
        const double now = start + k * 0.05;
        push(bcl, now);
        push(ccs, now + 0.002);
        if (k % 5 == 0) {
            push(bsm, now + 0.004);
            tp(0x1100, bcs, now + 0.006);
        }
    }
}

std::vector<v2gbench::transports::TraceFrame> sessionFrames(double seconds) {
    std::vector<v2gbench::transports::TraceFrame> frames;
    syntheticSession(seconds, [&](const v2gbench::transports::TraceFrame& f) {
        frames.push_back(f);
        return true;
    });
    return frames;
}

int writeCandump(const char* path, long long count) {
    std::FILE* out = std::fopen(path, "w");
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path);
        return 2;
    }
    long long written = 0;
    syntheticSession(1e12, [&](const v2gbench::transports::TraceFrame& f) {
        const std::string line = v2gbench::transports::formatCanDumpLine(f.frame, "can0");
        std::fwrite(line.data(), 1, line.size(), out);
        std::fputc('\n', out);
        return ++written < count;
    });
    return std::fclose(out) == 0 ? 0 : 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[1], "--write-candump") == 0) return writeCandump(argv[2], std::atoll(argv[3]));
    // 1. Decode throughput: candump -L text -> decoded messages (TP reassembled), one core.
    const auto session = sessionFrames(3600.0 * 3);
    std::string text;
    text.reserve(session.size() * 48);
    for (const auto& f : session) {
        text += v2gbench::transports::formatCanDumpLine(f.frame, "can0");
        text += '\n';
    }
    double best = 0, bestPrinted = 0;
    std::uint64_t frames = 0, messages = 0;
    for (int run = 0; run < 3; ++run) {
        auto t0 = Clock::now();
        auto reader = v2gbench::traces::TraceReader::open(v2gbench::traces::memorySource(text, "bench"));
        TraceDecoder decoder;
        v2gbench::transports::TraceFrame frame;
        while (reader->next(frame)) decoder.decode(frame);
        double s = std::chrono::duration<double>(Clock::now() - t0).count();
        frames = decoder.frames();
        messages = decoder.messages();
        best = std::max(best, static_cast<double>(frames) / s);
    }
    std::printf("read + decode candump -L text: %llu frames (%llu messages) at %.0f frames/s (target >= 1000000)\n",
                static_cast<unsigned long long>(frames), static_cast<unsigned long long>(messages), best);
    for (int run = 0; run < 3; ++run) {
        auto t0 = Clock::now();
        auto reader = v2gbench::traces::TraceReader::open(v2gbench::traces::memorySource(text, "bench"));
        TraceDecoder decoder;
        v2gbench::transports::TraceFrame frame;
        std::string out;
        std::size_t bytes = 0;
        while (reader->next(frame)) {
            appendDecoded(decoder.decode(frame), out);
            if (out.size() > 256 * 1024) bytes += out.size(), out.clear();
        }
        double s = std::chrono::duration<double>(Clock::now() - t0).count();
        bestPrinted = std::max(bestPrinted, static_cast<double>(decoder.frames()) / s);
        (void)bytes;
    }
    std::printf("read + decode + format the decode text (what `decode` prints): %.0f frames/s\n", bestPrinted);

    // 2. Analysis of a one-hour session.
    const auto hour = sessionFrames(3600.0);
    auto t0 = Clock::now();
    auto report = analyzeFrames(hour);
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto* bclStats = report.stats("BCL");
    std::printf("analyze one-hour session: %zu frames in %.3f s (target < 1 s); BCL median %.1f ms, %zu findings\n",
                hour.size(), s, bclStats && bclStats->period && bclStats->period->medianMs ? *bclStats->period->medianMs : 0.0,
                report.findings.size());
    return 0;
}
