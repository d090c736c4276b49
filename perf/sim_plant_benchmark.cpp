// Cost of the simulated lab's plant: nanoseconds per 1 ms plant step on the most expensive path
// (the V2G power loop), and one simulated hour of charging/discharging read every 100 ms
// through the sim drivers' virtual clock. Prints figures; never a pass/fail timing test.
#include "v2gbench/sim/plant.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/sim/sim_virtual_clock.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

using namespace v2gbench;

int main() {
    {
        sim::Plant plant(core::DutRatings{});
        plant.gridApply(units::Volts(230.0), units::Hertz(50.0));
        plant.batteryEmulate(core::BatteryEmulation{});
        core::ChargeDemand demand;
        demand.voltage = units::Volts(500.0);
        demand.current = units::Amperes(0.0);
        demand.maxDischargeCurrent = units::Amperes(100.0);
        plant.evDemand(demand);
        plant.evConnect();
        plant.steps(5000); // through handshake into charging
        plant.dispatch(units::Watts(-30e3));
        const auto t0 = std::chrono::steady_clock::now();
        constexpr long kSteps = 5'000'000;
        plant.steps(kSteps);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("plant step (dispatch path): %.1f ns  (%.0f simulated s per wall s; DC current %.1f A)\n",
                    wall / kSteps * 1e9, kSteps * 1e-3 / wall, plant.dcCurrent().value);
    }
    {
        // The charging path with the acquisition unit recording every channel each step (sim-daq bound).
        sim::Plant plant(core::DutRatings{});
        plant.daq().enable(plant.parameters().stepSize, 30.0);
        plant.gridApply(units::Volts(230.0), units::Hertz(50.0));
        plant.batteryEmulate(core::BatteryEmulation{});
        core::ChargeDemand demand;
        demand.voltage = units::Volts(500.0);
        demand.current = units::Amperes(100.0);
        plant.evDemand(demand);
        plant.evConnect();
        plant.steps(5000); // lock, self-check, pre-charge, into charging
        const auto t0 = std::chrono::steady_clock::now();
        constexpr long kSteps = 5'000'000;
        plant.steps(kSteps);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("plant step (charging, daq recording): %.1f ns  (%.0f simulated s per wall s; DC current %.1f A)\n",
                    wall / kSteps * 1e9, kSteps * 1e-3 / wall, plant.dcCurrent().value);
    }
    {
        auto lab = std::make_shared<sim::SimLab>(core::DutRatings{});
        sim::SimVirtualClock clock(lab);
        lab->withPlant([](sim::Plant& p) {
            p.gridApply(units::Volts(230.0), units::Hertz(50.0));
            p.batteryEmulate(core::BatteryEmulation{});
            core::ChargeDemand demand;
            demand.voltage = units::Volts(500.0);
            demand.current = units::Amperes(100.0);
            demand.maxDischargeCurrent = units::Amperes(100.0);
            p.evDemand(demand);
            p.evConnect();
        });
        const auto t0 = std::chrono::steady_clock::now();
        double sum = 0.0;
        for (int minute = 0; minute < 60; ++minute) {
            lab->withPlant([minute](sim::Plant& p) {
                if (minute % 10 == 5) p.dispatch(units::Watts(-20e3));
                if (minute % 10 == 0) p.releaseDispatch();
            });
            for (int i = 0; i < 600; ++i) {
                clock.waitFor(units::Seconds(0.1), [] { return false; });
                sum += lab->withPlant([](sim::Plant& p) { return p.dcCurrent().value; });
            }
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("one simulated hour, read every 100 ms: %.3f s wall = %.0fx real time (checksum %.0f)\n", wall,
                    3600.0 / wall, sum);
    }
    return 0;
}
