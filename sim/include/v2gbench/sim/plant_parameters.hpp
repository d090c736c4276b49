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
    // GB/T 27930 behaviour of the charger's protocol stack (ChargerConfig of the protocol library).
    double ccsPeriod = 0.05;            // s
    bool honourBclTimeout = true;       // stop when BCL is missing for 1 s
    bool correctCemBits = true;         // CEM names the message that timed out
    bool crmAaAfterBrmComplete = true;  // CRM 0xAA only after the whole BRM arrived
    bool retryAfterTimeout = true;      // reconnect (CRM 0x00) after a timeout, up to three times
    bool repeatCst = true;              // CST every 10 ms until BSD
    double broLossTimeout = 5.0;        // s after the last BRO(0xAA) while CRO(0x00): error path (34658 Amd 1)
    bool startOnBclAlone = false;       // CCS only once BCL and BCS arrived (34658 DN.3001/DN.3002)
    bool readyWithoutBroReady = false;  // CRO(0xAA) even while BRO says 0x00
    double croPeriod = 0.25;            // s, CRO period
    bool honourBcsTimeout = true;       // stop when BCS is missing for 5 s while charging
    bool honourBsmPause = true;         // BSM "charging not permitted" holds the output
    bool honourBsmFaults = true;        // a BSM fault (over-temperature, ...) stops with CST
    double cmlCurrentScale = 1.0;       // CML maximum output current / the charger's rated current
    double ccsCurrentOffset = 0.0;      // A added to the output current CCS reports
    // Frame layer of the charger (charger_frame_defects.hpp): what reaches the bus.
    bool zeroFill = false;              // unused bits 0 instead of 1
    double handshakePriority = 6;       // CAN priority of CHM and CRM
    bool ccsChargingTimeStuck = false;  // CCS "charging time" always 0
    bool dropCsd = false;               // no CSD
    // Connection circuit and protection (GB/T 18487.1 Annex B, GB/T 34657.1 D0.45xx, D0.6002).
    double emergencyCutRate = 5000.0;   // A/s: S open → I <= 5 A within 50 ms (250 A in 50 ms)
    bool emergencyCutOnSOpen = true;    // false: S open is handled like a normal stop (stopSlewRate)
    bool cstOnCc1Break = true;          // false: a broken CC1 cuts the current but sends no CST
    double cc1Low = 3.2;                // V: detection point 1 below it → refuse / stop
    double cc1High = 4.8;               // V: above it (and not S open / open circuit) → refuse / stop
    bool stopOnVehicleOvervoltage = true; // stop when the output exceeds the vehicle's BCP maximum
    double overvoltageDebounce = 0.1;   // s the output must stay above the vehicle maximum

    // The charger's hardware sequence (GB/T 18487.1-2015 Annex B, GB/T 34657.1-2017 D0.1001..D0.6001).
    // Values marked "ours" are our engineering choices where no public source gives one.
    // Standards' numbers (standards-cases.md §1): lock before insulation voltage (D0.1001); refuse
    // at >= 10 V battery-side before the insulation check and on BHM max below the charger's minimum,
    // test voltage min(BHM max, rated), < 60 V within 1 s (D0.2001); Rt > 500 ohm/V ok, 100..500
    // warning, <= 100 fault (D0.2501); inlet within +-5 % of BCP, pre-charge 1..10 V below (D0.3001);
    // inrush < 20 A (D0.3101); K1/K2 open at <= 5 A, then K3/K4 after CSD (D0.5001, D0.4503);
    // PE loss: cut within 100 ms (D0.4505); declared fault: CST <= 100 ms (D0.4506).
    bool selfCheck = true;              // false: no insulation check at all (CRM right after BHM)
    bool insulationAtBhmVoltage = true; // test voltage min(BHM max, rated); false: always the rated max
    double residualVoltageLimit = 10.0; // V battery-side before the check: at or above it the charger refuses (D0.2001)
    bool refuseResidualVoltage = true;
    bool refuseBhmBelowMinimum = true;  // refuse when the vehicle's BHM max is below the charger's minimum
    double insulationOkOhmPerVolt = 500.0;    // above: no fault (D0.2501)
    double insulationFaultOhmPerVolt = 100.0; // at or below: fault, refuse (D0.2501)
    double imdMeasureTime = 0.2;        // s the monitor needs at the test voltage (ours)
    double lockTime = 0.05;             // s from command to lock feedback (ours)
    double auxToChm = 0.02;             // s from K3/K4 closing to the first CHM: the BMS is powered first (ours)
    bool lockBeforeInsulation = true;   // false: the lock engages only after the insulation test voltage was applied
    bool keepLockUnderLoad = true;      // false: the lock releases at the stop trigger, while current still flows
    double converterSlewRate = 2000.0;  // V/s the converter raises or lowers its open-circuit output (ours)
    double converterCapacitance = 2e-3; // F at the converter output, charger side of K1/K2 (ours)
    double bleederResistance = 100.0;   // ohm switched across the output when discharging: tau = 0.2 s, 750 V → 60 V in 0.51 s (ours)
    double selfDischargeResistance = 10000.0; // ohm always across the output (measurement dividers): tau = 20 s (ours)
    double batteryVoltageTolerance = 0.05;    // inlet vs BCP battery voltage, fraction (D0.3001)
    bool checkBatteryVoltage = true;    // false: CRO 0xAA whatever the inlet voltage
    double prechargeOffset = 5.0;       // V the output is set below the inlet voltage before K1/K2 close (D0.3001: 1..10 V)
    double prechargeSettle = 0.5;       // V: pre-charge reached when the output is within this of its target (ours)
    double loopResistance = 1.0;        // ohm, converter → battery through K1/K2 at closure: inrush = dV / R (ours)
    double inrushTau = 0.002;           // s, decay of the inrush current (ours)
    double contactorOpenCurrent = 4.0;  // A: K1/K2 open once the current is at or below it (D0.5001: ≤ 5 A; ours:
                                        // 1 A of margin, beyond the bench DAQ's U, as a conforming design keeps)
    double stopDelay = 0.0;             // s between a (non-emergency) stop trigger and the start of the ramp (conforming: 0)
    double demandReactionDelay = 0.0;   // s between a BCL frame with a new demand and the charger acting on it
    bool k3k4AfterCsd = true;           // false: K3/K4 open at the stop trigger, before the CSD/BSD exchange
    bool stopOnPeLoss = true;           // false: PE continuity loss is ignored
    double peLossReaction = 0.02;       // s from PE loss to the emergency cut (ours; limit 100 ms)
    bool resumeAfterMainsReturn = false; // true: a new session starts by itself when the mains returns
    bool bleedOnMainsLoss = true;       // false: on mains loss only the self-discharge empties the output
    double commTimeoutOpenDelay = 0.0;  // s K1/K2 stay closed after a communication timeout once the current is off
    double mainsLossOpenDelay = 0.0;    // s K1/K2 stay closed after a mains loss once the current is off
    double declaredFaultReaction = 0.0; // s from the declared fault / emergency stop to CST

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

    // The lab's own grid emulator (rack faults, rack_faults.hpp): what it delivers per unit of its
    // setpoint, while its own read-back still shows the setpoint (a drifted calibration).
    double gridSourceGain = 1.0;

    // The simulated vehicle (the BMS under test of GB/T 34658 BP/BN cases): bytes its BRM transfer
    // carries (the 2015 table: 49).
    double brmLength = 49.0;
    // Its reactions to a faulty charger (BmsConfig's defect switches; the defaults conform).
    bool bmsReadsShortCrm = false;        // a CRM shorter than 8 bytes is read (BN.1007)
    bool bmsReadsShortCml = false;        // a CML shorter than its table is read (BN.2006)
    bool bmsAnyCrmStartsBrm = false;      // an invalid CRM recognition starts the BRM (BN.1006)
    bool bmsNonZeroCrmIsRecognition = false; // during the BRM any non-0x00 CRM counts as 0xAA (BN.1009)
    double bmsSilentChargerRestart = 0.0; // s of charger silence during the BRM that restart BHM without BEM (BN.1010)
    bool bmsEndsAfterThirdTimeout = true; // false: reconnects for ever (BN.1008)
    double bmsCroStreamTimeout = 5.0;     // s without CRO before BEM(CRO timeout) (BN.2007)
};

} // namespace v2gbench::sim
