// The instrument register (bench/instrument_register.hpp): a certification run is refused, exit 2
// naming the instrument, when an instrument's calibration has expired, it has no entry, or its
// identity differs from its entry; --not-for-certification runs anyway and the report says so on
// every page; the shipped simulated lab is a certification run marked SIMULATION.
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/instrument_register.hpp"
#include "v2gbench/core/errors.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;
using v2gbench::test::TempDir;
namespace bench = v2gbench::bench;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, "'" << from << "' not in the text");
    return text.replace(at, from.size(), to);
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::trunc) << text; }

// The shipped register with `edit` applied, and benches/sim.yaml reading it, in `dir`.
fs::path benchWithRegister(const TempDir& dir, const std::string& registerText) {
    write(dir.path() / "instruments.yaml", registerText);
    auto bench = v2gbench::test::readFile(v2gbench::test::sourcePath("benches/sim.yaml"));
    bench = replaced(bench, "instrument_register: ../lab/instruments.yaml",
                     "instrument_register: " + (dir.path() / "instruments.yaml").string());
    bench = replaced(bench, "ev_profile: ../testplans/evs/nmc-750v.yaml",
                     "ev_profile: " + v2gbench::test::sourcePath("testplans/evs/nmc-750v.yaml"));
    write(dir.path() / "bench.yaml", bench);
    return dir.path() / "bench.yaml";
}

std::string shippedRegister() { return v2gbench::test::readFile(v2gbench::test::sourcePath("lab/instruments.yaml")); }

// The analyzer as a physical instrument of the lab, with a calibration due on `due`.
std::string analyzerCalibratedUntil(const std::string& due) {
    return replaced(shippedRegister(), "  - id: SIM-ANALYZER\n    simulation: true\n",
                    "  - id: SIM-ANALYZER\n    calibration: {certificate: CAL-2019-0042, lab: NIM Beijing, date: 2019-01-02, due: " +
                        due + "}\n");
}

struct CliRun {
    int exitCode = -1;
    std::string out, err;
};

CliRun run(const fs::path& bench, const fs::path& out, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"run", v2gbench::test::sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"),
                                      "--bench", bench.string(),
                                      "--dut", v2gbench::test::sourcePath("testplans/duts/sim-v2g-charger.yaml"),
                                      "--requirements", v2gbench::test::sourcePath("testplans/requirements"),
                                      "--out", out.string(), "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream o, e;
    v2gbench::bench::AbortFlag abort;
    CliRun r;
    r.exitCode = v2gbench::app::runCli(args, o, e, abort);
    r.out = o.str();
    r.err = e.str();
    return r;
}

json summaryOf(const fs::path& run) { return json::parse(v2gbench::test::readFile((run / "summary.json").string())); }

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(instrument_register)

BOOST_AUTO_TEST_CASE(an_expired_calibration_refuses_a_certification_run_naming_the_instrument) {
    TempDir dir("register-expired");
    const auto bench = benchWithRegister(dir, analyzerCalibratedUntil("2020-01-01"));
    const auto r = run(bench, dir.path() / "run");
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("certification run refused: analyzer (sim-analyzer, v2gbench simulated lab sim-analyzer AC "
                          "3-phase + DC serial SIM-0004): calibration expired on 2020-01-01 (certificate CAL-2019-0042") !=
                   std::string::npos,
               r.err);
    const auto s = summaryOf(dir.path() / "run");
    BOOST_TEST(s.at("verdict") == "error");
    BOOST_TEST(s.at("plans").empty()); // nothing ran
    BOOST_TEST(s.at("certification").at("for_certification") == false);
}

