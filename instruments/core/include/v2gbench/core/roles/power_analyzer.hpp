#pragma once
// Role "analyzer": a power analyzer (or ADC front-end) measuring the charger's AC input and DC
// output. Read-only; its safe state is "nothing to do".
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"

namespace v2gbench::core {

struct AcReading {
    units::Volts voltage{};        // line-to-neutral RMS (phase average)
    units::Amperes current{};      // RMS, per phase
    units::Watts activePower{};    // total; positive = from grid into the charger
    units::Vars reactivePower{};   // total; positive = inductive (consumed)
    units::Watts apparentPower{};  // total VA
    units::Ratio powerFactor{};    // |P| / S
    units::Hertz frequency{};
    units::Ratio currentThd{};     // fraction
};

struct DcReading {
    units::Volts voltage{};
    units::Amperes current{};      // positive = into the battery (charging)
    units::Watts power{};          // positive = into the battery
};

struct AnalyzerReading {
    units::Seconds timestamp{};    // bench clock time of the measurement
    AcReading ac;
    DcReading dc;
};

class PowerAnalyzer : public Instrument {
public:
    // The latest complete measurement. Blocks at most one update interval of the instrument.
    virtual AnalyzerReading read() = 0;
};

} // namespace v2gbench::core
