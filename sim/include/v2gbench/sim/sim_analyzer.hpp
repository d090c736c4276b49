#pragma once
// Driver "sim-analyzer" (role analyzer): the simulated lab's power analyzer on the charger's AC
// input and DC output. Readings carry seeded noise; the timestamp is the bench clock's now.
#include "v2gbench/core/roles/power_analyzer.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>

namespace v2gbench::sim {

class SimAnalyzer final : public core::PowerAnalyzer {
public:
    explicit SimAnalyzer(std::shared_ptr<SimLab> lab, std::string instrumentName = "analyzer");

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override {} // read-only: nothing to make safe

    core::AnalyzerReading read() override;

private:
    std::shared_ptr<SimLab> m_lab;
    std::string m_name;
};

} // namespace v2gbench::sim
