#pragma once
// Tunable constants of the simulated lab's plant. Every field is a plain double in the SI unit
// named in its comment, or a bool behaviour switch, so that the defect catalogue can override any
// of them from a table (pointer-to-member + value) without code per defect.
namespace v2gbench::sim {

struct PlantParameters {
    // Integration step of the plant, s.
    double stepSize = 1e-3;

    // DC output current control: first-order response plus a slew-rate limit.
    double currentTau = 0.04;        // s
    double currentSlewRate = 200.0;  // A/s, any adjustment while following the vehicle's demand
    double stopSlewRate = 250.0;     // A/s, ramp-down on a stop (vehicle stop, grid lost)
    double dispatchSlewRate = 500.0; // A/s, current changes driven by the grid-side power loop
    double ccCurrentGain = 1.0;      // actual/commanded current in constant-current mode
    double ccCurrentOffset = 0.0;    // A, added to a non-zero constant-current command
    double cvVoltageGain = 1.0;      // actual/commanded voltage in constant-voltage mode

    // Grid-side active-power dispatch loop.
    double powerTau = 0.15;    // s
    double dispatchGain = 1.0; // achieved/commanded grid-side power

    // Conversion: efficiency(x) = effA - effB*x - effC/x, x = |P_dc| / rated DC power, clamped
    // to [effMinLoad, 1]. Gives ~95.5 % at rated load, ~96 % at half load, ~93 % at 10 %.
    double effA = 0.97916;
    double effB = 0.01944;
    double effC = 0.00472;
    double effMinLoad = 0.02;
    double standbyPower = 30.0; // W, drawn from the grid whenever it is on
    double powerFactor = 0.995;
    double currentThd = 0.03;            // fraction
    double gridMinVoltageFraction = 0.5; // of nominal: below it the charger sees no grid

    // Vehicle session: the simulated charger talks GB/T 27930 with the EV (charger_control.hpp).
    double stoppedCurrent = 1.0; // A: below it a stopping charger opens its contactors
    // GB/T 27930 behaviour of the charger's protocol stack (ChargerConfig of the protocol library).
    double ccsPeriod = 0.05;            // s
    bool honourBclTimeout = true;       // stop when BCL is missing for 1 s
    bool correctCemBits = true;         // CEM names the message that timed out
    bool crmAaAfterBrmComplete = true;  // CRM 0xAA only after the whole BRM arrived
    bool retryAfterTimeout = true;      // reconnect (CRM 0x00) after a timeout, up to three times
    bool repeatCst = true;              // CST every 10 ms until BSD
    // Connection circuit and protection (GB/T 18487.1 Annex B, GB/T 34657.1 D0.45xx, D0.6002).
    double emergencyCutRate = 5000.0;   // A/s: S open → I <= 5 A within 50 ms (250 A in 50 ms)
    bool emergencyCutOnSOpen = true;    // false: S open is handled like a normal stop (stopSlewRate)
    bool cstOnCc1Break = true;          // false: a broken CC1 cuts the current but sends no CST
    double cc1Low = 3.2;                // V: detection point 1 below it → refuse / stop
    double cc1High = 4.8;               // V: above it (and not S open / open circuit) → refuse / stop
    bool stopOnVehicleOvervoltage = true; // stop when the output exceeds the vehicle's BCP maximum
    double overvoltageDebounce = 0.1;   // s the output must stay above the vehicle maximum

    // Battery: open-circuit voltage slope, fraction of the start voltage per unit SoC.
    double ocvSlope = 0.1;

    // Measurement noise (standard deviations) and DC ripple.
    double dcVoltageNoise = 0.02;   // V
    double dcCurrentNoise = 0.01;   // A
    double acVoltageNoise = 0.02;   // V
    double acPowerNoise = 1.0;      // W absolute ...
    double acPowerNoiseRel = 5e-5;  // ... plus this fraction of |P|
    double frequencyNoise = 0.001;  // Hz
    double thdNoise = 0.0005;       // fraction
    double rippleFraction = 0.0005; // peak, of the DC voltage
    double rippleFrequency = 300.0; // Hz (six-pulse rectification of 50 Hz)
};

} // namespace v2gbench::sim
