#pragma once
// Test rig for the simulated lab: one lab, its virtual clock and the five sim drivers, plus
// helpers to reach "charging" and to average readings, all in virtual time (no sleeping).
#include "v2gbench/sim/plant.hpp"
#include "v2gbench/sim/sim_analyzer.hpp"
#include "v2gbench/sim/sim_battery.hpp"
#include "v2gbench/sim/sim_dut.hpp"
#include "v2gbench/sim/sim_ev.hpp"
#include "v2gbench/sim/sim_grid.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/sim/sim_virtual_clock.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace v2gbench::sim::test {

using units::Amperes;
using units::Hertz;
using units::Ohms;
using units::Ratio;
using units::Seconds;
using units::Volts;
using units::Watts;

inline core::ChargeDemand cc(double amps, double volts = 500.0, double maxDischarge = 0.0) {
    core::ChargeDemand d;
    d.mode = core::DemandMode::ConstantCurrent;
    d.current = Amperes(amps);
    d.voltage = Volts(volts);
    d.maxDischargeCurrent = Amperes(maxDischarge);
    return d;
}

inline core::ChargeDemand cv(double volts, double currentLimit) {
    core::ChargeDemand d;
    d.mode = core::DemandMode::ConstantVoltage;
    d.current = Amperes(currentLimit);
    d.voltage = Volts(volts);
    return d;
}

struct Mean {
    double dcCurrent = 0, dcVoltage = 0, dcPower = 0, acPower = 0, acCurrent = 0, acVoltage = 0, pf = 0, thd = 0;
};

struct SimRig {
    explicit SimRig(const std::string& defect = {}, std::uint64_t seed = 1, const core::DutRatings& ratings = {})
        : lab(std::make_shared<SimLab>(ratings, defect, seed)), clock(lab), grid(lab), battery(lab), ev(lab),
          analyzer(lab), dut(lab) {}

    void wait(double seconds) { clock.waitFor(Seconds(seconds), {}); }

    // Waits until pred() holds (checked every 10 ms of simulated time); throws after timeout.
    double waitUntil(const std::function<bool()>& pred, double timeout) {
        const double t0 = clock.now().value;
        clock.waitFor(Seconds(timeout), pred);
        if (!pred()) throw std::runtime_error("condition not reached within timeout");
        return clock.now().value - t0;
    }

    core::BatteryEmulation batteryModel(double volts = 400.0, double soc = 0.5, double capacityAh = 150.0) {
        core::BatteryEmulation b;
        b.voltage = Volts(volts);
        b.soc = Ratio(soc);
        b.capacity = units::AmpereHours(capacityAh);
        b.internalResistance = Ohms(0.05);
        return b;
    }

    void startCharging(const core::ChargeDemand& d, double batteryVolts = 400.0, double capacityAh = 150.0) {
        grid.apply({Volts(230.0), Hertz(50.0)});
        battery.emulate(batteryModel(batteryVolts, 0.5, capacityAh));
        ev.demand(d);
        ev.connect();
        waitUntil([&] { return ev.status().phase == core::EvPhase::Charging; }, 30.0);
    }

    // Mean of analyzer readings taken every 10 ms over window seconds.
    Mean measure(double window) {
        Mean m;
        const int n = static_cast<int>(std::lround(window / 0.01));
        for (int i = 0; i < n; ++i) {
            wait(0.01);
            const auto r = analyzer.read();
            m.dcCurrent += r.dc.current.value;
            m.dcVoltage += r.dc.voltage.value;
            m.dcPower += r.dc.power.value;
            m.acPower += r.ac.activePower.value;
            m.acCurrent += r.ac.current.value;
            m.acVoltage += r.ac.voltage.value;
            m.pf += r.ac.powerFactor.value;
            m.thd += r.ac.currentThd.value;
        }
        for (double* v :
             {&m.dcCurrent, &m.dcVoltage, &m.dcPower, &m.acPower, &m.acCurrent, &m.acVoltage, &m.pf, &m.thd})
            *v /= n;
        return m;
    }

    // True (noise-free) plant values.
    double current() {
        return lab->withPlant([](Plant& p) { return p.dcCurrent().value; });
    }
    double gridPower() {
        return lab->withPlant([](Plant& p) { return p.gridPower().value; });
    }

    // Time from now until value() stays within tol of final for good, sampled every 1 ms over
    // horizon seconds (call right after commanding the step).
    double settlingTime(const std::function<double()>& value, double final, double tol, double horizon) {
        const double t0 = clock.now().value;
        double lastOutside = t0;
        const int n = static_cast<int>(std::lround(horizon / 0.001));
        for (int i = 0; i < n; ++i) {
            wait(0.001);
            if (std::abs(value() - final) > tol) lastOutside = clock.now().value;
        }
        return lastOutside - t0;
    }

    std::shared_ptr<SimLab> lab;
    SimVirtualClock clock;
    SimGrid grid;
    SimBattery battery;
    SimEv ev;
    SimAnalyzer analyzer;
    SimDut dut;
};

} // namespace v2gbench::sim::test
