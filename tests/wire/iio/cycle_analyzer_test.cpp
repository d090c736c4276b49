// The per-cycle analysis pipeline on synthetic waveforms with known answers.
#include "v2gbench/drivers/iio/cycle_analyzer.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <vector>

using namespace v2gbench::drivers::iio;

namespace {

constexpr double kPi = std::numbers::pi;

struct Synthetic {
    double rate = 10000.0;
    double vRms = 230.0, frequency = 49.7; // 201.2 samples per cycle: not a whole number
    double iRms1 = 100.0;                  // fundamental, per phase
    double psi = std::acos(0.9);           // current lags by psi (P = V I cos psi, Q = V I sin psi)
    double h5 = 0.03;                      // 5th harmonic / fundamental (current)
    double vdc = 400.0, idc = 95.0, ripple = 0.2;
    bool ac = true;

    std::vector<double> make(std::size_t samples) const {
        std::vector<double> f(samples * kSignalCount);
        for (std::size_t n = 0; n < samples; ++n) {
            const double t = static_cast<double>(n) / rate;
            double* x = f.data() + n * kSignalCount;
            for (int p = 0; p < 3; ++p) {
                const double th = 2 * kPi * frequency * t + 0.3 - p * 2 * kPi / 3;
                x[VoltageA + p] = ac ? std::sqrt(2.0) * vRms * std::sin(th) : 0.0;
                x[CurrentA + p] =
                    ac ? std::sqrt(2.0) * iRms1 * (std::sin(th - psi) + h5 * std::sin(5 * (th - psi) + 0.7)) : 0.0;
            }
            x[DcVoltage] = vdc + ripple * std::sin(2 * kPi * 300.0 * t);
            x[DcCurrent] = idc;
        }
        return f;
    }
};

std::vector<CycleResult> run(CycleAnalyzer& a, const std::vector<double>& frames, std::size_t block) {
    std::vector<CycleResult> out;
    const std::size_t total = frames.size() / kSignalCount;
    for (std::size_t i = 0; i < total; i += block)
        a.feed(frames.data() + i * kSignalCount, std::min(block, total - i),
               [&](const CycleResult& r) { out.push_back(r); });
    return out;
}

bool within(double v, double expected, double tol) { return std::abs(v - expected) <= tol; }

} // namespace

BOOST_AUTO_TEST_SUITE(iio_cycle_analyzer)

BOOST_AUTO_TEST_CASE(known_rms_power_frequency_and_thd) {
    Synthetic s;
    CycleAnalyzer a({});
    const auto results = run(a, s.make(10000), 173);
    // One second at 49.7 Hz: 49 complete cycles after the first crossing (the last may still be pending).
    BOOST_TEST(results.size() >= 47u);
    const double iRms = s.iRms1 * std::sqrt(1 + s.h5 * s.h5);
    const double p = 3 * s.vRms * s.iRms1 * std::cos(s.psi);
    const double q = 3 * s.vRms * s.iRms1 * std::sin(s.psi);
    const double sApparent = 3 * s.vRms * iRms;
    for (const auto& r : results) {
        BOOST_TEST_REQUIRE(r.synchronised);
        BOOST_TEST(within(r.frequency, 49.7, 1e-3));
        BOOST_TEST(within(r.voltageRms, 230.0, 230.0 * 2e-4));
        BOOST_TEST(within(r.currentRms, iRms, iRms * 2e-4));
        BOOST_TEST(within(r.activePower, p, p * 2e-4));
        BOOST_TEST(within(r.reactivePower, q, q * 5e-4));
        BOOST_TEST(within(r.apparentPower, sApparent, sApparent * 2e-4));
        BOOST_TEST(within(r.powerFactor, p / sApparent, 2e-4));
        BOOST_TEST(within(r.currentThd, 0.03, 3e-4));
        BOOST_TEST(r.phase[1].voltageThd < 1e-3);
        BOOST_TEST(within(r.dcVoltage, 400.0, 0.02));
        BOOST_TEST(within(r.dcCurrent, 95.0, 1e-9));
        BOOST_TEST(within(r.dcPower, 400.0 * 95.0, 400.0 * 95.0 * 1e-4));
        BOOST_TEST(within(r.duration, 1 / 49.7, 1e-6));
    }
    // Consecutive cycles tile the time axis.
    for (std::size_t i = 1; i < results.size(); ++i)
        BOOST_TEST(within(results[i].start, results[i - 1].start + results[i - 1].duration, 1e-9));
}

