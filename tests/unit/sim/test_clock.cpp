#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include "v2gbench/sim/sim_realtime_clock.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

namespace {

// A clock moved by hand, to test how the lab follows an external time base without waiting.
class ManualClock final : public core::Clock {
public:
    units::Seconds now() const override { return m_now; }
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>&) override {
        m_now += d;
        return d;
    }
    bool isVirtual() const override { return true; }
    units::Seconds m_now{0.0};
};

std::int64_t steps(SimLab& lab) {
    return lab.withPlant([](Plant& p) { return p.stepCount(); });
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_clock)

BOOST_AUTO_TEST_CASE(virtual_wait_advances_time_and_plant_at_once) {
    SimRig rig;
    BOOST_TEST(rig.clock.isVirtual());
    BOOST_TEST(rig.clock.now().value == 0.0);
    const auto waited = rig.clock.waitFor(Seconds(1.5), {});
    BOOST_TEST(std::abs(waited.value - 1.5) < 1e-12);
    BOOST_TEST(std::abs(rig.clock.now().value - 1.5) < 1e-12);
    BOOST_TEST(steps(*rig.lab) == 1500);
    // A one-hour wait is simulated, not slept.
    rig.clock.waitFor(Seconds(3600.0), {});
    BOOST_TEST(std::abs(rig.clock.now().value - 3601.5) < 1e-9);
    BOOST_TEST(steps(*rig.lab) == 3601500);
}

// A wait shorter than the lab's nanosecond grid completes (it is not "no progress"): a caller that
// slices a long wait and subtracts what was waited must not be left with a remainder that never goes.
BOOST_AUTO_TEST_CASE(a_completed_wait_reports_the_duration_asked_for) {
    SimRig rig;
    BOOST_TEST(rig.clock.waitFor(Seconds(3e-10), {}).value == 3e-10);
    double remaining = 60.0;
    int slices = 0;
    while (remaining > 1e-12 && slices < 100000) {
        remaining -= rig.clock.waitFor(Seconds(std::min(remaining, 0.01)), {}).value;
        ++slices;
    }
    BOOST_TEST(slices <= 6001);
    BOOST_TEST(std::abs(rig.clock.now().value - 60.0) < 1e-6);
}

BOOST_AUTO_TEST_CASE(fractions_of_a_step_are_kept) {
    SimRig rig;
    for (int i = 0; i < 3; ++i)
        rig.clock.waitFor(Seconds(0.0004), {});
    BOOST_TEST(std::abs(rig.clock.now().value - 0.0012) < 1e-12);
    BOOST_TEST(steps(*rig.lab) == 1);
    rig.clock.waitFor(Seconds(0.0009), {});
    BOOST_TEST(steps(*rig.lab) == 2); // 2.1 ms
    BOOST_TEST(rig.clock.waitFor(Seconds(0.0), {}).value == 0.0);
    BOOST_TEST(rig.clock.waitFor(Seconds(-1.0), {}).value == 0.0);
    BOOST_TEST(std::abs(rig.clock.now().value - 0.0021) < 1e-12);
}

BOOST_AUTO_TEST_CASE(returns_early_when_should_stop) {
    SimRig rig;
    int polls = 0;
    const auto waited = rig.clock.waitFor(Seconds(10.0), [&] {
        ++polls;
        return rig.clock.now().value >= 0.25;
    });
    BOOST_TEST(waited.value >= 0.25);
    BOOST_TEST(waited.value <= 0.2600001);
    BOOST_TEST(rig.clock.now().value < 0.27);
    // Polled at least every 10 ms of simulated time.
    polls = 0;
    rig.clock.waitFor(Seconds(1.0), [&] {
        ++polls;
        return false;
    });
    BOOST_TEST(polls >= 100);
    // Already true: no time passes.
    BOOST_TEST(rig.clock.waitFor(Seconds(5.0), [] { return true; }).value == 0.0);
}

BOOST_AUTO_TEST_CASE(should_stop_may_read_the_instruments) {
    SimRig rig;
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    rig.battery.emulate(rig.batteryModel());
    rig.ev.connect();
    // Would deadlock if the lab held its lock while polling.
    const auto waited =
        rig.clock.waitFor(Seconds(30.0), [&] { return rig.ev.status().phase == core::EvPhase::Charging; });
    // Lock, K3/K4, self-check (insulation test, bleeder), pre-charge and the GB/T 27930 handshake
    // and configuration take about 1.5 s.
    BOOST_TEST(waited.value > 0.5);
    BOOST_TEST(waited.value < 3.0);
}

BOOST_AUTO_TEST_CASE(lab_follows_an_external_clock) {
    auto lab = std::make_shared<SimLab>(core::DutRatings{});
    auto manual = std::make_shared<ManualClock>();
    lab->followClock(manual);
    BOOST_TEST(lab->followsClock());
    manual->m_now = Seconds(2.0);
    BOOST_TEST(std::abs(lab->now().value - 2.0) < 1e-12);
    BOOST_TEST(steps(*lab) == 2000); // withPlant caught the plant up
    manual->m_now = Seconds(2.5);
    BOOST_TEST(std::abs(lab->snapshot().time.value - 2.5) < 1e-9);
    // Back to virtual time, continuing from where it was.
    lab->stopFollowing(manual.get());
    BOOST_TEST(!lab->followsClock());
    SimVirtualClock clock(lab);
    clock.waitFor(Seconds(1.0), {});
    BOOST_TEST(std::abs(clock.now().value - 3.5) < 1e-9);
}

BOOST_AUTO_TEST_CASE(realtime_clock_binds_the_lab_while_it_lives) {
    auto lab = std::make_shared<SimLab>(core::DutRatings{});
    {
        SimRealtimeClock clock(lab);
        BOOST_TEST(!clock.isVirtual());
        BOOST_TEST(lab->followsClock());
        const auto t1 = clock.now();
        const auto t2 = clock.now();
        BOOST_TEST(t2.value >= t1.value);
        BOOST_TEST(t1.value < 5.0);
        // A zero wait returns at once.
        BOOST_TEST(clock.waitFor(Seconds(0.0), {}).value < 0.5);
        BOOST_TEST(lab->snapshot().time.value <= clock.now().value + 1e-9);
    }
    BOOST_TEST(!lab->followsClock());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sim_clock_pace)

BOOST_AUTO_TEST_CASE(pace_parses_and_refuses_nonsense) {
    BOOST_TEST(SimVirtualClock::parsePace("") == 0.0);
    BOOST_TEST(SimVirtualClock::parsePace("max") == 0.0);
    BOOST_TEST(SimVirtualClock::parsePace("10") == 10.0);
    BOOST_CHECK_THROW(SimVirtualClock::parsePace("fast"), std::invalid_argument);
    BOOST_CHECK_THROW(SimVirtualClock::parsePace("-1"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_paced_clock_holds_wall_time_and_stays_deterministic) {
    auto lab = std::make_shared<SimLab>(core::DutRatings{});
    SimVirtualClock clock(lab, Seconds(0.01), 20.0); // 20x: 1 s of simulation takes ~50 ms
    const auto start = std::chrono::steady_clock::now();
    const auto waited = clock.waitFor(Seconds(1.0), {});
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(waited.value == 1.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(clock.now().value == 1.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(wall >= 0.04); // never ahead of the pace (a slow machine may be behind: no upper bound)
    // A stop request ends a paced wait early.
    int polls = 0;
    const auto stopped = clock.waitFor(Seconds(10.0), [&] { return ++polls > 3; });
    BOOST_TEST(stopped.value < 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
