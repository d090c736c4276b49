#define BOOST_TEST_MODULE v2gbench_unit_sim
#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

BOOST_AUTO_TEST_SUITE(sim_plant)

BOOST_AUTO_TEST_CASE(constant_current_follows_demand) {
    SimRig rig;
    rig.startCharging(cc(10.0));
    rig.wait(3.0);
    auto m = rig.measure(1.0);
    BOOST_TEST(std::abs(m.dcCurrent - 10.0) < 0.05);

    rig.ev.demand(cc(100.0));
    rig.wait(3.0);
    m = rig.measure(1.0);
    BOOST_TEST(std::abs(m.dcCurrent - 100.0) < 0.1);
    // Terminal voltage = OCV + I R: 400 V + 100 A * 0.05 Ohm (SoC has barely moved).
    BOOST_TEST(std::abs(m.dcVoltage - 405.0) < 0.2);
    const auto st = rig.ev.status();
    BOOST_TEST(std::abs(st.chargerCurrent.value - 100.0) < 0.11);
    BOOST_TEST(st.demand.current.value == 100.0);
}

BOOST_AUTO_TEST_CASE(constant_current_respects_ratings_and_voltage_limit) {
    SimRig rig;
    rig.startCharging(cc(400.0)); // above the 250 A rating: the charger delivers its rating
    rig.wait(4.0);
    BOOST_TEST(std::abs(rig.current() - 250.0) < 0.01);
    rig.ev.demand(cc(100.0, 402.0)); // voltage limit 402 V: (402 - OCV) / 0.05 Ohm, ~37 A
    rig.wait(3.0);
    const double ocv = rig.lab->withPlant([](Plant& p) { return p.batteryOcv().value; });
    BOOST_TEST(ocv > 400.05); // 250 A for seconds has raised the SoC
    BOOST_TEST(std::abs(rig.current() - (402.0 - ocv) / 0.05) < 0.01);
    BOOST_TEST(std::abs(rig.analyzer.read().dc.voltage.value - 402.0) < 0.5);
}

BOOST_AUTO_TEST_CASE(constant_voltage_regulates_through_internal_resistance) {
    SimRig rig;
    rig.startCharging(cv(402.0, 100.0));
    rig.wait(3.0);
    auto m = rig.measure(1.0);
    BOOST_TEST(std::abs(m.dcVoltage - 402.0) < 0.02 * 402.0 / 100.0); // within 0.02 %
    BOOST_TEST(m.dcCurrent > 35.0);
    BOOST_TEST(m.dcCurrent < 41.0);
    // The current limit caps CV: 410 V would need 200 A.
    rig.ev.demand(cv(410.0, 50.0));
    rig.wait(3.0);
    m = rig.measure(1.0);
    BOOST_TEST(std::abs(m.dcCurrent - 50.0) < 0.05);
    BOOST_TEST(m.dcVoltage < 405.0);
}

BOOST_AUTO_TEST_CASE(soc_integrates_current_over_capacity) {
    SimRig rig;
    rig.startCharging(cc(50.0), 400.0, 10.0);
    const auto before = rig.battery.read();
    rig.wait(72.0);
    const auto after = rig.battery.read();
    // 50 A for 72 s into 10 Ah = 1 Ah = 10 % (less the ramp-up of a few tenths of a second).
    const double dsoc = after.soc.value - before.soc.value;
    BOOST_TEST(dsoc > 0.098);
    BOOST_TEST(dsoc < 0.1001);
    // OCV rises with SoC: slope 10 % of 400 V per unit SoC -> +4 V.
    const double ocv = rig.lab->withPlant([](Plant& p) { return p.batteryOcv().value; });
    BOOST_TEST(std::abs(ocv - (400.0 + 40.0 * (after.soc.value - 0.5))) < 1e-6);
    BOOST_TEST(ocv > 403.9);
}

