#pragma once
// Nameplate ratings of the charger under test, as a DUT profile states them (and as a charger's
// control interface reports them).
#include "v2gbench/core/units.hpp"

#include <string>

namespace v2gbench::core {

struct DutRatings {
    std::string manufacturer;
    std::string model;
    // DC output
    units::Volts dcMinVoltage{200.0};
    units::Volts dcMaxVoltage{750.0};
    units::Amperes dcMaxCurrent{250.0};
    units::Watts dcMaxPower{120e3};        // DC output (charging)
    // V2G
    bool bidirectional = true;
    units::Watts maxDischargePower{60e3}; // magnitude, grid side (AC): what a dispatch setpoint may ask
    units::Amperes maxDischargeCurrent{150.0}; // magnitude
    // AC connection
    units::Volts acNominalVoltage{230.0}; // line-to-neutral RMS
    units::Hertz acNominalFrequency{50.0};
    int acPhases = 3;
};

} // namespace v2gbench::core
