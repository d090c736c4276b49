// Plans read the vehicle's own limits as vehicle.* names from the run's EV profile (the values the
// emulator states in BHM/BCP), never from a constant; a name the profile does not set, or a run
// without a profile, is a bench error naming what is missing.
#include "run_helpers.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace v2gbench;
using test::TempDir;

namespace {

// One case per vehicle: each applies only to the vehicle whose profile it names, so the verdicts
// say which values the run saw.
const char* kPlan = R"(plan: vehicle-values-probe
title: vehicle values probe
parameters:
  over_max: vehicle.max_charge_voltage + 10 V
cases:
  - id: lfp
    applies_if: "vehicle.max_charge_voltage == 420 V && vehicle.max_charge_current == 200 A && over_max == 430 V"
    steps:
      - wait: 1 ms
  - id: nmc
    applies_if: "vehicle.max_charge_voltage == 750 V && vehicle.soc == 30 % && vehicle.rated_capacity == 120 Ah"
    steps:
      - wait: 1 ms
)";

const bench::CaseResult& caseOf(const bench::RunOutcome& out, const std::string& id) {
    for (const auto& c : out.plans.at(0).cases)
        if (c.id == id) return c;
    throw std::runtime_error("no case " + id);
}

std::string firstDiagnostic(const bench::RunOutcome& out) {
    return out.diagnostics.empty() ? std::string() : out.diagnostics[0].str();
}

std::vector<std::string> diagnosticsOf(const std::string& planText) {
    bench::PlanLoadContext context;
    std::vector<std::string> out;
    for (const auto& d : bench::loadPlanText(planText, "p.yaml", context).diagnostics) out.push_back(d.str());
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(vehicle_values)

BOOST_AUTO_TEST_CASE(each_ev_profile_gives_its_own_limits) {
    TempDir dir("vehicle");
    const auto plan = test::writeFile(dir.path() / "probe.yaml", kPlan);
    for (const auto& [ev, passing, other] : {std::tuple{"lfp-350v", "lfp", "nmc"}, std::tuple{"nmc-750v", "nmc", "lfp"}}) {
        BOOST_TEST_CONTEXT(ev) {
            auto request = test::simRequest({plan}, dir.path() / ev);
            request.evProfile = test::sourcePath(std::string("testplans/evs/") + ev + ".yaml");
            const auto out = test::runQuiet(request);
            BOOST_REQUIRE_MESSAGE(out.diagnostics.empty(), firstDiagnostic(out));
            BOOST_TEST(caseOf(out, passing).verdict == bench::Verdict::Pass);
            BOOST_TEST(caseOf(out, other).verdict == bench::Verdict::NotApplicable);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_value_the_profile_does_not_set_is_an_error_naming_profile_and_key) {
    TempDir dir("vehicle");
    const auto ev = test::writeFile(dir.path() / "bare.yaml", "ev: bare\nmax_charge_voltage: 500 V\n");
    const auto plan = test::writeFile(dir.path() / "probe.yaml", R"(plan: vehicle-missing-probe
title: probe
cases:
  - id: uses-current
    applies_if: vehicle.max_charge_current > 0 A
    steps:
      - wait: 1 ms
)");
    auto request = test::simRequest({plan}, dir.path() / "run");
    request.evProfile = ev;
    const auto out = test::runQuiet(request);
    BOOST_REQUIRE(out.diagnostics.empty());
    const auto& c = caseOf(out, "uses-current");
    BOOST_TEST(c.verdict == bench::Verdict::Error);
    BOOST_TEST(c.reason.find("EV profile 'bare'") != std::string::npos, c.reason);
    BOOST_TEST(c.reason.find("does not set max_charge_current") != std::string::npos, c.reason);
}

BOOST_AUTO_TEST_CASE(a_run_without_an_ev_profile_says_so) {
    TempDir dir("vehicle");
    // benches/sim.yaml without its ev_profile line (and its register, relative to benches/).
    std::ifstream in(test::sourcePath("benches/sim.yaml"));
    std::string text, line;
    while (std::getline(in, line))
        if (line.rfind("ev_profile:", 0) != 0 && line.rfind("instrument_register:", 0) != 0) text += line + "\n";
    const auto bench = test::writeFile(dir.path() / "sim-no-ev.yaml", text);
    const auto plan = test::writeFile(dir.path() / "probe.yaml", kPlan);
    auto request = test::simRequest({plan}, dir.path() / "run");
    request.benchProfile = bench;
    const auto out = test::runQuiet(request);
    BOOST_REQUIRE_MESSAGE(out.diagnostics.empty(), firstDiagnostic(out));
    BOOST_TEST(out.verdict == bench::Verdict::Error);
    BOOST_TEST(out.plans.at(0).reason.find("this run has none (pass --ev FILE") != std::string::npos,
               out.plans.at(0).reason);
}

BOOST_AUTO_TEST_CASE(vehicle_names_are_typed_at_validation) {
    const auto wrongDimension = diagnosticsOf(R"(plan: p
title: p
cases:
  - id: c
    applies_if: vehicle.max_charge_voltage > 10 A
    steps:
      - wait: 1 s
)");
    BOOST_REQUIRE_EQUAL(wrongDimension.size(), 1u);
    BOOST_TEST(wrongDimension[0].find("p.yaml:5:") == 0, wrongDimension[0]);
    BOOST_TEST(wrongDimension[0].find("voltage") != std::string::npos, wrongDimension[0]);

    const auto misspelt = diagnosticsOf(R"(plan: p
title: p
cases:
  - id: c
    applies_if: vehicle.max_charge_volage > 10 V
    steps:
      - wait: 1 s
)");
    BOOST_REQUIRE_EQUAL(misspelt.size(), 1u);
    BOOST_TEST(misspelt[0].find("did you mean 'vehicle.max_charge_voltage'") != std::string::npos, misspelt[0]);
}

BOOST_AUTO_TEST_SUITE_END()
