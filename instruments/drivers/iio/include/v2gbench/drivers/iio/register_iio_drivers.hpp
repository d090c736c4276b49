#pragma once
// The IIO driver family. Driver "iio-analyzer" (role analyzer): URI ip:host[:port] (scheme iio,
// default port 30431); options sample_rate (Hz per channel), buffer_samples, timeout_ms, phases
// (1 or 3), device (id or name).
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::drivers::iio {

void registerIioDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::drivers::iio
