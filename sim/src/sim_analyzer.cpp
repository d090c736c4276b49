#include "v2gbench/sim/sim_analyzer.hpp"

#include "range_check.hpp"

namespace v2gbench::sim {

SimAnalyzer::SimAnalyzer(std::shared_ptr<SimLab> lab, std::string instrumentName)
    : m_lab(std::move(lab)), m_name(std::move(instrumentName)) {}

core::InstrumentIdentity SimAnalyzer::identity() const {
    return {detail::kManufacturer, "sim-analyzer AC 3-phase + DC", "SIM-0004", "1.0", ""};
}

core::Capabilities SimAnalyzer::capabilities() const {
    return {core::capability::acMeasurement, core::capability::dcMeasurement};
}

core::AnalyzerReading SimAnalyzer::read() {
    auto reading = m_lab->withPlant([](Plant& p) { return p.measure(); });
    // Lab time, not plant time: it includes the fraction of a step already waited.
    reading.timestamp = m_lab->now();
    return reading;
}

} // namespace v2gbench::sim
