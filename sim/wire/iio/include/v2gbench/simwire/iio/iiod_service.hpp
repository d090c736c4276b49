#pragma once
// Wire service "analyzer-iiod": the analyzer role's ADC front-end served with the iiod protocol
// (libiio 0.24 ASCII network protocol) on 127.0.0.1, default port 30431, so that libiio clients —
// our iio-analyzer driver, and iio_info / iio_readdev — discover it and stream its waveforms.
// Samples are synthesised on demand by sample time from the plant state: a stream never loses a
// sample, and in real-time mode a READBUF is answered once its last sample's time has come, as a
// real ADC would. Faults (FaultInjector, key "analyzer-iiod"): drop (close at the next request),
// delay (hold each reply `value` ms), garbage (replies that are not the protocol), stall (READBUF
// never answered, connection kept open).
#include "v2gbench/simwire/wire_service.hpp"

#include <memory>

namespace v2gbench::simwire::iio {

inline constexpr int kIiodDefaultPort = 30431;
inline constexpr const char* kIiodServiceName = "analyzer-iiod";

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
