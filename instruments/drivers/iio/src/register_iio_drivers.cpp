#include "v2gbench/drivers/iio/register_iio_drivers.hpp"

#include "v2gbench/drivers/iio/iio_analyzer.hpp"
#include "v2gbench/drivers/iio/iio_daq.hpp"

#include <cmath>
#include <stdexcept>

namespace v2gbench::drivers::iio {

namespace {

core::OptionDeclaration analyzerOptions() {
    namespace option = core::option;
    return {
        option::number("sample_rate", core::Dimension::frequency(), std::nullopt, "1 Hz", "10 MHz",
                       "per-channel sample rate written to sampling_frequency, in whole Hz (unset: as the device is)"),
        option::integer("buffer_samples", std::nullopt, 1, 1 << 22, "samples per buffer refill (unset: 10 ms worth)"),
        option::duration("timeout", "2 s", "1 ms", "10 min", "bound on every libiio operation"),
        option::choice("phases", {"1", "3"}, "3", "AC phases wired to v_a..i_c"),
        option::text("device", "iio:device0", "the ADC's IIO device: id, name or label"),
    };
}

} // namespace

void registerIioDrivers(core::DriverRegistry& registry) {
    registry.addDriver(
        {"iio-analyzer", "analyzer",
         "IIO ADC power front-end (AD7606-style, v_a..i_dc) via libiio, URI ip:host[:port]; per-cycle RMS, P, Q, "
         "S, PF, frequency, THD",
         analyzerOptions()},
        [](core::DriverRequest& req) -> std::unique_ptr<core::Instrument> {
            const std::string who = req.instrumentName + " (iio-analyzer)";
            if (req.uri.scheme != "iio" || req.uri.host.empty())
                throw std::invalid_argument(who + ": connection '" + req.uri.text +
                                            "' is not a libiio network URI ip:host[:port]");
            const auto& options = req.options;
            IioAnalyzerOptions o;
            o.uri = "ip:" + req.uri.host + ":" + std::to_string(req.uri.port.value_or(30431));
            if (options.has("sample_rate")) {
                const double rate = options.number("sample_rate");
                // sampling_frequency takes whole Hz: refuse rather than round.
                if (rate != std::floor(rate))
                    throw std::invalid_argument(who + ": option sample_rate = '" + options.asText().at("sample_rate") +
                                                "' is not a whole number of Hz");
                o.sampleRate = static_cast<int>(rate);
            }
            if (options.has("buffer_samples"))
                o.bufferSamples = static_cast<std::size_t>(options.integer("buffer_samples"));
            o.timeout = options.duration("timeout");
            o.phases = options.text("phases") == "1" ? 1 : 3;
            o.device = options.text("device");
            return std::make_unique<IioAnalyzer>(who, o, req.session.exchanges, req.clock);
        });
    namespace option = core::option;
    registry.addDriver(
        {"iio-daq", "daq",
         "IIO DAQ unit via libiio, URI ip:host[:port]: daq channels by a channel map, hardware timestamps on the "
         "bench time base, edge triggers from the samples, CAN trigger when the device has a CAN input",
         {option::text("device", "v2gbench-daq", "the DAQ's IIO device: id, name or label"),
          option::text("channels", std::nullopt,
                       "channel map '<daq channel>=<IIO channel>, ...' (unset: every daq channel name the device has)"),
          option::duration("timeout", "2 s", "1 ms", "10 min", "bound on every libiio operation"),
          option::duration("history", "10 s", "100 ms", "10 min", "host ring: the longest pre-trigger plus capture")}},
        [](core::DriverRequest& req) -> std::unique_ptr<core::Instrument> {
            const std::string who = req.instrumentName + " (iio-daq)";
            if (req.uri.scheme != "iio" || req.uri.host.empty())
                throw std::invalid_argument(who + ": connection '" + req.uri.text +
                                            "' is not a libiio network URI ip:host[:port]");
            IioDaqOptions o;
            o.uri = "ip:" + req.uri.host + ":" + std::to_string(req.uri.port.value_or(30431));
            o.device = req.options.text("device");
            try {
                if (req.options.has("channels")) o.channelMap = parseDaqChannelMap(req.options.text("channels"));
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(who + ": option channels: " + e.what());
            }
            o.timeout = req.options.duration("timeout");
            o.history = req.options.duration("history");
            return std::make_unique<IioDaq>(who, o, req.session.exchanges, req.clock);
        });
}

} // namespace v2gbench::drivers::iio
