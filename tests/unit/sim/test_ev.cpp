#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"
#include "v2gbench/sim/sim_can_recorder.hpp"
#include "test_paths.hpp"

#include <vector>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;
using core::EvPhase;

namespace {

// Every decoded message the recorder has, from the start.
std::vector<core::BusMessage> messages(SimCanRecorder& can) {
    std::vector<core::BusMessage> out;
    can.readMessages(0, out);
    return out;
}

const core::BusMessage* first(const std::vector<core::BusMessage>& ms, const std::string& name, double after = 0.0) {
    for (const auto& m : ms)
        if (m.name == name && m.time >= after) return &m;
    return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_ev)

BOOST_AUTO_TEST_CASE(phase_sequence_to_charging_over_the_protocol) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.battery.emulate(rig.batteryModel());
    rig.ev.demand(cc(10.0));
    BOOST_TEST((rig.ev.status().phase == EvPhase::Disconnected));
    rig.ev.connect();
    BOOST_TEST((rig.ev.status().phase == EvPhase::Connected));
    std::vector<EvPhase> seen{EvPhase::Connected};
    double chargingAt = -1.0;
    for (int i = 0; i < 3000 && chargingAt < 0; ++i) {
        rig.wait(0.001);
        const auto p = rig.ev.status().phase;
        if (p != seen.back()) seen.push_back(p);
        if (p == EvPhase::Charging) chargingAt = rig.clock.now().value;
    }
    const std::vector<EvPhase> expected{EvPhase::Connected, EvPhase::Handshake, EvPhase::Parameters, EvPhase::Charging};
    BOOST_TEST((seen == expected));
    // Lock, K3/K4, CHM/BHM, self-check, CRM, BRM and BCP by TP, CML, BRO, pre-charge, CRO.
    BOOST_TEST(chargingAt > 0.2);
    BOOST_TEST(chargingAt < 3.0); // the charger's sequence (self-check, pre-charge) takes ~1.5 s
    const auto st = rig.ev.status();
    BOOST_TEST(core::toString(st.phase) == "charging");
    BOOST_TEST(st.cc1Voltage.value == 4.0);
    BOOST_TEST(st.switchSClosed);
    BOOST_TEST(st.timeouts == 0u);
}

BOOST_AUTO_TEST_CASE(no_session_without_mains_then_charging_when_it_comes) {
    SimRig rig;
    rig.battery.emulate(rig.batteryModel());
    rig.ev.connect();
    rig.wait(5.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Connected)); // BHM, no charger to answer
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.ev.demand(cc(20.0));
    const double t = rig.waitUntil([&] { return rig.ev.status().phase == EvPhase::Charging; }, 5.0);
    BOOST_TEST(t < 3.0); // the charger's sequence (self-check, pre-charge) takes ~1.5 s
    rig.wait(2.0);
    BOOST_TEST(std::abs(rig.current() - 20.0) < 0.5);
}

BOOST_AUTO_TEST_CASE(stop_ramps_down_then_stopped) {
    SimRig rig;
    rig.startCharging(cc(100.0));
    rig.wait(3.0);
    rig.ev.stop();
    BOOST_TEST((rig.ev.status().phase == EvPhase::Stopping));
    rig.wait(0.1);
    BOOST_TEST(rig.current() > 50.0);
    // The statistics exchange (BST, CST, BSD, CSD) is quick; the ramp at 250 A/s takes its 0.4 s.
    const double stopped = rig.waitUntil([&] { return rig.ev.status().phase == EvPhase::Stopped; }, 5.0);
    BOOST_TEST(stopped < 0.2);
    const double t = rig.waitUntil([&] { return rig.current() == 0.0; }, 5.0);
    BOOST_TEST(t < 3.0); // the charger's sequence (self-check, pre-charge) takes ~1.5 s
}

BOOST_AUTO_TEST_CASE(disconnect_is_a_forced_stop_and_a_new_plug_in_starts_afresh) {
    SimRig rig;
    rig.startCharging(cc(80.0));
    rig.wait(2.0);
    BOOST_TEST(rig.current() > 79.0);
    rig.ev.disconnect();
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Disconnected));
    BOOST_TEST(rig.ev.status().cc1Voltage.value == 0.0);
    rig.ev.connect(); // same instant: the charger must not carry the old session over
    const double t = rig.waitUntil([&] { return rig.ev.status().phase == EvPhase::Charging; }, 5.0);
    BOOST_TEST(t < 3.0); // the charger's sequence (self-check, pre-charge) takes ~1.5 s
}

