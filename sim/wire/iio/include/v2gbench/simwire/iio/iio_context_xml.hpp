#pragma once
// The simulated front-end as libiio sees it: an AD7606-8-style ADC (iio:device0, 8 simultaneously
// sampled 16-bit channels, little-endian S16 scan elements, soft timestamp at index 8) whose
// channels carry the bench's signals through transducers, and the XML context description that
// PRINT returns, laid out exactly as libiio 0.24's context.c writes it.
#include <cstddef>
#include <string>
#include <vector>

namespace v2gbench::simwire::iio {

struct AdcChannel {
    std::string id;       // "voltage0"
    std::string name;     // "v_a" (the bench's signal), empty for the timestamp
    int index = 0;        // scan index = mask bit (emitted already in libiio's reorder order)
    int storageBits = 16; // 16 for samples, 64 for the timestamp
    bool timestamp = false;
    double scale = 1.0;   // IIO convention: milli-units per LSB (mV, or mA behind a current transducer)
    double offset = 0.0;  // LSB, added to raw before scaling
    std::size_t signal = 0; // AdcSignal carried (not for the timestamp)
};

struct AdcDescription {
    std::string deviceId = "iio:device0";
    std::string deviceName = "ad7606-8";
    std::vector<AdcChannel> channels;
    std::string vendor = "v2gbench";
    std::string model = "AD7606-8 power front-end (simulated)";
    std::string serial = "SIM-IIO-0001";
    std::string firmware = "0.24-sim";
    std::vector<std::string> attributes{"sampling_frequency", "oversampling_ratio", "oversampling_ratio_available"};

    // The bench's front-end: v_a v_b v_c i_a i_b i_c v_dc i_dc, timestamp.
    static AdcDescription powerFrontEnd();
    std::size_t maskWords() const { return (channels.size() + 31) / 32; }
};

std::string contextXml(const AdcDescription& adc);
// Several devices in one context (the context attributes are the first device's).
std::string contextXml(const std::vector<const AdcDescription*>& devices);

// Bytes per sample for the channels enabled in mask (bit i = channels[i]), with libiio's
// alignment rule (each element aligned to its own size): iio_device_get_sample_size_mask.
std::size_t sampleSize(const AdcDescription& adc, const std::vector<std::uint32_t>& mask);

} // namespace v2gbench::simwire::iio
