#pragma once
// The IIO driver family. Driver "iio-analyzer" (role analyzer): URI ip:host[:port] (scheme iio,
// default port 30431); options sample_rate (per channel, e.g. "20 kHz"), buffer_samples,
// timeout ("2 s"), phases (1 or 3), device (id or name), declared in register_iio_drivers.cpp.
#include "v2gbench/core/driver_registry.hpp"

namespace v2gbench::drivers::iio {

void registerIioDrivers(core::DriverRegistry& registry);

} // namespace v2gbench::drivers::iio
