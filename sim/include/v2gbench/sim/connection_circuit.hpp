#pragma once
// The DC connection circuit of GB/T 18487.1-2015 Annex B as the simulated charger sees it at
// detection point 1 (digest §3): 4 V plugged with S closed, 6 V with S open (button pressed),
// and — our model of a broken vehicle interface — 12 V when CC1 is open. A test may force the
// voltage (GB/T 34657.1 D0.6002 varies R4 to move it).
#include <optional>

namespace v2gbench::sim {

struct ConnectionCircuit {
    bool plugged = false;
    bool switchSClosed = true;
    bool cc1Broken = false;
    std::optional<double> forcedVoltage; // V at detection point 1

    static constexpr double kConnected = 4.0;  // V, R1/R2/R4 = 1 kOhm, U1 = 12 V
    static constexpr double kSOpen = 6.0;      // V
    static constexpr double kOpenCircuit = 12.0; // V

    double detectionVoltage() const {
        if (!plugged) return kSOpen; // gun alone, S closed: state 0 of the table
        if (cc1Broken) return kOpenCircuit;
        if (!switchSClosed) return kSOpen;
        return forcedVoltage ? *forcedVoltage : kConnected;
    }
    void unplug() { *this = ConnectionCircuit{}; }
};

} // namespace v2gbench::sim