BOOST_AUTO_TEST_CASE(not_for_certification_runs_and_every_page_says_so) {
    TempDir dir("register-override");
    const auto bench = benchWithRegister(dir, analyzerCalibratedUntil("2020-01-01"));
    const auto r = run(bench, dir.path() / "run", {"--not-for-certification"});
    BOOST_TEST(r.exitCode == 0, r.err);
    const auto s = summaryOf(dir.path() / "run");
    BOOST_TEST(s.at("verdict") == "pass");
    const auto& c = s.at("certification");
    BOOST_TEST(c.at("requested") == false);
    BOOST_TEST(c.at("for_certification") == false);
    BOOST_TEST(c.at("refused").size() == 1u);
    BOOST_TEST(c.at("refused")[0].get<std::string>().find("analyzer (sim-analyzer") == 0);
    const auto html = v2gbench::test::readFile((dir.path() / "run" / "report.html").string());
    // In the title, at the top and at the foot; printed, the top block repeats on every page.
    BOOST_TEST(occurrences(html, "NOT FOR CERTIFICATION") >= 3u);
    BOOST_TEST(html.find("<title>") < html.find("NOT FOR CERTIFICATION"));
    BOOST_TEST(html.find("@media print{.page-marks{position:fixed") != std::string::npos);
    BOOST_TEST(html.find("calibration expired on 2020-01-01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_calibration_due_in_the_future_is_admitted) {
    TempDir dir("register-calibrated");
    const auto bench = benchWithRegister(dir, analyzerCalibratedUntil("2999-12-31"));
    const auto r = run(bench, dir.path() / "run");
    BOOST_TEST(r.exitCode == 0, r.err);
    const auto s = summaryOf(dir.path() / "run");
    BOOST_TEST(s.at("certification").at("for_certification") == true);
    for (const auto& i : s.at("instruments"))
        if (i.at("role") == "analyzer") {
            BOOST_TEST(i.at("register").at("state") == "calibrated");
            BOOST_TEST(i.at("calibration_due") == "2999-12-31");
            BOOST_TEST(i.at("register").at("calibration").at("certificate") == "CAL-2019-0042");
        }
}

BOOST_AUTO_TEST_CASE(a_missing_entry_refuses_naming_the_instrument) {
    TempDir dir("register-missing");
    // The daq's entry names another model: no entry of the opened daq's manufacturer and model.
    const auto text = replaced(shippedRegister(), "    model: sim-daq 12-channel acquisition with CAN trigger\n",
                               "    model: sim-daq of another lab\n");
    const auto r = run(benchWithRegister(dir, text), dir.path() / "run");
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("daq (sim-daq, v2gbench simulated lab sim-daq 12-channel acquisition with CAN trigger serial "
                          "SIM-0008): no entry in the instrument register") != std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(another_serial_or_firmware_is_an_identity_mismatch) {
    TempDir dir("register-mismatch");
    auto r = run(benchWithRegister(dir, replaced(shippedRegister(), "serial: SIM-0004", "serial: LMG-12345")),
                 dir.path() / "run");
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("analyzer (sim-analyzer, v2gbench simulated lab sim-analyzer AC 3-phase + DC serial SIM-0004): the "
                          "register (") != std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("entry 'SIM-ANALYZER') has this model with serial LMG-12345, not SIM-0004") != std::string::npos,
               r.err);

    TempDir dir2("register-firmware");
    const auto text = replaced(shippedRegister(), "serial: SIM-0004\n    firmware: \"1.0\"", "serial: SIM-0004\n    firmware: \"2.1\"");
    r = run(benchWithRegister(dir2, text), dir2.path() / "run");
    BOOST_TEST(r.exitCode == 2);
    BOOST_TEST(r.err.find("serial SIM-0004): firmware 1.0, the register entry 'SIM-ANALYZER' names 2.1") != std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(the_shipped_simulated_lab_is_a_certification_run_marked_simulation) {
    TempDir dir("register-demo");
    const auto r = run(v2gbench::test::sourcePath("benches/sim.yaml"), dir.path() / "run");
    BOOST_TEST(r.exitCode == 0, r.err);
    const auto s = summaryOf(dir.path() / "run");
    BOOST_TEST(s.at("simulation") == true);
    BOOST_TEST(s.at("certification").at("for_certification") == true);
    for (const auto& i : s.at("instruments"))
        if (i.at("role") != "dut") BOOST_TEST(i.at("register").at("state") == "simulation", i.at("role"));
    const auto html = v2gbench::test::readFile((dir.path() / "run" / "report.html").string());
    BOOST_TEST(occurrences(html, "SIMULATION \xE2\x80\x94 not a test of a physical charger") >= 2u);
    BOOST_TEST(html.find("NOT FOR CERTIFICATION") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(register_errors_are_reported_at_file_line) {
    TempDir dir("register-bad");
    const auto load = [&](const std::string& text) -> std::string {
        write(dir.path() / "r.yaml", text);
        try {
            bench::loadInstrumentRegister((dir.path() / "r.yaml").string());
        } catch (const v2gbench::core::ConfigError& e) {
            return e.what();
        }
        return "loaded";
    };
    const std::string head = "instruments:\n  - id: A\n    manufacturer: M\n    model: X\n    serial: S1\n";
    BOOST_TEST(load(head).find("r.yaml:2:5: error: register entry 'A' has no calibration") != std::string::npos);
    BOOST_TEST(load(head + "    calibration: {certificate: C1, lab: L, date: 2026-02-30, due: 2027-01-01}\n")
                   .find("r.yaml:6:50: error: '2026-02-30' is not a date (YYYY-MM-DD)") != std::string::npos);
    BOOST_TEST(load(head + "    calibration: {certificate: C1, lab: L, date: 2026-02-01, due: 2025-01-01}\n")
                   .find("calibration due 2025-01-01 is before its date 2026-02-01") != std::string::npos);
    BOOST_TEST(load(head + "    simulation: true\n  - {id: A, simulation: true, manufacturer: M, model: Y}\n")
                   .find("r.yaml:7:5: error: register entry id 'A' is also used at") != std::string::npos);
    BOOST_TEST(load(head + "    simulation: true\n    uncertainty:\n      - {function: analyzer.dc_voltage, range: 1000 V, "
                           "absolute: 0.02 A, k: 2}\n")
                   .find("r.yaml:8") != std::string::npos);
    BOOST_TEST(load(head + "    simulation: true\n    uncertainty:\n      - {function: analyzer.dc_voltage, range: 1000 V, "
                           "absolute: 0.02 V, k: 0}\n")
                   .find("the coverage factor k is a number above zero") != std::string::npos);
    BOOST_TEST(load(head + "    simulation: true\n    colour: red\n").find("r.yaml:7:5: error:") != std::string::npos);
    BOOST_TEST(load(head + "    simulation: true\n") == "loaded");
}

BOOST_AUTO_TEST_CASE(matching_is_by_manufacturer_model_and_serial) {
    bench::InstrumentRegister reg;
    reg.file = "reg.yaml";
    bench::RegisterEntry a;
    a.id = "LMG-1";
    a.manufacturer = "ZES ZIMMER";
    a.model = "LMG600";
    a.serial = "111";
    a.calibration = bench::Calibration{"C-1", "NIM", "2026-01-01", "2026-12-07"};
    reg.entries.push_back(a);
    const auto opened = [](const std::string& serial) {
        return std::vector<bench::OpenedIdentity>{{"analyzer", "zes-lmg600", {"ZES ZIMMER", "LMG600", serial, "4.1", ""}}};
    };
    // Due today: still valid; due yesterday: expired.
    BOOST_TEST(bench::toString(bench::matchInstruments(&reg, opened("111"), "2026-12-07")[0].state) == "calibrated");
    BOOST_TEST(bench::toString(bench::matchInstruments(&reg, opened("111"), "2026-12-08")[0].state) == "calibration-expired");
    BOOST_TEST(bench::toString(bench::matchInstruments(&reg, opened("222"), "2026-12-07")[0].state) == "identity-mismatch");
    BOOST_TEST(bench::toString(bench::matchInstruments(nullptr, opened("111"), "2026-12-07")[0].state) == "no-entry");
}

BOOST_AUTO_TEST_SUITE_END()
