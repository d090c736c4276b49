#include "v2gbench/drivers/iio/register_iio_drivers.hpp"

#include "v2gbench/drivers/iio/iio_analyzer.hpp"

#include <cstdlib>
#include <stdexcept>

namespace v2gbench::drivers::iio {

namespace {

long positiveInteger(const core::DriverRequest& req, const std::string& key, long fallback, long max) {
    auto it = req.options.find(key);
    if (it == req.options.end()) return fallback;
    char* end = nullptr;
    const long v = std::strtol(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || v <= 0 || v > max)
        throw std::invalid_argument(req.instrumentName + " (iio-analyzer): option " + key + " = '" + it->second +
                                    "' is not an integer in 1.." + std::to_string(max));
    return v;
}

} // namespace

void registerIioDrivers(core::DriverRegistry& registry) {
    registry.addDriver(
        {"iio-analyzer", "analyzer",
         "IIO ADC power front-end (AD7606-style, v_a..i_dc) via libiio, URI ip:host[:port]; per-cycle RMS, P, Q, "
         "S, PF, frequency, THD; options sample_rate (Hz), buffer_samples, timeout_ms, phases, device"},
        [](core::DriverRequest& req) -> std::unique_ptr<core::Instrument> {
            if (req.uri.scheme != "iio" || req.uri.host.empty())
                throw std::invalid_argument(req.instrumentName + " (iio-analyzer): connection '" + req.uri.text +
                                            "' is not a libiio network URI ip:host[:port]");
            IioAnalyzerOptions o;
            o.uri = "ip:" + req.uri.host + ":" + std::to_string(req.uri.port.value_or(30431));
            o.sampleRate = static_cast<int>(positiveInteger(req, "sample_rate", 0, 10'000'000));
            o.bufferSamples = static_cast<std::size_t>(positiveInteger(req, "buffer_samples", 0, 1 << 22));
            o.timeout = units::Seconds(static_cast<double>(positiveInteger(req, "timeout_ms", 2000, 600'000)) / 1000.0);
            o.phases = static_cast<int>(positiveInteger(req, "phases", 3, 3));
            if (o.phases == 2)
                throw std::invalid_argument(req.instrumentName + " (iio-analyzer): option phases must be 1 or 3");
            if (auto it = req.options.find("device"); it != req.options.end()) o.device = it->second;
            const core::Clock* clock = req.session.hasClock() ? &req.session.clock() : nullptr;
            return std::make_unique<IioAnalyzer>(req.instrumentName + " (iio-analyzer)", o, req.session.exchanges, clock);
        });
}

} // namespace v2gbench::drivers::iio
