// GB/T 27930 trace tools: decode throughput of candump -L text to decoded messages on one core
// (target >= 1,000,000 frames/s) and analysis of a synthetic one-hour session (~100,000 frames,
// target < 1 s). Prints figures; not a timed test.
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include <chrono>
#include <cstdio>
#include <string>

using namespace v2gbench::protocols::gbt27930;
using Clock = std::chrono::steady_clock;

namespace {

// A charging session of `seconds`: BCL and CCS every 50 ms, BSM every 250 ms, BCS over TP every
// 250 ms (RTS, CTS, 2 DT, EndOfMsgAck), after a short handshake and configuration.
TraceLog syntheticSession(double seconds) {
    Codec codec;
    TraceLog log;
    log.path = "synthetic";
    std::size_t line = 0;
    auto push = [&](v2gbench::transports::CanFrame f, double t) {
        f.timestamp = std::chrono::microseconds(static_cast<long long>(1.7e15 + t * 1e6));
        log.frames.push_back({f, ++line});
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
    for (long k = 0; start + k * 0.05 < seconds; ++k) {
        const double now = start + k * 0.05;
        push(bcl, now);
        push(ccs, now + 0.002);
        if (k % 5 == 0) {
            push(bsm, now + 0.004);
            tp(0x1100, bcs, now + 0.006);
        }
    }
    return log;
}

} // namespace

int main() {
    // 1. Decode throughput: candump -L text -> decoded messages (TP reassembled), one core.
    TraceLog session = syntheticSession(3600.0 * 3);
    std::string text;
    text.reserve(session.frames.size() * 48);
    for (const auto& f : session.frames) {
        text += v2gbench::transports::formatCanDumpLine(f.frame, "can0");
        text += '\n';
    }
    double best = 0;
    std::size_t frames = 0, messages = 0;
    for (int run = 0; run < 3; ++run) {
        auto t0 = Clock::now();
        TraceLog log = parseCandumpText(text, "bench");
        messages = decodeCount(log);
        double s = std::chrono::duration<double>(Clock::now() - t0).count();
        frames = log.frames.size();
        best = std::max(best, static_cast<double>(frames) / s);
    }
    std::printf("decode candump -L text -> messages: %zu frames (%zu messages) at %.0f frames/s (target >= 1000000)\n",
                frames, messages, best);

    // Decode with full per-frame records (what `decode` prints from).
    {
        TraceLog log = parseCandumpText(text, "bench");
        auto t0 = Clock::now();
        auto report = decodeLog(log);
        double s = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("decode with per-frame records (already parsed): %.0f frames/s\n", static_cast<double>(log.frames.size()) / s);
    }

    // 2. Analysis of a one-hour session.
    TraceLog hour = syntheticSession(3600.0);
    auto t0 = Clock::now();
    auto report = analyzeLog(hour);
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto* bclStats = report.stats("BCL");
    std::printf("analyze one-hour session: %zu frames in %.3f s (target < 1 s); BCL median %.1f ms, %zu findings\n",
                hour.frames.size(), s, bclStats && bclStats->period ? bclStats->period->medianMs : 0.0,
                report.findings.size());
    return 0;
}
