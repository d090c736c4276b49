#include "v2gbench/bench/measurement.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace v2gbench::bench;

namespace {

std::vector<Sample> ramp(double from, double to, double rate, double t0, double dt, double length) {
    std::vector<Sample> s;
    for (double t = t0; t <= t0 + length + 1e-12; t += dt) {
        const double dir = to >= from ? 1 : -1;
        double v = from + dir * rate * (t - t0);
        if ((dir > 0 && v > to) || (dir < 0 && v < to)) v = to;
        s.push_back({t, v});
    }
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(engine_measurement)

BOOST_AUTO_TEST_CASE(statistics) {
    std::vector<Sample> s{{0, 1}, {1, -1}, {2, 3}, {3, 1}};
    BOOST_TEST(computeStatistic(Statistic::Mean, s) == 1.0);
    BOOST_TEST(computeStatistic(Statistic::Min, s) == -1.0);
    BOOST_TEST(computeStatistic(Statistic::Max, s) == 3.0);
    BOOST_TEST(computeStatistic(Statistic::Final, s) == 1.0);
    BOOST_TEST(computeStatistic(Statistic::PeakToPeak, s) == 4.0);
    BOOST_TEST(computeStatistic(Statistic::Rms, s) == std::sqrt(12.0 / 4.0), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(computeStatistic(Statistic::StdDev, s) == std::sqrt(2.0), boost::test_tools::tolerance(1e-12));
    BOOST_CHECK_THROW(computeStatistic(Statistic::Mean, {}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(settling_time_is_last_entry_into_the_band) {
    // 50 A → 70 A at 40 A/s from t=1: reaches 69.4 A (band 0.6 A) at 1.485 s.
    auto s = ramp(50, 70, 40, 1.0, 0.001, 3.0);
    auto r = settlingTime(s, 1.0, 70, 0.6);
    BOOST_REQUIRE(r.value);
    BOOST_TEST(*r.value == 0.486, boost::test_tools::tolerance(0.003));
    // An excursion out of the band later moves the settling time to after it.
    for (auto& x : s)
        if (x.t > 2.0 && x.t < 2.1) x.v = 72;
    r = settlingTime(s, 1.0, 70, 0.6);
    BOOST_REQUIRE(r.value);
    BOOST_TEST(*r.value == 1.1, boost::test_tools::tolerance(0.002));
}

BOOST_AUTO_TEST_CASE(settling_fails_when_never_settled) {
    auto s = ramp(0, 100, 10, 0.0, 0.01, 5.0); // reaches 50 A only
    auto r = settlingTime(s, 0.0, 100, 1.0);
    BOOST_TEST(!r.value);
    BOOST_TEST(!r.reason.empty());
}

BOOST_AUTO_TEST_CASE(rise_time_and_slew_rate) {
    auto s = ramp(100, 0, 250, 0.0, 0.0005, 1.0); // falls 100 A at 250 A/s
    auto rise = riseTime(s, 0.0, 100, 0);
    BOOST_REQUIRE(rise.value);
    BOOST_TEST(*rise.value == 0.32, boost::test_tools::tolerance(0.01)); // 80 A / 250 A/s
    auto rate = slewRate(s, 0.0, 100, 0);
    BOOST_REQUIRE(rate.value);
    BOOST_TEST(*rate.value == 250.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(!riseTime(s, 0.0, 5, 5).value); // zero step
}

// GB/T 34133-2023 Annex A figures (customary reading): three independent numbers of one step.
BOOST_AUTO_TEST_CASE(response_time_is_the_first_90_percent_crossing_from_the_command) {
    // 0 → -60 kW at 120 kW/s from t = 2 (command at t = 2): -54 kW at 2.45 s.
    const auto s = ramp(0, -60e3, 120e3, 2.0, 0.001, 3.0);
    auto r = responseTime(s, 2.0, 0, -60e3);
    BOOST_REQUIRE(r.value);
    BOOST_TEST(*r.value == 0.45, boost::test_tools::tolerance(1e-6));
    // A gain error that ends 3 % short still crosses 90 % of the step: the response time is unchanged.
    const auto shortOf = ramp(0, -58.2e3, 120e3, 2.0, 0.001, 3.0);
    BOOST_TEST(*responseTime(shortOf, 2.0, 0, -60e3).value == 0.45, boost::test_tools::tolerance(1e-6));
    // Ending below 90 % of the step: not reached, with the reason; a zero step is refused.
    const auto tooShort = ramp(0, -50e3, 120e3, 2.0, 0.001, 3.0);
    BOOST_TEST(!responseTime(tooShort, 2.0, 0, -60e3).value);
    BOOST_TEST(!responseTime(tooShort, 2.0, 0, -60e3).reason.empty());
    BOOST_TEST(!responseTime(s, 2.0, 5, 5).value);
    // A later excursion does not move it: it is the first crossing (unlike the regulation time).
    auto excursion = s;
    for (auto& x : excursion)
        if (x.t > 4.0 && x.t < 4.1) x.v = -40e3;
    BOOST_TEST(*responseTime(excursion, 2.0, 0, -60e3).value == 0.45, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(*settlingTime(excursion, 2.0, -60e3, 1.2e3).value == 2.1, boost::test_tools::tolerance(0.002));
}

BOOST_AUTO_TEST_CASE(control_deviation_is_the_steady_mean_error_over_rated) {
    // Settles at -58.2 kW for a -60 kW target, rated 60 kW: +1.8 kW / 60 kW = +3 % of rated.
    const auto s = ramp(0, -58.2e3, 120e3, 0.0, 0.001, 5.0);
    auto d = controlDeviation(s, -60e3, 60e3, 1.0);
    BOOST_REQUIRE(d.value);
    BOOST_TEST(*d.value == 0.03, boost::test_tools::tolerance(1e-9));
    // Only the last second counts: the transient at the start does not bias the mean.
    BOOST_TEST(steadyTail(s, 1.0).front().t >= 4.0 - 1e-9);
    BOOST_TEST(steadyTail(s, 1.0).size() == 1001u);
    // On target: zero. A slow response that has settled by the window deviates nothing.
    BOOST_TEST(*controlDeviation(ramp(0, -60e3, 20e3, 0.0, 0.001, 5.0), -60e3, 60e3, 1.0).value == 0.0,
               boost::test_tools::tolerance(1e-12));
    BOOST_CHECK_THROW(controlDeviation(s, -60e3, 0.0, 1.0), std::invalid_argument);
    BOOST_CHECK_THROW(controlDeviation(s, -60e3, 60e3, 0.0), std::invalid_argument);
    BOOST_TEST(!controlDeviation({}, -60e3, 60e3, 1.0).value);
}

BOOST_AUTO_TEST_CASE(judge_with_and_without_uncertainty) {
    Limits l;
    l.low = 9.7;
    l.high = 10.3;
    BOOST_TEST(judge(10.0, l, 0.0) == Verdict::Pass);
    BOOST_TEST(judge(10.3, l, 0.0) == Verdict::Pass); // on the limit is inside
    BOOST_TEST(judge(10.31, l, 0.0) == Verdict::Fail);
    BOOST_TEST(judge(10.28, l, 0.05) == Verdict::Inconclusive);
    BOOST_TEST(judge(10.32, l, 0.05) == Verdict::Inconclusive);
    BOOST_TEST(judge(10.36, l, 0.05) == Verdict::Fail);
    BOOST_TEST(judge(10.2, l, 0.05) == Verdict::Pass);
    Limits onlyMin;
    onlyMin.low = 100;
    BOOST_TEST(judge(250, onlyMin, 0) == Verdict::Pass);
    BOOST_TEST(judge(40, onlyMin, 0) == Verdict::Fail);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(engine_verdicts)

BOOST_AUTO_TEST_CASE(lattice_order) {
    BOOST_TEST(worst(Verdict::Pass, Verdict::NotApplicable) == Verdict::NotApplicable);
    BOOST_TEST(worst(Verdict::Fail, Verdict::Inconclusive) == Verdict::Fail);
    BOOST_TEST(worst(Verdict::Fail, Verdict::Error) == Verdict::Error);
    BOOST_TEST(worst(Verdict::Aborted, Verdict::Error) == Verdict::Aborted);
    for (auto v : {Verdict::Pass, Verdict::NotApplicable, Verdict::Inconclusive, Verdict::Fail, Verdict::Error,
                   Verdict::Aborted})
        BOOST_TEST((verdictFromString(toString(v)) == v));
}

BOOST_AUTO_TEST_SUITE_END()
