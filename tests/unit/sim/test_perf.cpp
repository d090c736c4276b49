#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include <chrono>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

BOOST_AUTO_TEST_SUITE(sim_perf)

// The plan library must simulate >= 200x faster than real time. One simulated hour of charging
// and discharging, read every 100 ms as a plan would, must take well under 18 s of wall time.
BOOST_AUTO_TEST_CASE(one_hour_simulates_far_faster_than_real_time) {
    SimRig rig;
    rig.startCharging(cc(100.0, 500.0, 100.0));
    const auto t0 = std::chrono::steady_clock::now();
    double sum = 0.0;
    for (int minute = 0; minute < 60; ++minute) {
        if (minute % 10 == 5) rig.dut.dispatchPower(Watts(-20e3));
        if (minute % 10 == 0) rig.dut.releaseDispatch();
        for (int i = 0; i < 600; ++i) {
            rig.clock.waitFor(Seconds(0.1), [] { return false; });
            sum += rig.analyzer.read().dc.current.value;
        }
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double speedup = 3600.0 / wall;
    BOOST_TEST_MESSAGE("one simulated hour in " << wall << " s wall: " << speedup << "x real time, "
                                                << wall / 3.6e6 * 1e9 << " ns per step incl. reads");
    BOOST_TEST(sum != 0.0);
    BOOST_TEST(speedup > 400.0); // 2x margin over the requirement
}

BOOST_AUTO_TEST_CASE(plant_step_is_well_under_a_microsecond) {
    Plant plant(core::DutRatings{});
    plant.gridApply(Volts(230.0), Hertz(50.0));
    plant.batteryEmulate(core::BatteryEmulation{});
    core::ChargeDemand d = cc(0.0, 500.0, 100.0);
    plant.evDemand(d);
    plant.evConnect();
    plant.dispatch(Watts(-30e3)); // the most expensive path: the power loop
    const auto t0 = std::chrono::steady_clock::now();
    plant.steps(2'000'000);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST_MESSAGE("plant step: " << wall / 2e6 * 1e9 << " ns");
    BOOST_TEST(plant.dcCurrent().value < -50.0);
#ifdef NDEBUG
    BOOST_TEST(wall / 2e6 < 1e-6);
#else
    BOOST_TEST(wall / 2e6 < 1e-5); // unoptimised build: only catch gross regressions
#endif
}

BOOST_AUTO_TEST_SUITE_END()
