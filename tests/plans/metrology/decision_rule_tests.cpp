// Decision rules (bench/decision_rule.hpp) and `v2gbench rejudge`: a value near a limit is a pass
// under simple acceptance and a conditional pass under guarded acceptance; rejudge shows that
// change on a recorded run without re-running it.
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/decision_rule.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;
using v2gbench::test::TempDir;
namespace bench = v2gbench::bench;

namespace {

struct CliRun {
    int exitCode = -1;
    std::string out, err;
};

CliRun cli(const std::vector<std::string>& args) {
    std::ostringstream o, e;
    bench::AbortFlag abort;
    CliRun r;
    r.exitCode = v2gbench::app::runCli(args, o, e, abort);
    r.out = o.str();
    r.err = e.str();
    return r;
}

bench::Limits limits(double low, double high) { return {low, high, std::nullopt, ""}; }

} // namespace

BOOST_AUTO_TEST_SUITE(decision_rules)

BOOST_AUTO_TEST_CASE(decisions_by_hand) {
    const auto simple = bench::parseDecisionRule("simple");
    const auto guarded = bench::parseDecisionRule("guarded");
    const auto half = bench::parseDecisionRule("guarded:0.5");
    const auto l = limits(9.7, 10.3); // 10 A ± 0.3 A, U = 0.1 A
    BOOST_TEST(bench::toString(bench::decide(10.25, l, 0.1, simple)) == "pass");
    BOOST_TEST(bench::toString(bench::decide(10.25, l, 0.1, guarded)) == "conditional pass"); // 10.3 - 0.1 = 10.2 < 10.25
    BOOST_TEST(bench::toString(bench::decide(10.25, l, 0.1, half)) == "pass");                // 10.3 - 0.05 = 10.25
    BOOST_TEST(bench::toString(bench::decide(10.35, l, 0.1, simple)) == "fail");
    BOOST_TEST(bench::toString(bench::decide(10.35, l, 0.1, guarded)) == "conditional fail"); // 10.3 + 0.1 = 10.4 > 10.35
    BOOST_TEST(bench::toString(bench::decide(10.45, l, 0.1, guarded)) == "fail");
    BOOST_TEST(bench::toString(bench::decide(9.75, l, 0.1, guarded)) == "conditional pass");
    BOOST_TEST(bench::toString(bench::decide(9.65, l, 0.1, guarded)) == "conditional fail");
    BOOST_TEST(bench::verdictOf(bench::Decision::ConditionalPass) == bench::Verdict::Inconclusive);
    const auto customer = bench::parseDecisionRule("customer:0.5:contract 2026-117");
    BOOST_TEST(customer.statement().find("contract 2026-117") != std::string::npos);
    BOOST_TEST(customer.name() == "customer-agreed r=0.5");
    BOOST_CHECK_THROW(bench::parseDecisionRule("guarded:-1"), std::invalid_argument);
    BOOST_CHECK_THROW(bench::parseDecisionRule("strict"), std::invalid_argument);
    BOOST_CHECK_THROW(bench::parseDecisionRule("customer:1"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(simple_to_guarded_by_rejudge_turns_a_pass_near_the_limit_into_a_conditional_pass) {
    TempDir dir("rejudge");
    // A lab whose analyzer has a large voltage uncertainty in its register (0.2 V + 0.48 % of
    // reading: a test uncertainty ratio of about 1 against the plan's ±0.5 % limit), where the
    // decision rule matters: every mean voltage (within a few mV of its demand) lies inside its
    // limit by less than U (the budget's, from that figure and the samples' spread).
    std::string reg = v2gbench::test::readFile(v2gbench::test::sourcePath("lab/instruments.yaml"));
    const std::string figure = "{function: analyzer.dc_voltage, range: 1000 V, absolute: 0.02 V, relative: 0.01 %, k: 2}";
    BOOST_TEST_REQUIRE(reg.find(figure) != std::string::npos); // the first: SIM-ANALYZER's
    reg.replace(reg.find(figure), figure.size(),
                "{function: analyzer.dc_voltage, range: 1000 V, absolute: 0.2 V, relative: 0.48 %, k: 2}");
    std::ofstream(dir.path() / "instruments.yaml") << reg;
    std::string profile = v2gbench::test::readFile(v2gbench::test::sourcePath("benches/sim.yaml"));
    const std::string ev = "ev_profile: ../";
    BOOST_TEST_REQUIRE(profile.find(ev) != std::string::npos);
    profile.replace(profile.find(ev) + ev.size() - 3, 3, std::string(V2G_SOURCE_DIR) + "/");
    const std::string registerLine = "instrument_register: ../lab/instruments.yaml";
    BOOST_TEST_REQUIRE(profile.find(registerLine) != std::string::npos);
    profile.replace(profile.find(registerLine), registerLine.size(), "instrument_register: instruments.yaml");
    std::ofstream(dir.path() / "bench.yaml") << profile;
    const auto run = dir.path() / "run";
    const auto r = cli({"run", v2gbench::test::sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"), "--bench",
                        (dir.path() / "bench.yaml").string(), "--out", run.string(), "--quiet", "--rule", "simple"});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out << r.err);
    const auto original = json::parse(v2gbench::test::readFile((run / "summary.json").string()));
    BOOST_TEST(original.at("decision_rule").at("name") == "simple");
    BOOST_TEST(original.at("verdict") == "pass");
    std::size_t checks = 0;
    for (const auto& c : original.at("plans")[0].at("cases"))
        for (const auto& ch : c.at("checks")) {
            ++checks;
            BOOST_TEST(ch.at("decision") == "pass");
            // By hand: inside its limits, but by less than U.
            const double v = ch.at("value"), lo = ch.at("low"), hi = ch.at("high"), u = ch.at("uncertainty");
            BOOST_TEST((v >= lo && v <= hi));
            BOOST_TEST((v < lo + u || v > hi - u));
        }
    BOOST_TEST(checks == 4u);

    const auto g = cli({"rejudge", run.string(), "--rule", "guarded"});
    BOOST_TEST(g.exitCode == 1, g.out << g.err); // conditional pass: not a plain pass
    BOOST_TEST(g.out.find("rule: simple -> guarded r=1") != std::string::npos, g.out);
    BOOST_TEST(g.out.find("pass -> inconclusive (conditional pass)") != std::string::npos, g.out);
    BOOST_TEST(g.out.find("4 checks changed; run verdict pass -> inconclusive") != std::string::npos, g.out);
    // Next to the old ones, never over them.
    BOOST_TEST(v2gbench::test::readFile((run / "summary.json").string()) == original.dump(2) + "\n");
    const auto rejudged = json::parse(v2gbench::test::readFile((run / "summary.rejudged-1.json").string()));
    BOOST_TEST(rejudged.at("verdict") == "inconclusive");
    BOOST_TEST(rejudged.at("plans")[0].at("cases")[0].at("checks")[0].at("decision") == "conditional pass");
    BOOST_TEST(rejudged.at("counts").at("inconclusive") == 4);
    const auto html = v2gbench::test::readFile((run / "report.rejudged-1.html").string());
    BOOST_TEST(html.find("Guarded acceptance (ILAC-G8:09/2019 4.2.2)") != std::string::npos);
    // A second rejudge gets the next number; back to simple gives the original verdicts.
    const auto s = cli({"rejudge", run.string(), "--rule", "simple"});
    BOOST_TEST(s.exitCode == 0, s.out << s.err);
    BOOST_TEST(s.out.find("0 checks changed; run verdict pass -> pass") != std::string::npos, s.out);
    BOOST_TEST(fs::exists(run / "summary.rejudged-2.json"));
    // The seal names the rejudged files as added after the run.
    const auto v = cli({"verify", run.string()});
    BOOST_TEST(v.exitCode == 1);
    BOOST_TEST(v.out.find("extra    summary.rejudged-1.json") != std::string::npos, v.out);
}

BOOST_AUTO_TEST_CASE(bad_rules_are_invalid_input) {
    TempDir dir("rejudge-bad");
    auto r = cli({"rejudge", dir.path().string(), "--rule", "strict"});
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("unknown decision rule 'strict'") != std::string::npos, r.err);
    r = cli({"rejudge", dir.path().string(), "--rule", "simple"});
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("summary.json") != std::string::npos, r.err);
    r = cli({"run", v2gbench::test::sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"), "--rule", "guarded:x",
             "--out", (dir.path() / "never").string()});
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("--rule: error: decision rule 'guarded:x'") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