BOOST_AUTO_TEST_CASE(power_balance_ac_equals_dc_over_efficiency) {
    SimRig rig;
    rig.startCharging(cc(150.0));
    rig.wait(3.0);
    const auto m = rig.measure(1.0);
    const double eff = (m.dcPower) / (m.acPower - 30.0); // standby 30 W
    BOOST_TEST(m.acPower > m.dcPower);
    BOOST_TEST(eff > 0.94);
    BOOST_TEST(eff < 0.97);
    BOOST_TEST(std::abs(m.dcPower / m.acPower - 0.958) < 0.01);
    // Per-phase AC current consistent with P = 3 V I PF.
    BOOST_TEST(std::abs(m.acCurrent - m.acPower / (3.0 * m.acVoltage * m.pf)) < 0.05);
    BOOST_TEST(m.pf >= 0.99);
    BOOST_TEST(std::abs(m.thd - 0.03) < 0.002);
    BOOST_TEST(std::abs(m.acVoltage - 230.0) < 0.01);
}

// v2gbench-sim --bus-dut external: the lab's charger and EV emulator are off the bus (nothing of
// theirs on it, an outside frame reaches only the listeners), the plug still works and counts.
BOOST_AUTO_TEST_CASE(external_bus_devices_take_the_labs_charger_and_ev_off_the_bus) {
    Plant plant(core::DutRatings{});
    std::size_t frames = 0;
    plant.bus().addListener([&](const transports::CanFrame&, SimCanBus::NodeId, double) { ++frames; });
    plant.setExternalBusDevices(true);
    plant.evConnect();
    plant.steps(2000); // 2 s: CHM and BHM would be on the bus by now
    BOOST_TEST(frames == 0u);
    BOOST_TEST(plant.plugged());
    BOOST_TEST(plant.plugIns() == 1u);
    plant.injectFrame(transports::CanFrame::make(0x182756F4, true, {0x4C, 0x1D})); // an outside BHM
    plant.steps(1000);
    BOOST_TEST(frames == 1u); // the charger heard nothing, so it answers nothing
    plant.evDisconnect();
    BOOST_TEST(!plant.plugged());
    plant.setExternalBusDevices(false);
    plant.evConnect();
    BOOST_TEST(plant.plugIns() == 2u);
    plant.steps(2000);
    BOOST_TEST(frames > 5u); // the lab's own CHM (and BHM) on the bus again
}

BOOST_AUTO_TEST_CASE(efficiency_curve_near_rated_load) {
    Plant plant(core::DutRatings{});
    BOOST_TEST(std::abs(plant.efficiencyAt(120e3) - 0.955) < 0.002);
    BOOST_TEST(plant.efficiencyAt(60e3) >= 0.955);
    BOOST_TEST(plant.efficiencyAt(12e3) < plant.efficiencyAt(60e3));
}

BOOST_AUTO_TEST_CASE(discharge_follows_sign_convention) {
    SimRig rig;
    rig.startCharging(cc(0.0, 500.0, 100.0));
    rig.dut.dispatchPower(Watts(-20e3));
    rig.wait(3.0);
    const auto m = rig.measure(1.0);
    BOOST_TEST(m.dcCurrent < -45.0);
    BOOST_TEST(m.dcPower < 0.0);
    BOOST_TEST(m.acPower < 0.0);
    BOOST_TEST(std::abs(m.acPower + 20e3) < 20.0);         // the loop regulates the grid side
    BOOST_TEST(std::abs(m.acPower) < std::abs(m.dcPower)); // losses come out of the battery
    const auto b = rig.battery.read();
    BOOST_TEST(b.current.value < 0.0);
    BOOST_TEST(b.soc.value < 0.5);
    const auto s = rig.dut.status();
    BOOST_TEST(s.state == "discharging");
    BOOST_TEST(s.dispatchActive);
    BOOST_TEST(std::abs(s.reportedPower.value + 20e3) < 5.0);
    BOOST_TEST(rig.ev.status().chargerCurrent.value < 0.0);
}

