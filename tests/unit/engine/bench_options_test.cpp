// A bench profile's `options:` checked against the registered drivers' declarations: errors at
// file:line:column naming the driver and its options, defaults filled in, nothing opened when an
// option is wrong, and `v2gbench list drivers` showing every declared option.
#include "test_paths.hpp"
#include "v2gbench/app/cli.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/bench/bench_bindings.hpp"
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/dut_profile.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace v2gbench;
using v2gbench::test::TempDir;

namespace {

struct Registry {
    core::DriverRegistry registry;
    Registry() { app::registerAllDrivers(registry); }
};

std::string write(const TempDir& dir, const std::string& text) {
    const auto path = dir.file("bench.yaml");
    std::ofstream(path) << text;
    return path;
}

// A wire bench whose grid (line 5) takes `gridOptions`, an inline map.
std::string wireBench(const std::string& gridOptions) {
    return "bench: b\n"
           "clock: real\n"
           "lab: {driver: v2gbench-sim-control, uri: \"tcp://127.0.0.1:1\"}\n"
           "instruments:\n"
           "  grid: {driver: chroma-61800, uri: \"tcp://127.0.0.1:1\", options: " +
           gridOptions +
           "}\n"
           "  analyzer:\n"
           "    driver: zes-lmg600\n"
           "    uri: \"tcp://127.0.0.1:1\"\n"
           "    options:\n"
           "      dc_channel: 4\n";
}

// "line:column: message" of every problem the registry finds in the profile.
std::string problems(const core::DriverRegistry& registry, const std::string& path) {
    std::string out;
    for (const auto& d : bench::checkBindings(bench::loadBenchProfile(path), registry))
        out += (out.empty() ? "" : "\n") + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
               d.message;
    return out;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(bench_options, Registry)

BOOST_AUTO_TEST_CASE(an_unknown_option_is_an_error_at_its_name_listing_the_drivers_options) {
    TempDir dir("bench-options");
    // The spellings the drivers used to read as free strings are unknown now, not ignored.
    BOOST_TEST(problems(registry, write(dir, wireBench("{timeout_ms: 300}"))) ==
               "5:68: role 'grid': chroma-61800 has no option 'timeout_ms' (did you mean 'timeout'?); its options: "
               "timeout (duration), connect_timeout (duration), check_errors (true or false)");
    BOOST_TEST(problems(registry, write(dir, wireBench("{ac_phases: 1}"))).find(
                   "5:68: role 'grid': chroma-61800 has no option 'ac_phases'; its options:") == 0u);
}

BOOST_AUTO_TEST_CASE(a_wrong_unit_or_an_out_of_range_value_is_an_error_at_the_value) {
    TempDir dir("bench-options");
    BOOST_TEST(problems(registry, write(dir, wireBench("{timeout: 300}"))) ==
               "5:77: role 'grid': chroma-61800: option 'timeout': expected a duration with its unit, e.g. '2 s'; "
               "found a number without a unit ('300')");
    // The column points at the unit, inside the quotes.
    BOOST_TEST(problems(registry, write(dir, wireBench("{timeout: \"5 parsecs\"}"))) ==
               "5:80: role 'grid': chroma-61800: option 'timeout': unknown unit 'parsecs'");
    BOOST_TEST(problems(registry, write(dir, wireBench("{timeout: 5 parsecs}"))) ==
               "5:79: role 'grid': chroma-61800: option 'timeout': unknown unit 'parsecs'");
    BOOST_TEST(problems(registry, write(dir, wireBench("{timeout: 1 h}"))) ==
               "5:77: role 'grid': chroma-61800: option 'timeout': '1 h' is outside 1 ms..10 min");
    BOOST_TEST(problems(registry, write(dir, wireBench("{check_errors: sometimes}"))) ==
               "5:82: role 'grid': chroma-61800: option 'check_errors': expected true or false, found 'sometimes'");
    // Every binding is checked, in file order; the lab control's options too.
    auto text = wireBench("{timeout: 1 h}");
    text.replace(text.find("dc_channel: 4"), 13, "dc_channel: 9");
    text.replace(text.find("uri: \"tcp://127.0.0.1:1\"}"), 25, "uri: \"tcp://127.0.0.1:1\", options: {timeout: 2}}");
    BOOST_TEST(problems(registry, write(dir, text)) ==
               "3:82: lab: v2gbench-sim-control: option 'timeout': expected a duration with its unit, e.g. '2 s'; "
               "found a number without a unit ('2')\n"
               "5:77: role 'grid': chroma-61800: option 'timeout': '1 h' is outside 1 ms..10 min\n"
               "10:19: role 'analyzer': zes-lmg600: option 'dc_channel': '9' is outside 2..4");
}

BOOST_AUTO_TEST_CASE(a_name_given_twice_is_an_error) {
    TempDir dir("bench-options");
    try {
        bench::loadBenchProfile(write(dir, wireBench("{timeout: 1 s, timeout: 2 s}")));
        BOOST_FAIL("accepted");
    } catch (const core::ConfigError& e) {
        BOOST_TEST(e.where().line == 5);
        BOOST_TEST(e.message() == "option 'timeout' is given twice");
    }
}

BOOST_AUTO_TEST_CASE(defaults_fill_what_the_profile_leaves_out) {
    TempDir dir("bench-options");
    const auto profile = bench::loadBenchProfile(write(dir, wireBench("{timeout: 250 ms}")));
    BOOST_TEST(problems(registry, profile.file) == "");
    const auto& grid = *profile.binding("grid");
    const auto gridOptions = bench::boundOptions(grid, "chroma-61800", registry.driverInfo("chroma-61800")->options);
    BOOST_TEST(gridOptions.duration("timeout").value == 0.25);
    BOOST_TEST(gridOptions.duration("connect_timeout").value == 3.0);
    BOOST_TEST(gridOptions.boolean("check_errors"));
    const auto& analyzer = *profile.binding("analyzer");
    const auto zes = bench::boundOptions(analyzer, "zes-lmg600", registry.driverInfo("zes-lmg600")->options);
    BOOST_TEST(zes.integer("ac_phases") == 3);
    BOOST_TEST(zes.integer("dc_channel") == 4);
    BOOST_TEST(zes.given("dc_channel"));
    BOOST_TEST(!zes.given("ac_phases"));
    // The shipped benches give no option their drivers do not declare.
    for (const char* bench : {"benches/sim.yaml", "benches/sim-realtime.yaml", "benches/sim-wire.yaml",
                              "benches/sim-wire-alt.yaml"})
        BOOST_TEST(problems(registry, test::sourcePath(bench)) == "", bench);
}

BOOST_AUTO_TEST_CASE(a_session_with_a_bad_option_opens_nothing) {
    TempDir dir("bench-options");
    // The lab control and the grid would be unreachable (port 1): the option is refused first.
    const auto profile = bench::loadBenchProfile(write(dir, wireBench("{timeout: 300}")));
    const auto dut = bench::loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml"));
    try {
        bench::BenchSession session(registry, profile, dut, {}, nullptr);
        BOOST_FAIL("opened");
    } catch (const core::ConfigError& e) {
        BOOST_TEST(e.where().line == 5);
        BOOST_TEST(e.where().column == 77);
        BOOST_TEST(e.message().find("role 'grid': chroma-61800: option 'timeout'") == 0u, e.message());
    }
    // A simulated instrument takes no options at all.
    std::ifstream in(test::sourcePath("benches/sim.yaml"));
    std::stringstream text;
    text << in.rdbuf();
    auto sim = text.str();
    const std::string plainGrid = "{driver: sim-grid,     uri: \"sim://lab\"}";
    sim.replace(sim.find(plainGrid), plainGrid.size(), "{driver: sim-grid, uri: \"sim://lab\", options: {timeout: 1 s}}");
    const auto simProfile = bench::loadBenchProfile(write(dir, sim));
    BOOST_CHECK_EXCEPTION(bench::BenchSession(registry, simProfile, dut, {}, nullptr), core::ConfigError,
                          [](const core::ConfigError& e) {
                              return e.message() == "role 'grid': sim-grid takes no options (found 'timeout')";
                          });
}

BOOST_AUTO_TEST_CASE(list_drivers_shows_every_declared_option) {
    std::ostringstream out, err;
    bench::AbortFlag abort;
    BOOST_TEST(app::runCli({"list", "drivers"}, out, err, abort) == 0);
    const auto listing = out.str();
    for (const auto& info : registry.drivers())
        for (const auto& spec : info.options.specs())
            BOOST_TEST(listing.find("option " + core::describeOption(spec)) != std::string::npos, info.name << " " << spec.name);
    for (const auto& control : registry.labControls()) {
        BOOST_TEST(listing.find(control.name) != std::string::npos);
        for (const auto& spec : control.options.specs())
            BOOST_TEST(listing.find("option " + core::describeOption(spec)) != std::string::npos, control.name);
    }
    BOOST_TEST(listing.find("option timeout: duration 1 ms..10 min, default 2 s — bound on every write and every reply") !=
               std::string::npos);
    BOOST_TEST(listing.find("option dc_channel: whole number 2..4, default 4") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
