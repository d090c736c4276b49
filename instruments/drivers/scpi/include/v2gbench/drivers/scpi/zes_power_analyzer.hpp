#pragma once
// Driver "zes-lmg600" (role analyzer): a ZES LMG600 read with the ZES short language in one
// round trip ("INIM;UTRMS1?;ITRMS1?;P1?;...;UDC4?;IDC4?;P4?", values separated by ';').
// Wiring the bench assumes: channels 1..ac_phases on the charger's AC input phases, current
// arrows from the grid into the charger; channel dc_channel on the DC output, current arrow into
// the battery. Then the LMG's signs are the bench's. THD is reported in %, returned as fraction.
#include "v2gbench/core/clock.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"
#include "v2gbench/transports/scpi_dialect.hpp"
#include "v2gbench/transports/scpi_session.hpp"

#include <string>

namespace v2gbench::drivers::scpi {

class ZesPowerAnalyzer final : public core::PowerAnalyzer {
public:
    // clock: the bench clock that timestamps readings; it outlives the analyzer (DriverRequest).
    // Throws core::CapabilityError when ac_phases is outside 1..3 or dc_channel is not a channel
    // after the AC ones.
    ZesPowerAnalyzer(const transports::ScpiDialect& dialect, transports::ScpiSessionOptions options,
                     const core::Clock& clock, int acPhases = 3, int dcChannel = 4);

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override {
        return {core::capability::acMeasurement, core::capability::dcMeasurement};
    }
    void makeSafe() noexcept override {} // read-only instrument: nothing to switch off

    core::AnalyzerReading read() override;

    transports::ScpiSession& session() { return m_session; }

private:
    const transports::ScpiDialect& m_dialect;
    transports::ScpiSession m_session;
    core::InstrumentIdentity m_identity;
    int m_acPhases;
    int m_dcChannel;
    const core::Clock& m_clock;
    std::string m_message; // the one query message, built once
};

} // namespace v2gbench::drivers::scpi
