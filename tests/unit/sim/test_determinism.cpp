#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include <vector>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

namespace {

std::vector<double> scenario(std::uint64_t seed) {
    SimRig rig({}, seed);
    rig.startCharging(cc(40.0, 500.0, 50.0));
    std::vector<double> out;
    auto sample = [&] {
        const auto r = rig.analyzer.read();
        for (double v :
             {r.timestamp.value, r.dc.voltage.value, r.dc.current.value, r.dc.power.value, r.ac.voltage.value,
              r.ac.current.value, r.ac.activePower.value, r.ac.frequency.value, r.ac.currentThd.value})
            out.push_back(v);
        const auto b = rig.battery.read();
        out.push_back(b.voltage.value);
        out.push_back(b.current.value);
    };
    for (int i = 0; i < 50; ++i) {
        rig.wait(0.037);
        sample();
    }
    rig.dut.dispatchPower(Watts(-15e3));
    for (int i = 0; i < 50; ++i) {
        rig.wait(0.05);
        sample();
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_determinism)

BOOST_AUTO_TEST_CASE(same_seed_gives_identical_readings) {
    const auto a = scenario(1);
    const auto b = scenario(1);
    BOOST_TEST(a.size() == 1100u);
    BOOST_TEST((a == b)); // bit for bit
}

BOOST_AUTO_TEST_CASE(different_seed_gives_different_noise) {
    const auto a = scenario(1);
    const auto b = scenario(2);
    BOOST_TEST(a.size() == b.size());
    BOOST_TEST((a != b));
    // Only the noise differs: the means agree.
    double da = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        da += a[i] - b[i];
    BOOST_TEST(std::abs(da / a.size()) < 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
