#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include <vector>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;
using core::EvPhase;

BOOST_AUTO_TEST_SUITE(sim_ev)

BOOST_AUTO_TEST_CASE(phase_sequence_to_charging) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.battery.emulate(rig.batteryModel());
    rig.ev.demand(cc(10.0));
    BOOST_TEST((rig.ev.status().phase == EvPhase::Disconnected));
    rig.ev.connect();
    BOOST_TEST((rig.ev.status().phase == EvPhase::Connected));
    std::vector<EvPhase> seen{EvPhase::Connected};
    double chargingAt = -1.0;
    for (int i = 0; i < 300 && chargingAt < 0; ++i) {
        rig.wait(0.01);
        const auto p = rig.ev.status().phase;
        if (p != seen.back()) seen.push_back(p);
        if (p == EvPhase::Charging) chargingAt = rig.clock.now().value;
    }
    const std::vector<EvPhase> expected{EvPhase::Connected, EvPhase::Handshake, EvPhase::Parameters, EvPhase::Charging};
    BOOST_TEST((seen == expected));
    BOOST_TEST(chargingAt > 1.0); // ~0.1 + 0.5 + 0.5 s
    BOOST_TEST(chargingAt < 1.2);
    BOOST_TEST(core::toString(rig.ev.status().phase) == "charging");
}

BOOST_AUTO_TEST_CASE(waits_in_parameters_then_faults_without_grid) {
    SimRig rig;
    rig.battery.emulate(rig.batteryModel());
    rig.ev.connect();
    rig.wait(5.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Parameters));
    rig.wait(6.0);
    const auto st = rig.ev.status();
    BOOST_TEST((st.phase == EvPhase::Fault));
    BOOST_TEST(st.detail.find("grid off") != std::string::npos);
    BOOST_TEST(st.detail.find("battery") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(grid_arriving_in_time_lets_charging_start) {
    SimRig rig;
    rig.ev.connect();
    rig.wait(3.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Parameters));
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.battery.emulate(rig.batteryModel());
    rig.wait(0.01);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Charging));
}

BOOST_AUTO_TEST_CASE(stop_ramps_down_then_stopped) {
    SimRig rig;
    rig.startCharging(cc(100.0));
    rig.wait(3.0);
    rig.ev.stop();
    BOOST_TEST((rig.ev.status().phase == EvPhase::Stopping));
    rig.wait(0.1);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Stopping));
    BOOST_TEST(rig.current() > 50.0);
    const double t = rig.waitUntil([&] { return rig.ev.status().phase == EvPhase::Stopped; }, 5.0);
    BOOST_TEST(t < 1.0);
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST(rig.ev.status().chargerCurrent.value == 0.0);
}

BOOST_AUTO_TEST_CASE(stop_before_charging_and_disconnect) {
    SimRig rig;
    rig.ev.connect();
    rig.wait(0.2);
    rig.ev.stop();
    BOOST_TEST((rig.ev.status().phase == EvPhase::Stopped));
    rig.ev.disconnect();
    BOOST_TEST((rig.ev.status().phase == EvPhase::Disconnected));

    rig.startCharging(cc(80.0));
    rig.wait(2.0);
    BOOST_TEST(rig.current() > 79.0);
    rig.ev.disconnect(); // forced stop
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Disconnected));
}

BOOST_AUTO_TEST_CASE(status_reports_demand_and_charger_output) {
    SimRig rig;
    rig.startCharging(cc(32.0, 480.0));
    rig.wait(2.0);
    const auto st = rig.ev.status();
    BOOST_TEST(st.demand.current.value == 32.0);
    BOOST_TEST(st.demand.voltage.value == 480.0);
    BOOST_TEST((st.demand.mode == core::DemandMode::ConstantCurrent));
    BOOST_TEST(std::abs(st.chargerCurrent.value - 32.0) < 0.11);
    BOOST_TEST(std::abs(st.chargerVoltage.value - 401.6) < 0.11);
    BOOST_TEST(!st.detail.empty());
}

BOOST_AUTO_TEST_SUITE_END()