BOOST_AUTO_TEST_CASE(discharge_is_negative_active_power_with_lagging_reactive_power) {
    Synthetic s;
    s.frequency = 50.0;
    s.h5 = 0.0;
    s.psi = std::atan2(0.1, -0.995); // P < 0 (V2G), Q > 0
    CycleAnalyzer a({});
    const auto results = run(a, s.make(4000), 4000);
    BOOST_TEST_REQUIRE(results.size() >= 15u);
    const auto& r = results.back();
    const double p = 3 * s.vRms * s.iRms1 * std::cos(s.psi);
    const double q = 3 * s.vRms * s.iRms1 * std::sin(s.psi);
    BOOST_TEST(p < 0.0);
    BOOST_TEST(within(r.activePower, p, std::abs(p) * 2e-4));
    BOOST_TEST(within(r.reactivePower, q, std::abs(q) * 2e-3));
    BOOST_TEST(r.currentThd < 1e-3);
    BOOST_TEST(within(r.frequency, 50.0, 1e-3));
}

BOOST_AUTO_TEST_CASE(without_ac_dc_is_measured_in_fixed_windows) {
    Synthetic s;
    s.ac = false;
    CycleAnalyzer a({});
    const auto results = run(a, s.make(5000), 64);
    // 0.5 s in windows of 1/40 Hz = 25 ms.
    BOOST_TEST(results.size() == 20u);
    for (const auto& r : results) {
        BOOST_TEST(!r.synchronised);
        BOOST_TEST(r.frequency == 0.0);
        BOOST_TEST(r.voltageRms == 0.0);
        BOOST_TEST(within(r.dcVoltage, 400.0, 0.01));
        BOOST_TEST(within(r.dcCurrent, 95.0, 1e-9));
        BOOST_TEST(within(r.duration, 0.025, 1e-9));
    }
}

BOOST_AUTO_TEST_CASE(block_size_does_not_change_the_results) {
    Synthetic s;
    const auto frames = s.make(3000);
    CycleAnalyzer one({}), many({});
    const auto a = run(one, frames, 3000);
    const auto b = run(many, frames, 1);
    BOOST_TEST_REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        BOOST_TEST(a[i].start == b[i].start);
        BOOST_TEST(within(a[i].activePower, b[i].activePower, 1e-6));
        BOOST_TEST(within(a[i].currentThd, b[i].currentThd, 1e-12));
    }
}

BOOST_AUTO_TEST_CASE(single_phase_and_grid_frequency_step) {
    Synthetic s;
    s.frequency = 60.0;
    CycleAnalyzerConfig c;
    c.phases = 1;
    CycleAnalyzer a(c);
    const auto results = run(a, s.make(2000), 500);
    BOOST_TEST_REQUIRE(!results.empty());
    const auto& r = results.back();
    BOOST_TEST(within(r.frequency, 60.0, 1e-3));
    BOOST_TEST(within(r.activePower, s.vRms * s.iRms1 * std::cos(s.psi), 230.0 * 100.0 * 3e-4));
    BOOST_TEST(within(r.voltageRms, 230.0, 0.05));
}

BOOST_AUTO_TEST_CASE(inconsistent_configuration_is_refused) {
    CycleAnalyzerConfig c;
    c.phases = 2;
    BOOST_CHECK_THROW(CycleAnalyzer{c}, std::invalid_argument);
    c = {};
    c.resamplePoints = 64; // cannot resolve the 40th harmonic
    BOOST_CHECK_THROW(CycleAnalyzer{c}, std::invalid_argument);
    c = {};
    c.sampleRate = 300.0;
    BOOST_CHECK_THROW(CycleAnalyzer{c}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