BOOST_AUTO_TEST_CASE(discharge_limited_by_vehicle_and_release_returns_to_demand) {
    SimRig rig;
    rig.startCharging(cc(20.0, 500.0, 10.0));
    rig.dut.dispatchPower(Watts(-20e3));
    rig.wait(3.0);
    BOOST_TEST(std::abs(rig.current() + 10.0) < 0.01);
    rig.dut.releaseDispatch();
    rig.wait(3.0);
    BOOST_TEST(std::abs(rig.current() - 20.0) < 0.01);
    // Without the vehicle's permission there is no discharge at all.
    rig.ev.demand(cc(0.0, 500.0, 0.0));
    rig.dut.dispatchPower(Watts(-20e3));
    rig.wait(3.0);
    BOOST_TEST(std::abs(rig.current()) < 1e-9);
}

BOOST_AUTO_TEST_CASE(positive_dispatch_overrides_demand) {
    SimRig rig;
    rig.startCharging(cc(10.0));
    rig.dut.dispatchPower(Watts(30e3));
    rig.wait(3.0);
    BOOST_TEST(std::abs(rig.gridPower() - 30e3) < 5.0);
    BOOST_TEST(rig.current() > 60.0);
}

BOOST_AUTO_TEST_CASE(no_output_without_battery_or_grid) {
    SimRig rig;
    rig.startCharging(cc(50.0));
    rig.wait(2.0);
    BOOST_TEST(rig.current() > 49.0);
    rig.battery.off();
    rig.wait(0.1);
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST(rig.analyzer.read().dc.voltage.value == 0.0);
}

BOOST_AUTO_TEST_CASE(grid_loss_stops_the_charger_with_a_ramp) {
    SimRig rig;
    rig.startCharging(cc(100.0));
    rig.wait(3.0);
    rig.grid.off();
    rig.wait(0.1);
    const double during = rig.current();
    BOOST_TEST(during > 50.0); // a ramp, not a step
    BOOST_TEST(during < 100.0);
    BOOST_TEST(rig.dut.status().state == "fault: grid lost");
    BOOST_TEST(rig.analyzer.read().ac.activePower.value == 0.0);
    rig.wait(1.0);
    BOOST_TEST(rig.current() == 0.0);
    const auto st = rig.ev.status();
    BOOST_TEST((st.phase == core::EvPhase::Stopped));
    BOOST_TEST(st.detail == "finished (CSD received)"); // the session ended properly: CST, BST, BSD, CSD
    // No resume after the grid comes back; a new session clears the fault.
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.wait(2.0);
    BOOST_TEST(rig.current() == 0.0);
    rig.ev.connect();
    rig.waitUntil([&] { return rig.ev.status().phase == core::EvPhase::Charging; }, 5.0);
    rig.wait(2.0);
    BOOST_TEST(rig.current() > 99.0);
    BOOST_TEST(rig.dut.status().state == "charging");
}

BOOST_AUTO_TEST_CASE(readings_carry_noise_and_ripple_but_stay_accurate) {
    SimRig rig;
    rig.startCharging(cc(20.0));
    rig.wait(2.0);
    double minV = 1e9, maxV = -1e9, minI = 1e9, maxI = -1e9;
    for (int i = 0; i < 200; ++i) {
        rig.wait(0.0013);
        const auto r = rig.analyzer.read();
        minV = std::min(minV, r.dc.voltage.value);
        maxV = std::max(maxV, r.dc.voltage.value);
        minI = std::min(minI, r.dc.current.value);
        maxI = std::max(maxI, r.dc.current.value);
    }
    BOOST_TEST(maxV - minV > 0.2); // ripple ~ +-0.2 V plus noise
    BOOST_TEST(maxV - minV < 1.0);
    BOOST_TEST(maxI - minI > 0.01);
    BOOST_TEST(maxI - minI < 0.1);
    BOOST_TEST(std::abs(minI - 20.0) < 0.05);
}

BOOST_AUTO_TEST_SUITE_END()
