#pragma once
// Drivers "chroma-61800" and "ametek-mx" (role grid): one class, the dialect table decides the
// commands. apply() programs all phases coupled, then the output; the extras below address the
// phases one by one (Chroma INST:EDIT EACH / AMETEK INST:COUP NONE, then INST:NSEL n). Commands
// are checked against the table's ranges before anything is sent. List mode (sags, frequency
// steps, ramps) is published as "list-mode" when the dialect has list commands (Chroma LIST with
// start/end values per step, AMETEK transient list with slew rates per step); see
// scpi_dialects.hpp for the operations and which of them are unconfirmed.
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

#include <array>
#include <string>
#include <vector>

namespace v2gbench::drivers::scpi {

struct GridMeasurement {
    units::Volts voltage{};
    units::Amperes current{};
    units::Watts activePower{};   // positive = delivered by the source (grid into the charger)
    units::Watts apparentPower{};
    units::Ratio powerFactor{};
    units::Hertz frequency{};
};

class ScpiGridEmulator final : public core::GridEmulator {
public:
    // Connects, identifies (*IDN?) and clears the error queue; throws InstrumentError.
    ScpiGridEmulator(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options);

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;

    void apply(const core::GridSetpoint& setpoint) override;
    void off() override;
    core::GridState state() override;
    void runSequence(const std::vector<core::GridSequenceStep>& steps) override;
    bool sequenceRunning() override;

    // Per-phase line-to-neutral voltages (output state unchanged).
    void setPhaseVoltages(const std::array<units::Volts, 3>& voltages);
    // Angles of phases 2 and 3 relative to phase 1.
    void setPhaseAngles(units::Degrees phase2, units::Degrees phase3);
    // Voltage slew rate; CapabilityError when the dialect has none.
    void setVoltageSlew(double voltsPerSecond);
    // The source's own measurement of one phase (1..3).
    GridMeasurement measurePhase(int phase);

    transports::ScpiSession& session() { return m_session; }

private:
    void run(const std::vector<std::string>& commands);
    std::string setCommand(const char* operation, double value, const char* what);
    // "LIST:DWEL 1,0.15,1" after checking every element against the table's range.
    std::string listCommand(const char* operation, const std::vector<double>& values, const char* what);
    std::vector<std::string> chromaList(const std::vector<core::GridSequenceStep>& steps, double v, double f);
    std::vector<std::string> ametekList(const std::vector<core::GridSequenceStep>& steps, double v, double f);
    // Back to fixed mode after a list (nothing when no list was started since the last reset).
    void appendListReset(std::vector<std::string>& commands);
    bool m_listUsed = false;
    const transports::ScpiDialect& m_dialect;
    transports::ScpiSession m_session;
    core::InstrumentIdentity m_identity;
};

} // namespace v2gbench::drivers::scpi
