#include "v2gbench/simwire/iio/daq_device.hpp"

#include "v2gbench/core/roles/daq.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace v2gbench::simwire::iio {

namespace {

// IIO scales (milli-units per LSB) by channel kind: high voltage ±1310 V in 40 mV steps, the
// 12 V circuit ±32 V in 1 mV, current ±655 A in 20 mA, digital 1 per LSB.
double scaleFor(const core::DaqChannelInfo& c) {
    const std::string name = c.name;
    if (c.kind == core::DaqChannelKind::Digital) return 1000.0;
    if (c.kind == core::DaqChannelKind::Current) return 20.0;
    if (name == "cc1_voltage" || name == "cc2_voltage" || name == "aux_voltage") return 1.0;
    return 40.0;
}

std::int64_t realtimeNowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// PGN of a GB/T 27930 (SAE J1939) 29-bit identifier: PDU1 (PF < 240) carries the destination in
// PS, which is not part of the PGN.
std::uint32_t pgnOf(std::uint32_t id) {
    const std::uint32_t pf = (id >> 16) & 0xFF;
    const std::uint32_t dp = (id >> 24) & 0x3; // EDP, DP
    return pf < 240 ? (dp << 16) | (pf << 8) : (id >> 8) & 0x3FFFF;
}

std::optional<std::uint32_t> parsePgn(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const unsigned long v = std::strtoul(text.c_str(), &end, 0);
    if (*end != '\0' || v > 0x3FFFF || text[0] == '-') return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

} // namespace

DaqDevice::DaqDevice(std::shared_ptr<sim::SimLab> lab) : m_lab(std::move(lab)) {
    if (!m_lab) throw std::invalid_argument("daq: no simulated lab");
    const auto& channels = core::daqChannels();
    if (channels.size() != kDaqSignalCount) throw std::logic_error("daq: core::daqChannels() changed size");
    m_description.deviceId = "iio:device1";
    m_description.deviceName = "v2gbench-daq";
    m_description.model = "v2gbench DAQ (simulated)";
    m_description.attributes = attributeNames();
    int index = 0, voltage = 0, current = 0, digital = 0;
    for (std::size_t i = 0; i < channels.size(); ++i) {
        AdcChannel c;
        const auto kind = channels[i].kind;
        c.id = kind == core::DaqChannelKind::Current   ? "current" + std::to_string(current++)
               : kind == core::DaqChannelKind::Digital ? "digital" + std::to_string(digital++)
                                                       : "voltage" + std::to_string(voltage++);
        c.name = channels[i].name;
        c.index = index++;
        c.scale = scaleFor(channels[i]);
        c.signal = i;
        m_description.channels.push_back(c);
    }
    AdcChannel ts;
    ts.id = "timestamp";
    ts.index = index;
    ts.storageBits = 64;
    ts.timestamp = true;
    m_description.channels.push_back(ts);

    m_stepNs = m_lab->withPlant([](sim::Plant& p) { return std::llround(p.parameters().stepSize * 1e9); });
    m_capacity = static_cast<std::size_t>(kHistorySeconds * 1e9 / static_cast<double>(m_stepNs));
    m_ring.assign(m_capacity * kDaqSignalCount, 0.0);
    m_realtimeAtZeroNs = realtimeNowNs() - std::llround(m_lab->now().value * 1e9);
    m_observer = m_lab->addStepObserver([this](const sim::Plant& p) { onStep(p); });
    m_listener = m_lab->withPlant([this](sim::Plant& p) {
        return p.bus().addListener([this](const transports::CanFrame& f, sim::SimCanBus::NodeId, double time) {
            onFrame(f.id, f.extended, time);
        });
    });
}

DaqDevice::~DaqDevice() {
    m_lab->removeStepObserver(m_observer);
    try {
        m_lab->withPlant([this](sim::Plant& p) { p.bus().removeListener(m_listener); });
    } catch (...) {
    }
}

std::vector<std::string> DaqDevice::attributeNames() {
    return {"sampling_frequency", "sampling_frequency_available", "can_trigger_pgn", "can_trigger_time", "clock_time"};
}

void DaqDevice::onStep(const sim::Plant& plant) {
    const sim::DaqValues values = plant.daqValues(); // the plant's own acquisition values, this step
    std::lock_guard lock(m_mutex);
    m_lastStep = plant.stepCount();
    const std::size_t slot = static_cast<std::size_t>(m_lastStep % static_cast<std::int64_t>(m_capacity));
    std::copy(values.begin(), values.end(), m_ring.begin() + static_cast<std::ptrdiff_t>(slot * kDaqSignalCount));
}

void DaqDevice::onFrame(std::uint32_t id, bool extended, double time) {
    std::lock_guard lock(m_mutex);
    if (!extended || !m_canPgn || m_canTriggerNs || pgnOf(id) != *m_canPgn) return;
    m_canTriggerNs = m_realtimeAtZeroNs + std::llround(time * 1e9);
}

std::int64_t DaqDevice::realtimeNs(std::int64_t step) const { return m_realtimeAtZeroNs + step * m_stepNs; }

int DaqDevice::sampleRate() const {
    std::lock_guard lock(m_mutex);
    return m_rate;
}

std::optional<std::string> DaqDevice::readAttribute(const std::string& name) {
    if (name == "sampling_frequency") return std::to_string(sampleRate());
    if (name == "sampling_frequency_available") return "1000 500 250 200 125 100 50 20 10";
    if (name == "clock_time") return std::to_string(m_realtimeAtZeroNs + std::llround(m_lab->now().value * 1e9));
    std::lock_guard lock(m_mutex);
    if (name == "can_trigger_pgn") return m_canPgn ? std::to_string(*m_canPgn) : "none";
    if (name == "can_trigger_time") return m_canTriggerNs ? std::to_string(*m_canTriggerNs) : "none";
    return std::nullopt;
}

int DaqDevice::writeAttribute(const std::string& name, const std::string& value) {
    if (name == "sampling_frequency") {
        char* end = nullptr;
        const long hz = std::strtol(value.c_str(), &end, 10);
        const long stepHz = static_cast<long>(1'000'000'000 / m_stepNs);
        if (value.empty() || *end != '\0' || hz < 1 || hz > stepHz || stepHz % hz != 0) return -EINVAL; // never rounded
        std::lock_guard lock(m_mutex);
        m_rate = static_cast<int>(hz);
        return 0;
    }
    if (name == "can_trigger_pgn") {
        std::lock_guard lock(m_mutex);
        if (value == "none") {
            m_canPgn.reset();
            m_canTriggerNs.reset();
            return 0;
        }
        const auto pgn = parsePgn(value);
        if (!pgn) return -EINVAL;
        m_canPgn = *pgn;
        m_canTriggerNs.reset();
        return 0;
    }
    if (readAttribute(name)) return -EACCES;
    return -ENOENT;
}

double DaqDevice::latestValue(std::size_t signal) {
    m_lab->withPlant([](sim::Plant&) {}); // up to now
    std::lock_guard lock(m_mutex);
    if (m_lastStep < 0 || signal >= kDaqSignalCount) return 0.0;
    const std::size_t slot = static_cast<std::size_t>(m_lastStep % static_cast<std::int64_t>(m_capacity));
    return m_ring[slot * kDaqSignalCount + signal];
}

DaqDevice::Cursor DaqDevice::open() {
    const std::int64_t now = m_lab->withPlant([](sim::Plant& p) { return p.stepCount(); });
    Cursor c;
    c.stride = (1'000'000'000 / sampleRate()) / m_stepNs; // sampling_frequency divides the step rate
    // The first sample on the sample clock's grid at or after now.
    c.nextStep = (now + c.stride - 1) / c.stride * c.stride;
    return c;
}

bool DaqDevice::ready(const Cursor& cursor, std::size_t count) {
    const std::int64_t last = cursor.nextStep + static_cast<std::int64_t>(count - 1) * cursor.stride;
    m_lab->withPlant([](sim::Plant&) {}); // brings the plant (and the ring) up to now
    std::lock_guard lock(m_mutex);
    return m_lastStep >= last;
}

void DaqDevice::take(Cursor& cursor, std::size_t count, double* frames, std::int64_t* timestampsNs) {
    std::lock_guard lock(m_mutex);
    const std::int64_t oldest = m_lastStep - static_cast<std::int64_t>(m_capacity) + 1;
    if (cursor.nextStep < oldest) // overrun: the client read too slowly, the ring moved on
        cursor.nextStep = (oldest + cursor.stride - 1) / cursor.stride * cursor.stride;
    for (std::size_t n = 0; n < count; ++n) {
        const std::int64_t step = std::min(cursor.nextStep, m_lastStep);
        const std::size_t slot = static_cast<std::size_t>(step % static_cast<std::int64_t>(m_capacity));
        std::copy_n(m_ring.begin() + static_cast<std::ptrdiff_t>(slot * kDaqSignalCount), kDaqSignalCount,
                    frames + n * kDaqSignalCount);
        timestampsNs[n] = m_realtimeAtZeroNs + step * m_stepNs;
        cursor.nextStep += cursor.stride;
    }
}

} // namespace v2gbench::simwire::iio
