#pragma once
// Tunable constants of the simulated lab's plant. Every field is a plain double in the SI unit
// named in its comment so that the defect catalogue can override any of them from a table
// (pointer-to-member + value) without code per defect.
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

    // Vehicle session timing, s.
    double connectTime = 0.1;
    double handshakeTime = 0.5;
    double parametersTime = 0.5;
    double parametersTimeout = 10.0;
    double stoppedCurrent = 1.0; // A: below it a stopping charger opens its contactors

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
