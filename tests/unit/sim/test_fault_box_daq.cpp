// Drivers sim-fault-box and sim-daq against their role contracts (core/roles/fault_box.hpp,
// core/roles/daq.hpp): read-back, refusals before anything changes, captures with pre/post
// trigger on the plant time base for every trigger kind.
#include "sim_rig.hpp"

#include "v2gbench/sim/sim_daq.hpp"
#include "v2gbench/sim/sim_fault_box.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

namespace {

std::size_t indexOf(const core::DaqCapture& c, const std::string& channel) {
    for (std::size_t i = 0; i < c.channels.size(); ++i)
        if (c.channels[i] == channel) return i;
    throw std::logic_error("no channel " + channel);
}

core::DaqCapture fetchWithin(SimRig& rig, SimDaq& daq, double seconds) {
    for (int i = 0; i < static_cast<int>(seconds / 0.01); ++i) {
        if (auto c = daq.fetch()) return *c;
        rig.wait(0.01);
    }
    if (auto c = daq.fetch()) return *c;
    throw std::runtime_error("capture did not complete");
}

void startCharging(SimRig& rig) {
    rig.startCharging(cc(100.0));
    rig.waitUntil([&] { return rig.current() > 99.0; }, 5.0);
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_fault_box_daq)

BOOST_AUTO_TEST_CASE(fault_box_reads_back_and_refuses_what_it_cannot_do) {
    SimRig rig;
    SimFaultBox box(rig.lab);
    BOOST_TEST(box.capabilities().has(core::capability::insulationFault));
    box.setLine(core::CouplerLine::Cc1, core::LineState::Open);
    box.setR4(units::Ohms(571.0));
    box.setInsulationFault(core::InsulationFaultPlace::Both, units::Ohms(300e3));
    auto s = box.state();
    BOOST_TEST((s.cc1 == core::LineState::Open));
    BOOST_TEST(s.r4.value == 571.0);
    BOOST_TEST((s.insulationFault == core::InsulationFaultPlace::Both));
    BOOST_TEST(s.insulationResistance.value == 300e3);
    // S+ shorted to S-: one relay, both lines read back shorted; closing one clears the short.
    box.setLine(core::CouplerLine::CanH, core::LineState::Shorted);
    BOOST_TEST((box.state().canL == core::LineState::Shorted));
    box.setLine(core::CouplerLine::CanL, core::LineState::Closed);
    BOOST_TEST((box.state().canH == core::LineState::Closed));
    // Refused before anything moves: a short on a power/control line, R4 or Rt out of range or
    // between two 1-ohm steps.
    BOOST_CHECK_THROW(box.setLine(core::CouplerLine::Pe, core::LineState::Shorted), core::CapabilityError);
    BOOST_CHECK_THROW(box.setR4(units::Ohms(50.0)), core::CapabilityError);
    BOOST_CHECK_THROW(box.setR4(units::Ohms(1000.5)), core::CapabilityError);
    BOOST_CHECK_THROW(box.setInsulationFault(core::InsulationFaultPlace::PositiveToPe, units::Ohms(10.0)),
                      core::CapabilityError);
    BOOST_TEST(box.state().r4.value == 571.0);
    box.makeSafe();
    s = box.state();
    BOOST_TEST((s.cc1 == core::LineState::Closed));
    BOOST_TEST(s.r4.value == 1000.0);
    BOOST_TEST((s.insulationFault == core::InsulationFaultPlace::None));
}

BOOST_AUTO_TEST_CASE(r4_moves_detection_point_1) {
    SimRig rig;
    SimFaultBox box(rig.lab);
    SimDaq daq(rig.lab);
    rig.ev.connect();
    rig.wait(0.01);
    const auto cc1 = [&] { return daq.read().values[4]; };
    BOOST_TEST(cc1() == 4.0, boost::test_tools::tolerance(1e-9));
    box.setR4(units::Ohms(571.0)); // 12·(R2||R4)/(R1+R2||R4) = 3.2 V
    rig.wait(0.001);
    BOOST_TEST(cc1() == 3.2, boost::test_tools::tolerance(0.001));
    box.setR4(units::Ohms(2000.0)); // 4.8 V
    rig.wait(0.001);
    BOOST_TEST(cc1() == 4.8, boost::test_tools::tolerance(0.001));
    box.setLine(core::CouplerLine::SwitchS, core::LineState::Open); // state 2: 12·R4/(R1+R4)
    rig.wait(0.001);
    BOOST_TEST(cc1() == 8.0, boost::test_tools::tolerance(0.001));
}

BOOST_AUTO_TEST_CASE(edge_trigger_capture_has_pre_and_post_samples_on_the_plant_step) {
    SimRig rig;
    SimFaultBox box(rig.lab);
    SimDaq daq(rig.lab);
    BOOST_TEST(daq.resolution().value == 0.001);
    BOOST_TEST(daq.channels().size() == core::daqChannels().size());
    startCharging(rig);
    core::DaqCaptureRequest r;
    r.channels = {"cc1_voltage", "output_current", "k1k2_closed"};
    r.preTrigger = units::Seconds(0.1);
    r.postTrigger = units::Seconds(0.5);
    r.trigger.kind = core::DaqTriggerKind::Rising;
    r.trigger.channel = "cc1_voltage";
    r.trigger.level = 8.0;
    daq.arm(r);
    BOOST_TEST(!daq.fetch().has_value());
    const double armedAt = rig.clock.now().value;
    box.setLine(core::CouplerLine::Cc1, core::LineState::Open);
    const auto c = fetchWithin(rig, daq, 2.0);
    BOOST_TEST(c.resolution.value == 0.001);
    BOOST_TEST(c.triggerTime >= armedAt);
    BOOST_TEST(c.triggerTime - armedAt <= 0.002);
    BOOST_REQUIRE(!c.samples.empty());
    BOOST_TEST(c.samples.front().time == c.triggerTime - 0.1, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(c.samples.back().time == c.triggerTime + 0.5, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(c.samples.size() == 601u);
    const auto cc1 = indexOf(c, "cc1_voltage"), k1k2 = indexOf(c, "k1k2_closed");
    BOOST_TEST(c.samples.front().values[cc1] == 4.0);          // before: state 3
    BOOST_TEST(c.samples.front().values[k1k2] == 1.0);         // charging
    BOOST_TEST(c.samples.back().values[cc1] == 12.0);          // after: CC1 open
    BOOST_TEST(c.samples.back().values[k1k2] == 0.0);          // K1/K2 opened
    // Only once.
    BOOST_TEST(!daq.fetch().has_value());
}

BOOST_AUTO_TEST_CASE(can_frame_trigger_and_decimated_period) {
    SimRig rig;
    SimDaq daq(rig.lab);
    BOOST_TEST(daq.capabilities().has(core::capability::daqCanTrigger));
    startCharging(rig);
    std::optional<double> bstAt;
    rig.lab->withPlant([&](Plant& p) {
        p.bus().addListener([&](const transports::CanFrame& f, SimCanBus::NodeId, double t) {
            if (f.extended && (f.id >> 8 & 0xFF00) == 0x1900 && !bstAt) bstAt = t;
        });
    });
    core::DaqCaptureRequest r;
    r.channels = {"output_current"};
    r.samplePeriod = units::Seconds(0.005);
    r.postTrigger = units::Seconds(1.0);
    r.trigger.kind = core::DaqTriggerKind::CanFrame;
    r.trigger.pgn = 0x1900; // BST
    daq.arm(r);
    rig.ev.stop();
    const auto c = fetchWithin(rig, daq, 3.0);
    BOOST_REQUIRE(bstAt);
    BOOST_TEST(c.triggerTime == *bstAt);
    BOOST_TEST(c.resolution.value == 0.005);
    BOOST_REQUIRE(c.samples.size() >= 2u);
    BOOST_TEST(c.samples[1].time - c.samples[0].time == 0.005, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(c.samples.front().values[0] > 90.0);
    BOOST_TEST(c.samples.back().values[0] == 0.0);
}

BOOST_AUTO_TEST_CASE(refusals_name_what_the_unit_cannot_do) {
    SimRig rig;
    SimDaq daq(rig.lab);
    core::DaqCaptureRequest r;
    r.channels = {"cc1_voltage"};
    r.samplePeriod = units::Seconds(0.0015); // not a whole number of 1 ms steps
    BOOST_CHECK_THROW(daq.arm(r), core::CapabilityError);
    r.samplePeriod = units::Seconds(0.001);
    r.channels = {"cc3_voltage"};
    BOOST_CHECK_THROW(daq.arm(r), core::CapabilityError);
    r.channels = {"cc1_voltage"};
    r.postTrigger = units::Seconds(31.0); // longer than the 30 s memory
    BOOST_CHECK_THROW(daq.arm(r), core::CapabilityError);
    r.postTrigger = units::Seconds(0.01);
    r.trigger.kind = core::DaqTriggerKind::Falling;
    r.trigger.channel = "nowhere";
    BOOST_CHECK_THROW(daq.arm(r), core::CapabilityError);
    // Immediate: complete once the post-trigger time has run (11 samples: the trigger's and 10 after).
    rig.wait(0.05);
    r.trigger = {};
    daq.arm(r);
    const auto c = fetchWithin(rig, daq, 0.1);
    BOOST_TEST(c.samples.size() == 11u);
}

BOOST_AUTO_TEST_CASE(declared_fault_test_mode_on_sim_dut) {
    SimRig rig;
    BOOST_TEST(rig.dut.capabilities().has(core::capability::declaredFaults));
    startCharging(rig);
    rig.dut.triggerDeclaredFault(core::DeclaredFault::DeclaredFault);
    rig.wait(0.2);
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST(rig.dut.status().state.find("declared fault") != std::string::npos);
    rig.dut.clearDeclaredFault();
    rig.wait(2.0);
    BOOST_TEST(rig.current() == 0.0); // no resume by itself
}

// The operator's stop is a normal end, not a fault: the current ramps to zero, the session ends,
// nothing is reported as a fault, and it does not start again by itself.
BOOST_AUTO_TEST_CASE(operator_stop_on_sim_dut) {
    SimRig rig;
    BOOST_TEST(rig.dut.capabilities().has(core::capability::operatorStop));
    startCharging(rig);
    BOOST_REQUIRE(rig.current() > 10.0);
    rig.dut.operatorStop();
    rig.wait(3.0);
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST(rig.dut.status().state.find("fault") == std::string::npos, rig.dut.status().state);
    rig.wait(5.0);
    BOOST_TEST(rig.current() == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
