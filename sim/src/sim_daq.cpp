#include "v2gbench/sim/sim_daq.hpp"

#include "range_check.hpp"

#include <stdexcept>

namespace v2gbench::sim {

SimDaq::SimDaq(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {
    m_lab->withPlant([](Plant& p) {
        if (!p.daq().enabled()) p.daq().enable(p.parameters().stepSize, kMemorySeconds);
    });
}

core::InstrumentIdentity SimDaq::identity() const {
    return {detail::kManufacturer, "sim-daq 12-channel acquisition with CAN trigger", "SIM-0008", "1.0", ""};
}

core::Capabilities SimDaq::capabilities() const {
    return {core::capability::daqCanTrigger};
}

void SimDaq::makeSafe() noexcept {
    try {
        m_lab->withPlant([](Plant& p) { p.daq().disarm(); });
    } catch (...) {
    }
}

std::vector<std::string> SimDaq::channels() const {
    std::vector<std::string> names;
    for (const auto& c : core::daqChannels()) names.emplace_back(c.name);
    return names;
}

units::Seconds SimDaq::resolution() const {
    return units::Seconds(m_lab->withPlant([](Plant& p) { return p.parameters().stepSize; }));
}

core::DaqSample SimDaq::read() {
    return m_lab->withPlant([](Plant& p) {
        const auto values = p.daqValues();
        return core::DaqSample{p.time().value, std::vector<double>(values.begin(), values.end())};
    });
}

void SimDaq::arm(const core::DaqCaptureRequest& request) {
    m_lab->withPlant([&](Plant& p) {
        try {
            p.daq().arm(request, p.time().value);
        } catch (const std::invalid_argument& e) {
            throw core::CapabilityError(m_name + " (sim-daq): " + e.what());
        }
    });
}

std::optional<core::DaqCapture> SimDaq::fetch() {
    return m_lab->withPlant([](Plant& p) { return p.daq().take(); });
}

} // namespace v2gbench::sim
