#include "test_paths.hpp"
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace v2gbench;
using v2gbench::test::TempDir;

namespace {

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
    const auto path = dir.file(name);
    std::ofstream(path) << text;
    return path;
}

// Runs `load` and returns "line:column: message" of the ConfigError it must throw.
template <class F>
std::string errorOf(F load) {
    try {
        load();
    } catch (const core::ConfigError& e) {
        return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " + e.message();
    }
    return "no error";
}

const char* kGoodDut = R"(dut: d1
dc: {min_voltage: 200 V, max_voltage: 750 V, max_current: 250 A, max_power: 120 kW}
v2g: {bidirectional: true, max_discharge_power: 60 kW, max_discharge_current: 150 A}
ac: {nominal_voltage: 230 V, nominal_frequency: 50 Hz, phases: 3}
)";

} // namespace

BOOST_AUTO_TEST_SUITE(engine_profiles)

BOOST_AUTO_TEST_CASE(shipped_profiles_load) {
    auto bench = bench::loadBenchProfile(test::sourcePath("benches/sim.yaml"));
    BOOST_TEST(bench.clock == "sim-virtual");
    BOOST_TEST(bench.instruments.size() == 9u); // grid battery ev analyzer dut can fault_box daq evse
    BOOST_TEST(bench.safeOrder().front() == "ev");
    BOOST_TEST(bench.limits.size() >= 2u);
    auto dut = bench::loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml"));
    BOOST_TEST(dut.ratings.dcMaxCurrent.value == 250.0);
    BOOST_TEST(dut.ratings.maxDischargePower.value == 60e3);
    BOOST_TEST(dut.lookup("dut.dc.max_current")->quantity().value == 250.0);
    BOOST_TEST(dut.lookup("dut.bidirectional")->boolean());
    BOOST_TEST(bench::DutProfile::typeOf("dut.v2g.max_discharge_power").has_value());
    BOOST_TEST(!bench::DutProfile::typeOf("dut.dc.max_curent").has_value());
    bench::RequirementSet reqs;
    reqs.loadFolder(test::sourcePath("testplans/requirements"));
    BOOST_TEST(reqs.contains("GBT34657.1-2017/D0.4102"));
    BOOST_TEST(toString(reqs.find("V2G/P-RESPONSE-TIME")->confidence) == "unverified");
}

BOOST_AUTO_TEST_CASE(dut_profile_errors_name_line_and_column) {
    TempDir dir("dut");
    BOOST_TEST(errorOf([&] {
                   bench::loadDutProfile(write(dir, "a.yaml", std::string(kGoodDut).replace(
                                                                  std::string(kGoodDut).find("250 A"), 5, "250")));
               }) == "2:59: expected a current (A), found a plain number ('250') — add a unit, e.g. '250 A'");
    BOOST_TEST(errorOf([&] {
                   bench::loadDutProfile(write(dir, "b.yaml", std::string(kGoodDut) + "colour: red\n"));
               }) == "5:1: unknown key 'colour'; expected one of: dut, manufacturer, model, description, dc, v2g, ac");
    BOOST_TEST(errorOf([&] {
                   bench::loadDutProfile(write(dir, "c.yaml", "dut: x\ndc: {min_voltage: 200 V}\n"));
               }) == "2:5: dc needs the key 'max_voltage'");
    BOOST_TEST(errorOf([&] { bench::loadDutProfile(write(dir, "d.yaml", "dut: [unclosed\n")); }).find("YAML syntax") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(bench_profile_errors_name_line_and_column) {
    TempDir dir("bench");
    BOOST_TEST(errorOf([&] {
                   bench::loadBenchProfile(write(dir, "a.yaml", "bench: b\ninstruments:\n  gird: {driver: x, uri: \"sim://lab\"}\n"));
               }) == "3:3: unknown role 'gird' (did you mean 'grid'?)");
    BOOST_TEST(errorOf([&] {
                   bench::loadBenchProfile(write(dir, "b.yaml",
                                                 "bench: b\ninstruments:\n  grid: {driver: x, uri: \"sim://lab\"}\n"
                                                 "safety:\n  limits:\n    - {signal: analyzer.dc_curent, max: 300 A}\n"));
               }) == "6:16: unknown signal 'analyzer.dc_curent' (did you mean 'analyzer.dc_current'?)");
    BOOST_TEST(errorOf([&] {
                   bench::loadBenchProfile(write(dir, "c.yaml",
                                                 "bench: b\ninstruments:\n  grid: {driver: x, uri: \"sim://lab\"}\n"
                                                 "safety:\n  limits:\n    - {signal: analyzer.dc_current, max: 300 V}\n"));
               }) == "6:42: expected a current (A), found a voltage (V) ('300 V')");
    BOOST_TEST(errorOf([&] {
                   bench::loadBenchProfile(write(dir, "d.yaml",
                                                 "bench: b\ninstruments:\n  grid: {driver: x, uri: \"sim://lab\"}\n"
                                                 "shutdown_order: [grid, ev]\n"));
               }) == "4:24: shutdown_order names role 'ev', which has no instrument in this bench");
}

BOOST_AUTO_TEST_CASE(requirement_ids_must_be_unique) {
    TempDir dir("reqs");
    write(dir, "a.yaml", "catalogue: A\nrequirements:\n  - {id: X/1, summary: one, source: s, confidence: confirmed}\n");
    write(dir, "b.yaml", "catalogue: B\nrequirements:\n  - {id: X/1, summary: again, source: s, confidence: confirmed}\n");
    bench::RequirementSet set;
    BOOST_TEST(errorOf([&] { set.loadFolder(dir.path().string()); }) == "3:10: requirement 'X/1' is defined twice");
}

BOOST_AUTO_TEST_SUITE_END()
