// IIO figures: sustained acquisition through our libiio client (IioStream, the iio-analyzer's
// acquisition path) from analyzer-iiod in free-running mode, checked for sample loss by the
// timestamp channel; the same server read by iio_readdev; and the per-cycle analysis pipeline's
// throughput on one core. Prints figures; asserts nothing but continuity.
#include "v2gbench/drivers/iio/cycle_analyzer.hpp"
#include "v2gbench/drivers/iio/iio_client.hpp"
#include "v2gbench/drivers/iio/iio_stream.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/iio/iiod_service.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <string>
#include <vector>

using namespace v2gbench;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

std::vector<double> synthetic(std::size_t frames, double rate) {
    using namespace drivers::iio;
    std::vector<double> f(frames * kSignalCount);
    const double w = 2 * std::numbers::pi * 50.0 / rate;
    for (std::size_t n = 0; n < frames; ++n) {
        double* x = f.data() + n * kSignalCount;
        for (int p = 0; p < 3; ++p) {
            const double th = w * static_cast<double>(n) - p * 2 * std::numbers::pi / 3;
            x[VoltageA + p] = 325.0 * std::sin(th);
            x[CurrentA + p] = 87.0 * (std::sin(th - 0.1) + 0.03 * std::sin(5 * (th - 0.1)));
        }
        x[DcVoltage] = 400.0;
        x[DcCurrent] = 100.0;
    }
    return f;
}

} // namespace

int main(int argc, char** argv) {
    const double acquireSeconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    auto lab = std::make_shared<sim::SimLab>(core::DutRatings{});
    lab->withPlant([](sim::Plant& p) { p.gridApply(units::Volts(230.0), units::Hertz(50.0)); });
    simwire::WireContext context{lab, std::make_shared<simwire::FaultInjector>(), {}};
    simwire::iio::IiodServiceOptions options;
    options.sampleRate = 1'000'000; // timestamps at 1 MS/s; free-running: as fast as asked
    options.realTime = false;
    auto service = simwire::iio::makeIiodService(context, options);
    const int port = service->start(0);
    const std::string uri = "ip:127.0.0.1:" + std::to_string(port);
    std::printf("analyzer-iiod on %s, free-running, 8 x S16 + S64 timestamp (24 bytes/sample)\n", uri.c_str());

    // 1. Our client: IioStream (libiio buffer + conversion to SI + continuity check).
    for (std::size_t bufferSamples : {4096u, 65536u}) {
        drivers::iio::IioClient client(uri, "analyzer", nullptr, units::Seconds(5.0));
        drivers::iio::IioStream stream(client, "iio:device0", {"v_a", "v_b", "v_c", "i_a", "i_b", "i_c", "v_dc", "i_dc"},
                                       bufferSamples);
        std::vector<double> block;
        stream.read(block); // warm-up
        const auto t0 = Clock::now();
        const auto s0 = stream.samplesRead();
        while (seconds(t0, Clock::now()) < acquireSeconds) stream.read(block);
        const double dt = seconds(t0, Clock::now());
        const auto frames = stream.samplesRead() - s0;
        std::printf("driver  (IioStream, buffer %6zu): %9lld samples in %.2f s = %6.3f MSa/s per channel, %6.2f MS/s "
                    "(8 ch), %6.1f MB/s on the wire; lost samples (timestamp gaps): %lld\n",
                    bufferSamples, static_cast<long long>(frames), dt, frames / dt / 1e6, 8.0 * frames / dt / 1e6,
                    24.0 * frames / dt / 1e6, static_cast<long long>(stream.lostSamples()));
    }

    // 1b. The same with the per-cycle analysis in the loop (what iio-analyzer's thread does).
    {
        drivers::iio::IioClient client(uri, "analyzer", nullptr, units::Seconds(5.0));
        drivers::iio::IioStream stream(client, "iio:device0", {"v_a", "v_b", "v_c", "i_a", "i_b", "i_c", "v_dc", "i_dc"},
                                       65536);
        drivers::iio::CycleAnalyzerConfig config;
        config.sampleRate = 1e6;
        config.minFrequency = 40.0;
        drivers::iio::CycleAnalyzer analyzer(config);
        std::vector<double> block;
        std::size_t cycles = 0;
        const auto t0 = Clock::now();
        while (seconds(t0, Clock::now()) < acquireSeconds) {
            const auto n = stream.read(block);
            analyzer.feed(block.data(), n, [&](const drivers::iio::CycleResult&) { ++cycles; });
        }
        const double dt = seconds(t0, Clock::now());
        const auto frames = stream.samplesRead();
        std::printf("driver + analysis (buffer 65536): %6.2f MS/s (8 ch), %zu cycles, lost samples: %lld\n",
                    8.0 * frames / dt / 1e6, cycles, static_cast<long long>(stream.lostSamples()));
    }

    // 2. iio_readdev from the same server, all 8 channels, output discarded.
    {
        const long samples = 4'000'000;
        const std::string cmd = "iio_readdev -u " + uri + " -b 65536 -s " + std::to_string(samples) +
                                " iio:device0 voltage0 voltage1 voltage2 voltage3 voltage4 voltage5 voltage6 voltage7 "
                                "> /dev/null";
        const auto t0 = Clock::now();
        const int rc = std::system(cmd.c_str());
        const double dt = seconds(t0, Clock::now());
        std::printf("iio_readdev (buffer 65536, 8 ch): %ld samples in %.2f s (incl. start-up) = %6.3f MSa/s per "
                    "channel, %6.2f MS/s (8 ch); exit %d\n",
                    samples, dt, samples / dt / 1e6, 8.0 * samples / dt / 1e6, rc);
    }
    service->stop();

    // 3. Analysis pipeline alone, one core, 10 kS/s 50 Hz waveforms (200 samples per cycle).
    {
        const std::size_t frames = 2'000'000;
        const auto data = synthetic(frames, 10000.0);
        drivers::iio::CycleAnalyzer analyzer({});
        std::size_t cycles = 0;
        double sink = 0.0;
        const auto t0 = Clock::now();
        for (std::size_t i = 0; i < frames; i += 1000)
            analyzer.feed(data.data() + i * drivers::iio::kSignalCount, 1000, [&](const drivers::iio::CycleResult& r) {
                ++cycles;
                sink += r.activePower;
            });
        const double dt = seconds(t0, Clock::now());
        std::printf("CycleAnalyzer (RMS/P/Q/S/PF/f + FFT THD, 8 ch @ 200 samples/cycle): %zu samples, %zu cycles in "
                    "%.3f s = %6.2f MS/s (8 ch), %.2f Mframes/s, %.2f us/cycle [check %.0f W]\n",
                    frames, cycles, dt, 8.0 * frames / dt / 1e6, frames / dt / 1e6, dt / cycles * 1e6,
                    sink / static_cast<double>(cycles));
    }
    return 0;
}
