// Uncertainty budgets (bench/uncertainty_budget.hpp, docs/uncertainty.md): one level budget and
// one timing budget against numbers computed by hand, the range the register figure is taken at,
// and a simulated run whose every judged check records a budget whose U is the one judged with.
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/capture_judgement.hpp"
#include "v2gbench/bench/uncertainty_budget.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>
#include <sstream>

namespace bench = v2gbench::bench;
namespace units = v2gbench::units;
using nlohmann::json;
using v2gbench::test::TempDir;

namespace {

bench::InstrumentFigures currentFigures() {
    bench::InstrumentFigures f;
    auto& fig = f.bySignal["analyzer.dc_current"];
    fig.instrument = "LMG-07";
    // Two ranges, as a register states them: U = absolute + relative × |reading|, k = 2.
    bench::RangeUncertainty r30;
    r30.function = "analyzer.dc_current";
    r30.range = 30.0;
    r30.absolute = 0.005;
    r30.relative = 0.0002;
    r30.k = 2.0;
    bench::RangeUncertainty r300 = r30;
    r300.range = 300.0;
    r300.absolute = 0.01;
    fig.ranges = {r30, r300};
    return f;
}

} // namespace

BOOST_AUTO_TEST_SUITE(uncertainty_budgets)

BOOST_AUTO_TEST_CASE(level_budget_of_a_mean_by_hand) {
    // Four samples 10.0, 10.2, 9.8, 10.0 A: mean 10.0 A.
    //   Type A: s = sqrt((0² + 0.2² + 0.2² + 0²) / 3) = sqrt(0.08 / 3) = 0.1632993 A,
    //           u_A = s / sqrt(4) = 0.0816497 A.
    //   Type B: the 30 A range holds 10 A (the smallest that does): U_reg = 0.005 + 0.0002 × 10
    //           = 0.007 A at k = 2, u_B = 0.0035 A.
    //   u_c = sqrt(0.0816497² + 0.0035²) = 0.0817246 A; U = 2 × u_c = 0.1634493 A.
    const std::vector<bench::Sample> samples{{0.0, 10.0}, {0.1, 10.2}, {0.2, 9.8}, {0.3, 10.0}};
    const auto b = bench::levelBudget(currentFigures(), "analyzer.dc_current", bench::Statistic::Mean, samples, 10.0, "A",
                                      false);
    const auto tol = boost::test_tools::tolerance(1e-6);
    BOOST_TEST(b.kind == "level");
    BOOST_TEST(b.k == 2.0);
    BOOST_TEST_REQUIRE(b.contributions.size() == 2u);
    BOOST_TEST(b.contributions[0].type == "B");
    BOOST_TEST(b.contributions[0].source == "register:LMG-07 30 A");
    BOOST_TEST(b.contributions[0].standard == 0.0035, tol);
    BOOST_TEST(b.contributions[1].type == "A");
    BOOST_TEST(b.contributions[1].standard == 0.0816497, tol);
    BOOST_TEST(b.combinedStandard == 0.0817246, tol);
    BOOST_TEST(b.expanded == 0.1634493, tol);

    // 100 A is above the 30 A range: the 300 A range's figure, U_reg = 0.01 + 0.0002 × 100 = 0.03 A,
    // u_B = 0.015 A; a single sample (max) has no Type A term: U = 2 × 0.015 = 0.03 A.
    const auto max = bench::levelBudget(currentFigures(), "analyzer.dc_current", bench::Statistic::Max, {{0.0, 100.0}},
                                        100.0, "A", false);
    BOOST_TEST_REQUIRE(max.contributions.size() == 1u);
    BOOST_TEST(max.contributions[0].source == "register:LMG-07 300 A");
    BOOST_TEST(max.expanded == 0.03, tol);
    // Above every range: no figure is taken (never the largest range's), and the budget says why.
    const auto over = bench::levelBudget(currentFigures(), "analyzer.dc_current", bench::Statistic::Max, {{0.0, 400.0}},
                                         400.0, "A", false);
    BOOST_TEST(over.contributions.empty());
    BOOST_TEST(over.note.find("above every range of LMG-07") != std::string::npos, over.note);
}

