#pragma once
// Wire service "analyzer-iiod": the lab's IIO devices served with the iiod protocol (libiio 0.24
// ASCII network protocol) on 127.0.0.1, default port 30431, so that libiio clients — our
// iio-analyzer and iio-daq drivers, and iio_info / iio_readdev — discover and stream them:
// iio:device0 the analyzer role's ADC front-end (below), iio:device1 the DAQ unit (daq_device.hpp:
// hardware-timed per plant step, CAN trigger input).
// Samples are synthesised on demand by sample time from the plant state: a stream never loses a
// sample, and in real-time mode a READBUF is answered once its last sample's time has come, as a
// real ADC would. Faults (FaultInjector, key "analyzer-iiod"): drop (close at the next request),
// delay (hold each reply `value` ms), garbage (replies that are not the protocol), stall (READBUF
// never answered, connection kept open).
//
// Bounds (issue 9): a READBUF asks at most kIiodMaxReadbufBytes (16 MiB; larger is answered
// -ENOMEM, nothing sent); the reply is generated and queued in 64 KiB chunks as the client reads,
// at most 1 MiB ahead, so memory does not grow with the request. At most 64 KiB of unprocessed
// input per connection (iiod commands are one short line; a client over it is disconnected), and
// the shared TcpServer bounds (4 MiB pending output, 64 connections).
#include "v2gbench/simwire/wire_service.hpp"

#include <cstddef>
#include <memory>

namespace v2gbench::simwire::iio {

inline constexpr int kIiodDefaultPort = 30431;
inline constexpr const char* kIiodServiceName = "analyzer-iiod";
// 16 MiB: 0.35 s of all 8 channels at 10 MS/s, far beyond any client's buffer (the driver asks
// rate/100 samples, iio_readdev 256 by default).
inline constexpr std::size_t kIiodMaxReadbufBytes = 16u << 20;

struct IiodServiceOptions {
    int sampleRate = 10000; // Hz per channel; the device attribute sampling_frequency (clients may write it)
    // true: a READBUF completes when the wall clock reaches its last sample's time since OPEN;
    // false: at once (throughput benchmarks; sample times then run ahead of the plant).
    bool realTime = true;
};

// The service with default options (10 kS/s per channel, real time).
std::unique_ptr<WireService> makeIiodService(WireContext& context);
std::unique_ptr<WireService> makeIiodService(WireContext& context, const IiodServiceOptions& options);

} // namespace v2gbench::simwire::iio
