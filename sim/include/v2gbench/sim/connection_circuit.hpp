#pragma once
// The DC connection circuit of GB/T 18487.1-2015 Annex B (Fig. B.1) as the charger and the vehicle
// see it. Detection point 1 (charger, U1 = 12 V through R1 = 1 kOhm; R2 = 1 kOhm across switch S in
// the plug; R4 in the vehicle inlet, nominal 1 kOhm): state 0 (unplugged, S closed) 6 V, state 1
// (unplugged, S open) 12 V, state 2 (plugged, S open) 12·R4/(R1+R4) = 6 V, state 3 (plugged, S
// closed) 12·(R2||R4)/(R1+R2||R4) = 4 V. Detection point 2 (vehicle, U2 = 12 V through R5 to R3 in
// the plug): 12 V unplugged or CC2 open, 6 V plugged. Our model of a broken vehicle interface
// (CC1 open: the EV emulator's `cc1 broken` or the fault box's CC1 line) is 12 V at point 1.
// A test may force point 1 (the EV emulator's CC1 voltage), or move it through R4 (fault box).
#include <optional>

namespace v2gbench::sim {

struct ConnectionCircuit {
    bool plugged = false;
    bool switchSClosed = true;   // the EV emulator's S (button)
    bool cc1Broken = false;      // the EV emulator's "vehicle interface disconnected"
    std::optional<double> forcedVoltage; // V at detection point 1 (EV emulator)
    // Fault box lines (the test system's relays in the cable).
    bool faultSOpen = false;
    bool faultCc1Open = false;
    bool faultCc2Open = false;
    double r4 = kR4Nominal; // ohm

    static constexpr double kU1 = 12.0;        // V
    static constexpr double kR1 = 1000.0;      // ohm
    static constexpr double kR2 = 1000.0;      // ohm
    static constexpr double kR4Nominal = 1000.0; // ohm
    static constexpr double kOpenCircuit = 12.0; // V

    bool sClosed() const { return switchSClosed && !faultSOpen; }

    double detectionVoltage() const {
        if (!plugged) return sClosed() ? kU1 * kR2 / (kR1 + kR2) : kOpenCircuit; // states 0 / 1
        if (cc1Broken || faultCc1Open) return kOpenCircuit;
        if (forcedVoltage) return *forcedVoltage;
        if (!sClosed()) return kU1 * r4 / (kR1 + r4); // state 2
        const double parallel = kR2 * r4 / (kR2 + r4);
        return kU1 * parallel / (kR1 + parallel); // state 3
    }
    // Detection point 2, at the vehicle.
    double detectionVoltage2() const { return plugged && !faultCc2Open ? 6.0 : 12.0; }
    // Connection state 0..3 of GB/T 18487.1 Table B.1 as the geometry stands (not the voltage).
    int state() const { return plugged ? (sClosed() ? 3 : 2) : (sClosed() ? 0 : 1); }

    // Unplugging resets the vehicle side; the fault box keeps its relays.
    void unplug() {
        plugged = false;
        switchSClosed = true;
        cc1Broken = false;
        forcedVoltage.reset();
    }
};

} // namespace v2gbench::sim