BOOST_AUTO_TEST_CASE(timing_budget_of_a_capture_interval_by_hand) {
    // From the trigger (a daq sample, period δ1 = 1 ms) to a CST frame (CAN timestamps, δ2 = 1 µs).
    // Each instant is rectangular over its time base's step: u = δ / (2·sqrt(3)).
    //   u1 = 0.001 / 3.4641016 = 2.886751e-4 s (c = −1), u2 = 1e-6 / 3.4641016 = 2.886751e-7 s (c = +1)
    //   u_c = sqrt(u1² + u2²) = 2.886753e-4 s; U = 2 × u_c = 5.773506e-4 s (not ±0 s).
    bench::CaptureData d;
    d.capture.channels = {"k1k2_closed"};
    d.capture.triggerTime = 10.0;
    d.capture.resolution = units::Seconds(0.001);
    d.canResolution = 1e-6;
    d.daqSource = "daq sample period (sim-daq)";
    d.canSource = "CAN timestamp resolution (sim-can)";
    for (int i = 0; i <= 100; ++i) d.capture.samples.push_back({10.0 + i * 0.001, {1.0}});
    v2gbench::core::BusMessage cst;
    cst.time = 10.0421;
    cst.name = "CST";
    cst.summary = "charger→ev CST";
    d.frames.push_back(cst);
    bench::CaptureResultInput in;
    in.metric = bench::CaptureMetric::Interval;
    in.to.kind = bench::CaptureEventKind::Frame;
    in.to.message = "CST";
    const auto o = bench::judgeCapture(in, d);
    BOOST_TEST_REQUIRE(o.value.has_value());
    BOOST_TEST_REQUIRE(o.time.has_value());
    const auto& b = *o.time;
    const auto tol = boost::test_tools::tolerance(1e-6);
    BOOST_TEST(b.kind == "time");
    BOOST_TEST(b.unit == "s");
    BOOST_TEST_REQUIRE(b.contributions.size() == 2u);
    BOOST_TEST(b.contributions[0].source == "daq sample period (sim-daq)");
    BOOST_TEST(b.contributions[0].sensitivity == -1.0);
    BOOST_TEST(b.contributions[0].standard == 2.886751e-4, tol);
    BOOST_TEST(b.contributions[1].source == "CAN timestamp resolution (sim-can)");
    BOOST_TEST(b.contributions[1].standard == 2.886751e-7, tol);
    BOOST_TEST(b.combinedStandard == 2.886753e-4, tol);
    BOOST_TEST(b.expanded == 5.773506e-4, tol);
    BOOST_TEST(o.uncertainty == b.expanded);

    // A bus latency between two frames on 1 ms timestamps: u_c = sqrt(2) × 2.886751e-4 = 4.082483e-4 s,
    // U = 8.164966e-4 s; from the command (the bench clock stamps it): only the frame, U = 5.773503e-4 s.
    const auto framed = bench::busBudget(bench::BusMetric::Latency, true, 0.001, "CAN timestamp resolution");
    BOOST_TEST(framed.kind == "bus");
    BOOST_TEST(framed.expanded == 8.164966e-4, tol);
    const auto commanded = bench::busBudget(bench::BusMetric::Latency, false, 0.001, "CAN timestamp resolution");
    BOOST_TEST(commanded.contributions.size() == 1u);
    BOOST_TEST(commanded.expanded == 5.773503e-4, tol);
    // A count is exact, and says so.
    const auto count = bench::busBudget(bench::BusMetric::Count, false, 0.001, "CAN timestamp resolution");
    BOOST_TEST(count.expanded == 0.0);
    BOOST_TEST(!count.note.empty());
}

BOOST_AUTO_TEST_CASE(rate_budget_propagates_level_and_time) {
    // 100 A → 0 A in Δt = 50 ms: rate 2000 A/s. Levels: u = 0.05 A each, c = ∓1/0.05 = ∓20 /s →
    // 1 A/s each. Time: two 1 ms daq instants, u = 2.886751e-4 s each, c = ∓(−2000/0.05) = ±40000 A/s²
    // → 11.547005 A/s each. u_c = sqrt(2 × 1² + 2 × 11.547005²) = 16.391054 A/s, U = 32.782109 A/s.
    const auto time = bench::timeBudget({"from", "daq", 0.001}, {"to", "daq", 0.001});
    const bench::BudgetContribution level{"instrument", "register:X 300 A", "B", 0.05, 1.0, "A"};
    const auto b = bench::rateBudget(2000.0, 0.05, time, level, level, "A/s");
    BOOST_TEST(b.kind == "rate");
    BOOST_TEST(b.contributions.size() == 4u);
    BOOST_TEST(b.expanded == 32.782109, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(every_judged_check_of_a_run_records_its_budget_and_is_judged_with_its_U) {
    TempDir dir("budgets-run");
    const auto run = dir.path() / "run";
    std::ostringstream out, err;
    bench::AbortFlag abort;
    const int code = v2gbench::app::runCli(
        {"run", v2gbench::test::sourcePath("testplans/gbt34657/cc1-break.yaml"),
         v2gbench::test::sourcePath("testplans/gbt34657/dc-current-control-error.yaml"),
         v2gbench::test::sourcePath("testplans/gbt34658/handshake.yaml"), "--out", run.string(), "--quiet"},
        out, err, abort);
    BOOST_TEST_REQUIRE(code <= 1, out.str() << err.str());
    const auto summary = json::parse(v2gbench::test::readFile((run / "summary.json").string()));
    std::set<std::string> kinds;
    std::size_t timed = 0;
    for (const auto& plan : summary.at("plans"))
        for (const auto& kase : plan.at("cases"))
            for (const auto& check : kase.at("checks")) {
                if (check.at("value").is_null() || check.at("kind") == "inspect") continue;
                const std::string where = plan.at("id").get<std::string>() + " / " + check.at("name").get<std::string>();
                BOOST_TEST_REQUIRE(check.at("budget").is_object(), where);
                const auto& b = check.at("budget");
                kinds.insert(b.at("kind").get<std::string>());
                BOOST_TEST(b.at("k").get<double>() > 0.0, where);
                BOOST_TEST(b.at("expanded").get<double>() == check.at("uncertainty").get<double>(), where);
                for (const auto& c : b.at("contributions")) {
                    BOOST_TEST((c.at("type") == "A" || c.at("type") == "B"), where);
                    BOOST_TEST(!c.at("source").get<std::string>().empty(), where);
                }
                if (check.at("unit") == "s") {
                    ++timed;
                    BOOST_TEST(b.at("expanded").get<double>() > 0.0, where << ": a time is never ±0 s");
                }
                if (b.at("expanded").get<double>() == 0.0) BOOST_TEST(b.contains("note"), where << ": U = 0 says why");
            }
    BOOST_TEST(timed > 0u);
    BOOST_TEST(kinds.count("level") == 1u);
    BOOST_TEST(kinds.count("time") == 1u);
    BOOST_TEST(kinds.count("bus") == 1u);
    const auto html = v2gbench::test::readFile((run / "report.html").string());
    BOOST_TEST(html.find("\xC2\xB1" "0 s") == std::string::npos);
    BOOST_TEST(html.find("<details class=\"budget\"><summary>level budget</summary>") != std::string::npos);
    BOOST_TEST(html.find("register:SIM-ANALYZER 300 A") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
