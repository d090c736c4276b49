#pragma once
// The simulated instruments behind the SCPI services (private to the library): each maps its
// dialect's operations onto the shared plant through SimLab::withPlant().
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/scpi/scpi_model.hpp"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::simwire::scpi {

// Chroma 61800 and AMETEK MX share the operation keys of their dialects. The plant has one
// grid voltage: it gets the mean of the three programmed phase voltages.
class GridScpiModel final : public ScpiModel {
public:
    GridScpiModel(const transports::ScpiDialect& dialect, std::shared_ptr<sim::SimLab> lab, std::string idn);
    std::string identification() const override { return m_idn; }
    void reset() override;
    std::string execute(const ScpiCall& call) override;

private:
    void pushToPlant();
    std::string executeList(const ScpiCall& call);
    void startChromaList();
    void startAmetekList();
    bool listRunning();
    int phaseIndex() const { return m_allPhases ? 0 : m_selected - 1; }
    const transports::ScpiDialect& m_dialect;
    std::shared_ptr<sim::SimLab> m_lab;
    std::string m_idn;
    bool m_allPhases = true;
    int m_selected = 1;
    std::array<double, 3> m_voltage{};
    std::array<double, 3> m_angle{0.0, 120.0, 240.0};
    double m_frequency = 50.0;
    double m_slew = 0.0;
    bool m_output = false;
    // List mode: the per-step lists as received, by operation key; modes by operation key
    // (Chroma output.mode, AMETEK voltage.mode ...: true = LIST). The list itself runs as a
    // plant schedule, so it follows the lab's clock (real time in v2gbench-sim, virtual in tests).
    std::map<std::string, std::vector<double>> m_lists;
    std::map<std::string, bool> m_listModes;
    int m_listCount = 1;
};

// ITECH IT6000C in constant-voltage priority with source/sink current limits: the plant sees a
// stiff battery (huge capacity, fixed 50 mOhm) at the programmed voltage. Supply convention on
// the wire: positive current = sourcing (out of the supply = discharging the "battery").
class BatteryScpiModel final : public ScpiModel {
public:
    BatteryScpiModel(std::shared_ptr<sim::SimLab> lab, std::string idn);
    std::string identification() const override { return m_idn; }
    void reset() override;
    std::string execute(const ScpiCall& call) override;

private:
    void pushToPlant();
    std::shared_ptr<sim::SimLab> m_lab;
    std::string m_idn;
    double m_voltage = 0.0;
    double m_limitPositive = 10.0;
    double m_limitNegative = -10.0;
    bool m_output = false;
};

// ZES LMG600: channels 1..3 the charger's AC input phases, channel 4 its DC output. INIM takes
// a new measurement from the plant; the item queries read the last one (or take one).
class AnalyzerScpiModel final : public ScpiModel {
public:
    AnalyzerScpiModel(std::shared_ptr<sim::SimLab> lab, int acPhases, std::string idn);
    std::string identification() const override { return m_idn; }
    void reset() override { m_last.reset(); }
    std::string execute(const ScpiCall& call) override;

private:
    std::shared_ptr<sim::SimLab> m_lab;
    int m_acPhases;
    std::string m_idn;
    std::optional<core::AnalyzerReading> m_last;
};

// Our EV emulator (sim/wire/scpi/README.md).
class EvScpiModel final : public ScpiModel {
public:
    EvScpiModel(std::shared_ptr<sim::SimLab> lab, std::string idn);
    std::string identification() const override { return m_idn; }
    void reset() override;
    std::string execute(const ScpiCall& call) override;
    bool parsesOwnArguments(const transports::ScpiCommandSpec& spec) const override {
        return spec.operation == "fault.add";
    }

private:
    std::string addFault(const ScpiCall& call);
    std::shared_ptr<sim::SimLab> m_lab;
    std::string m_idn;
    // What this instrument was told (the plant keeps no readable copy): the faults armed, in the
    // order added, and the CC1 setting. Both follow the plant's rules: a fault replaces one of the
    // same kind and message; unplugging clears the faults and the connection circuit.
    std::vector<core::EvFault> m_faults;
    core::Cc1Setting m_cc1;
};

} // namespace v2gbench::simwire::scpi