BOOST_AUTO_TEST_CASE(status_reports_demand_and_charger_output_from_ccs) {
    SimRig rig;
    rig.startCharging(cc(32.0, 480.0));
    rig.wait(2.0);
    const auto st = rig.ev.status();
    BOOST_TEST(st.demand.current.value == 32.0);
    BOOST_TEST(st.demand.voltage.value == 480.0);
    BOOST_TEST((st.demand.mode == core::DemandMode::ConstantCurrent));
    BOOST_TEST(std::abs(st.chargerCurrent.value - 32.0) < 0.11); // CCS resolution 0.1 A
    BOOST_TEST(std::abs(st.chargerVoltage.value - 401.6) < 0.11);
    BOOST_TEST(!st.detail.empty());
    BOOST_TEST(st.protocolState.find("charging") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pause_through_bsm_stops_the_output_and_resume_restarts_it) {
    SimRig rig;
    rig.startCharging(cc(60.0));
    rig.wait(2.0);
    rig.ev.pause();
    BOOST_TEST(rig.ev.status().paused);
    rig.wait(1.0);
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Charging)); // the session goes on
    rig.ev.resume();
    rig.wait(2.0);
    BOOST_TEST(std::abs(rig.current() - 60.0) < 1.0);
}

BOOST_AUTO_TEST_CASE(switch_s_open_cuts_the_current_within_50_ms) {
    SimRig rig;
    rig.startCharging(cc(200.0));
    rig.wait(3.0);
    BOOST_TEST(rig.current() > 199.0);
    rig.ev.setSwitchS(false);
    BOOST_TEST(rig.ev.status().cc1Voltage.value == 6.0);
    rig.wait(0.05);
    BOOST_TEST(rig.current() <= 5.0);
    BOOST_TEST(rig.dut.status().state.find("switch S") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(slow_s_open_cut_defect_misses_the_50_ms) {
    SimRig rig("slow-s-open-cut");
    rig.startCharging(cc(200.0));
    rig.wait(3.0);
    rig.ev.setSwitchS(false);
    rig.wait(0.05);
    BOOST_TEST(rig.current() > 150.0); // 250 A/s: 12.5 A in 50 ms
}

BOOST_AUTO_TEST_CASE(cc1_break_sends_cst_on_the_bus_within_100_ms) {
    SimRig rig;
    v2gbench::test::TempDir dir("sim-can");
    SimCanRecorder can(rig.lab);
    can.startRecording((dir.path() / "can.log").string());
    rig.startCharging(cc(50.0));
    rig.wait(2.0);
    const double t0 = rig.clock.now().value;
    rig.ev.setCc1({true, std::nullopt});
    BOOST_TEST(rig.ev.status().cc1Voltage.value == 12.0);
    rig.wait(0.2);
    const auto ms = messages(can);
    const auto* cst = first(ms, "CST", t0);
    BOOST_REQUIRE(cst);
    BOOST_TEST(cst->time - t0 <= 0.1);
    BOOST_TEST(cst->sender == "charger");
    BOOST_REQUIRE(cst->field("connector fault"));
    BOOST_TEST(cst->field("connector fault")->value == 1.0);
    BOOST_TEST(!cst->summary.empty());
    can.stopRecording();
    BOOST_TEST(can.framesRecorded() > 20u);
    BOOST_TEST(std::filesystem::file_size(dir.path() / "can.log") > 0u);
}

BOOST_AUTO_TEST_CASE(cc1_outside_the_window_refuses_a_session) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.battery.emulate(rig.batteryModel());
    rig.ev.setCc1({false, Volts(3.0)});
    rig.ev.connect();
    rig.wait(3.0);
    BOOST_TEST((rig.ev.status().phase == EvPhase::Connected)); // no CHM, no CRM
    rig.ev.setCc1({false, Volts(4.37)});
    const double t = rig.waitUntil([&] { return rig.ev.status().phase == EvPhase::Charging; }, 5.0);
    BOOST_TEST(t < 3.0); // the charger's sequence (self-check, pre-charge) takes ~1.5 s
}

BOOST_AUTO_TEST_CASE(an_unknown_fault_message_is_refused_by_name) {
    SimRig rig;
    core::EvFault f;
    f.kind = core::EvFaultKind::Silence;
    f.message = "BXL";
    try {
        rig.ev.injectFault(f);
        BOOST_FAIL("accepted an unknown message");
    } catch (const core::CapabilityError& e) {
        BOOST_TEST(std::string(e.what()).find("BXL") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
