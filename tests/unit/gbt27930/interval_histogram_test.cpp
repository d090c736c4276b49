// The bounded period estimator of `analyze`: its quantiles against the exact nearest-rank
// quantiles of the same intervals, within the documented bin resolution.
#include "v2gbench/protocols/gbt27930/interval_histogram.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using v2gbench::protocols::gbt27930::IntervalHistogram;

namespace {

double exactQuantileMs(std::vector<std::int64_t> us, double p) {
    std::sort(us.begin(), us.end());
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(us.size())));
    return static_cast<double>(us[std::max<std::size_t>(rank, 1) - 1]) / 1000.0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(interval_histogram)

BOOST_AUTO_TEST_CASE(quantiles_within_half_a_bin_of_the_exact_ones) {
    std::mt19937 random(27930);
    for (const double meanMs : {10.0, 50.0, 250.0, 2500.0}) {
        std::normal_distribution<double> jitter(meanMs * 1000.0, meanMs * 50.0);
        IntervalHistogram h;
        std::vector<std::int64_t> all;
        for (int i = 0; i < 20000; ++i) {
            const auto us = std::max<std::int64_t>(0, static_cast<std::int64_t>(jitter(random)));
            h.add(us);
            all.push_back(us);
        }
        const double halfBin = meanMs * 1.2 < 1000.0 ? 0.05 : 0.5;
        for (const double p : {0.5, 0.95}) {
            BOOST_TEST_CONTEXT("mean " << meanMs << " ms, p" << p * 100) {
                BOOST_REQUIRE(h.quantileMs(p).has_value());
                BOOST_TEST(std::abs(*h.quantileMs(p) - exactQuantileMs(all, p)) <= halfBin + 1e-9);
            }
        }
        BOOST_TEST(h.maxMs() == static_cast<double>(*std::max_element(all.begin(), all.end())) / 1000.0);
        BOOST_TEST(h.count() == all.size());
    }
}

BOOST_AUTO_TEST_CASE(beyond_the_range_is_said_not_clamped) {
    IntervalHistogram h;
    BOOST_TEST(!h.quantileMs(0.5).has_value());
    h.add(10'000);
    h.add(40'000'000);
    h.add(50'000'000);
    BOOST_TEST(!h.quantileMs(0.5).has_value()); // above 30 s: no value is made up
    BOOST_TEST(h.maxMs() == 50'000.0);
    BOOST_TEST(*h.quantileMs(0.3) == 10.05);
}

BOOST_AUTO_TEST_SUITE_END()
