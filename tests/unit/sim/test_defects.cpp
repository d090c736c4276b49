#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include "v2gbench/sim/defects.hpp"

#include <set>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

namespace {

// Relative CV error at 402 V demand (battery 400 V, 0.05 Ohm: ~40 A; the limit leaves room for
// the defect's +1 %, which needs ~120 A).
double cvError(const std::string& defect) {
    SimRig rig(defect);
    rig.startCharging(cv(402.0, 200.0));
    rig.wait(3.0);
    return (rig.measure(1.0).dcVoltage - 402.0) / 402.0;
}

// Absolute CC error at the given demand.
double ccError(const std::string& defect, double amps) {
    SimRig rig(defect);
    rig.startCharging(cc(amps));
    rig.wait(3.0);
    return rig.measure(1.0).dcCurrent - amps;
}

// Settling time of a current step from `from` to `to` (band +-0.3 A).
double currentStepSettling(const std::string& defect, double from, double to) {
    SimRig rig(defect);
    rig.startCharging(cc(from));
    rig.wait(3.0);
    rig.ev.demand(cc(to));
    return rig.settlingTime([&] { return rig.current(); }, to, 0.3, 8.0);
}

// Mean stop rate from 100 A until the contactors open (|I| < 1 A), A/s.
double stopRate(const std::string& defect) {
    SimRig rig(defect);
    rig.startCharging(cc(100.0));
    rig.wait(3.0);
    const double i0 = rig.current();
    rig.ev.stop();
    const double t0 = rig.clock.now().value;
    while (rig.current() != 0.0) {
        rig.wait(0.001);
        if (rig.clock.now().value - t0 > 10.0) throw std::runtime_error("no stop");
    }
    return i0 / (rig.clock.now().value - t0);
}

// Relative grid-side power error of a -20 kW dispatch.
double dispatchError(const std::string& defect) {
    SimRig rig(defect);
    rig.startCharging(cc(0.0, 500.0, 150.0));
    rig.dut.dispatchPower(Watts(-20e3));
    rig.wait(10.0);
    return (rig.measure(1.0).acPower + 20e3) / 20e3;
}

// Settling time (band 2 % of the final value) of a dispatch step from `from` to `to` W.
double dispatchSettling(const std::string& defect, double from, double to) {
    SimRig rig(defect);
    rig.startCharging(cc(0.0, 500.0, 150.0));
    rig.dut.dispatchPower(Watts(from));
    rig.wait(10.0);
    rig.dut.dispatchPower(Watts(to));
    return rig.settlingTime([&] { return rig.gridPower(); }, to, 0.02 * std::abs(to), 12.0);
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_defects)

BOOST_AUTO_TEST_CASE(catalogue_lists_the_named_defects) {
    std::set<std::string> names;
    for (const auto& d : defects()) {
        BOOST_TEST(!d.description.empty());
        BOOST_TEST(!d.targets.empty());
        names.insert(d.name);
    }
    for (const char* n : {"voltage-control-error", "current-control-error", "slow-current-adjustment",
                          "slow-current-stop", "discharge-power-error", "slow-discharge-response"})
        BOOST_TEST(names.count(n) == 1u, n);
    BOOST_TEST(names.size() == defects().size()); // unique names
    const auto find = [](const std::string& n) {
        for (const auto& d : defects())
            if (d.name == n) return d;
        return DefectInfo{};
    };
    BOOST_TEST(find("voltage-control-error").targets.front() == "GBT34657.1-2017/D0.4101");
    BOOST_TEST(find("current-control-error").targets.front() == "GBT34657.1-2017/D0.4102");
    BOOST_TEST(find("slow-current-adjustment").targets.front() == "GBT34657.1-2017/D0.4103");
    BOOST_TEST(find("slow-current-stop").targets.front() == "GBT34657.1-2017/D0.5101");
    BOOST_TEST(find("discharge-power-error").targets.front() == "V2G/P-ACCURACY");
    BOOST_TEST(find("slow-discharge-response").targets.size() == 3u);
    BOOST_TEST(find("p-gain-error").targets.front() == "V2G/P-CONTROL-DEVIATION");
    BOOST_TEST(find("p-slow-response").targets.front() == "V2G/P-RESPONSE-TIME");
}

BOOST_AUTO_TEST_CASE(unknown_defect_is_refused_with_the_known_names) {
    BOOST_CHECK_EXCEPTION(
        SimLab(core::DutRatings{}, "no-such-defect"), std::invalid_argument, [](const std::invalid_argument& e) {
            const std::string m = e.what();
            return m.find("no-such-defect") != std::string::npos && m.find("slow-current-stop") != std::string::npos &&
                   m.find("voltage-control-error") != std::string::npos;
        });
    PlantParameters p;
    applyDefect("", p); // conforming: unchanged
    BOOST_TEST(p.currentSlewRate == PlantParameters{}.currentSlewRate);
    BOOST_TEST(parametersFor("slow-current-stop").stopSlewRate == 40.0);
}

BOOST_AUTO_TEST_CASE(voltage_control_error) {
    const double ok = cvError("");
    const double bad = cvError("voltage-control-error");
    BOOST_TEST_MESSAGE("CV error: conforming " << ok * 100 << " %, defect " << bad * 100 << " %");
    BOOST_TEST(std::abs(ok) < 0.0005);         // limit 0.5 %: 10x margin
    BOOST_TEST(std::abs(bad - 0.01) < 0.0005); // 1.0 %, twice the limit
}

BOOST_AUTO_TEST_CASE(current_control_error) {
    BOOST_TEST_MESSAGE("CC error at 10 A: conforming " << ccError("", 10.0) << " A, defect "
                                                       << ccError("current-control-error", 10.0) << " A");
    BOOST_TEST(std::abs(ccError("", 10.0)) < 0.05);           // limit 0.3 A
    BOOST_TEST(std::abs(ccError("", 100.0)) < 0.001 * 100.0); // limit 1 %
    BOOST_TEST(ccError("current-control-error", 10.0) > 0.3);
    BOOST_TEST(ccError("current-control-error", 30.0) > 0.01 * 30.0);
    BOOST_TEST(ccError("current-control-error", 200.0) > 0.01 * 200.0);
}

BOOST_AUTO_TEST_CASE(slow_current_adjustment) {
    const double ok = currentStepSettling("", 10.0, 30.0);
    const double bad = currentStepSettling("slow-current-adjustment", 10.0, 30.0);
    BOOST_TEST_MESSAGE("20 A step settling: conforming " << ok << " s, defect " << bad << " s");
    BOOST_TEST(ok < 0.5);  // limit 1 s
    BOOST_TEST(bad > 2.0); // 20 A at 8 A/s
    // A large step: limit dI/20 s.
    BOOST_TEST(currentStepSettling("", 30.0, 130.0) < 100.0 / 20.0 / 2.0);
    BOOST_TEST(currentStepSettling("", 130.0, 30.0) < 100.0 / 20.0 / 2.0);
    // Other defects leave the step response alone.
    BOOST_TEST(currentStepSettling("slow-current-stop", 10.0, 30.0) < 0.5);
}

BOOST_AUTO_TEST_CASE(slow_current_stop) {
    const double ok = stopRate("");
    const double bad = stopRate("slow-current-stop");
    BOOST_TEST_MESSAGE("stop rate: conforming " << ok << " A/s, defect " << bad << " A/s");
    BOOST_TEST(ok > 150.0); // limit >= 100 A/s
    BOOST_TEST(bad < 60.0);
    BOOST_TEST(stopRate("slow-current-adjustment") > 150.0);
}

BOOST_AUTO_TEST_CASE(discharge_power_error) {
    const double ok = dispatchError("");
    const double bad = dispatchError("discharge-power-error");
    BOOST_TEST_MESSAGE("-20 kW dispatch error: conforming " << ok * 100 << " %, defect " << bad * 100 << " %");
    BOOST_TEST(std::abs(ok) < 0.002);
    BOOST_TEST(bad > 0.03); // achieves only 96.5 % of the magnitude
    BOOST_TEST(bad < 0.04);
}

BOOST_AUTO_TEST_CASE(slow_discharge_response) {
    const double ok = dispatchSettling("", 0.0, -20e3);
    const double bad = dispatchSettling("slow-discharge-response", 0.0, -20e3);
    BOOST_TEST_MESSAGE("0 -> -20 kW settling (2 %): conforming " << ok << " s, defect " << bad << " s");
    BOOST_TEST(ok < 1.5); // limit 2 s
    BOOST_TEST(bad > 2.5);
    // Charge <-> discharge transitions.
    BOOST_TEST(dispatchSettling("", 20e3, -20e3) < 1.5);
    BOOST_TEST(dispatchSettling("", -20e3, 20e3) < 1.5);
    BOOST_TEST(dispatchSettling("slow-discharge-response", 20e3, -20e3) > 2.5);
}

BOOST_AUTO_TEST_SUITE_END()
