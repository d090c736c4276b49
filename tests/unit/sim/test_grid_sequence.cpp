// Grid list/sequence mode on the in-process simulated lab: the plant steps through the schedule
// on the virtual clock (sags and frequency steps visible to the analyzer for exactly their
// duration, to the plant step), ranges refused before anything changes, makeSafe aborts, and a
// driver without list mode refuses clearly.
#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include "v2gbench/core/errors.hpp"

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;
using core::GridSequenceStep;

namespace {

// A grid emulator with no list mode: it relies on the role's default runSequence().
class FixedOnlyGrid final : public core::GridEmulator {
public:
    core::InstrumentIdentity identity() const override { return {"test", "fixed-only grid", "0", "0", ""}; }
    core::Capabilities capabilities() const override { return {core::capability::threePhase}; }
    void makeSafe() noexcept override {}
    void apply(const core::GridSetpoint&) override { m_applied = true; }
    void off() override {}
    core::GridState state() override { return {m_applied, Volts(230.0), Hertz(50.0)}; }

private:
    bool m_applied = false;
};

} // namespace

BOOST_AUTO_TEST_SUITE(sim_grid_sequence)

BOOST_AUTO_TEST_CASE(sim_grid_publishes_list_mode) {
    SimRig rig;
    BOOST_TEST(rig.grid.capabilities().has(core::capability::listMode));
    BOOST_TEST(!rig.grid.sequenceRunning());
}

BOOST_AUTO_TEST_CASE(sag_is_seen_by_the_analyzer_for_exactly_its_duration) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.wait(0.1);
    rig.grid.runSequence({{Seconds(0.15), Volts(115.0), Hertz(50.0)}, {Seconds(0.01), Volts(230.0), Hertz(50.0)}});
    BOOST_TEST(rig.grid.sequenceRunning());
    // The sag applies at once (no step of delay), and the call returned without time passing.
    BOOST_TEST(rig.grid.state().voltage.value == 115.0);
    int sagged = 0;
    double minimum = 1e9;
    for (int ms = 0; ms < 400; ++ms) {
        const double v = rig.analyzer.read().ac.voltage.value;
        minimum = std::min(minimum, v);
        if (v < 172.5) ++sagged; // halfway between the levels: far outside the analyzer's noise
        rig.wait(0.001);
    }
    BOOST_TEST(sagged == 150); // 150 ms at 1 ms per plant step
    BOOST_TEST(minimum == 115.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(!rig.grid.sequenceRunning());
    const auto after = rig.grid.state();
    BOOST_TEST(after.outputOn);
    BOOST_TEST(after.voltage.value == 230.0); // holds the last step
}

BOOST_AUTO_TEST_CASE(frequency_step_and_ramp_follow_the_virtual_clock) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.grid.runSequence({{Seconds(2.0), Volts(230.0), Hertz(51.5)},
                          {Seconds(1.0), Volts(200.0), Hertz(50.0), true}, // ramp 230 -> 200 V, 51.5 -> 50 Hz
                          {Seconds(0.5), Volts(200.0), Hertz(50.0)}});
    rig.wait(1.0);
    BOOST_TEST(rig.grid.state().frequency.value == 51.5);
    BOOST_TEST(rig.grid.state().voltage.value == 230.0);
    rig.wait(1.5); // half-way through the ramp
    BOOST_TEST(rig.grid.state().voltage.value == 215.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(rig.grid.state().frequency.value == 50.75, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(rig.grid.sequenceRunning());
    rig.wait(1.0);
    BOOST_TEST(!rig.grid.sequenceRunning());
    BOOST_TEST(rig.grid.state().voltage.value == 200.0);
    BOOST_TEST(rig.grid.state().frequency.value == 50.0);
}

BOOST_AUTO_TEST_CASE(apply_and_makesafe_abort_a_running_sequence) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.grid.runSequence({{Seconds(5.0), Volts(100.0), Hertz(50.0)}, {Seconds(1.0), Volts(250.0), Hertz(50.0)}});
    rig.wait(0.5);
    rig.grid.apply({Volts(220.0), Hertz(50.0)});
    BOOST_TEST(!rig.grid.sequenceRunning());
    rig.wait(6.0);
    BOOST_TEST(rig.grid.state().voltage.value == 220.0); // the list's steps never came back
    rig.grid.runSequence({{Seconds(5.0), Volts(100.0), Hertz(50.0)}, {Seconds(1.0), Volts(250.0), Hertz(50.0)}});
    rig.grid.makeSafe();
    BOOST_TEST(!rig.grid.sequenceRunning());
    rig.wait(6.0);
    BOOST_TEST(!rig.grid.state().outputOn);
}

BOOST_AUTO_TEST_CASE(bad_sequences_are_refused_before_the_plant_changes) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    const std::vector<std::vector<GridSequenceStep>> bad{
        {},
        {{Seconds(0.1), Volts(115.0), Hertz(50.0)}, {Seconds(0.1), Volts(301.0), Hertz(50.0)}},
        {{Seconds(0.1), Volts(115.0), Hertz(44.0)}},
        {{Seconds(0.0), Volts(115.0), Hertz(50.0)}},
        {{Seconds(-1.0), Volts(115.0), Hertz(50.0)}},
        std::vector<GridSequenceStep>(SimGrid::kMaxSequenceSteps + 1, {Seconds(0.1), Volts(230.0), Hertz(50.0)}),
    };
    for (const auto& steps : bad) {
        BOOST_CHECK_THROW(rig.grid.runSequence(steps), core::CapabilityError);
        BOOST_TEST(!rig.grid.sequenceRunning());
        BOOST_TEST(rig.grid.state().voltage.value == 230.0);
    }
    try {
        rig.grid.runSequence({{Seconds(0.1), Volts(115.0), Hertz(50.0)}, {Seconds(0.1), Volts(301.0), Hertz(50.0)}});
    } catch (const core::CapabilityError& e) {
        BOOST_TEST(std::string(e.what()).find("step 2 voltage 301 V is outside 0..300 V") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_driver_without_list_mode_refuses) {
    FixedOnlyGrid grid;
    grid.apply({});
    BOOST_TEST(!grid.capabilities().has(core::capability::listMode));
    try {
        grid.runSequence({{Seconds(0.1), Volts(115.0), Hertz(50.0)}});
        BOOST_FAIL("no CapabilityError");
    } catch (const core::CapabilityError& e) {
        BOOST_TEST(std::string(e.what()).find("no list mode") != std::string::npos);
    }
    BOOST_CHECK_THROW(grid.sequenceRunning(), core::CapabilityError);
}

BOOST_AUTO_TEST_SUITE_END()
