#include "sample_run.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace v2gbench::reports::test {

namespace {
std::atomic<int> g_counter{0};

void appendNumber(std::string& out, double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}
} // namespace

TempDir::TempDir() {
    m_path = std::filesystem::temp_directory_path() /
             ("v2g-reports-" + std::to_string(::getpid()) + "-" + std::to_string(g_counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

void writeFile(const std::filesystem::path& file, const std::string& content) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    BOOST_REQUIRE_MESSAGE(out.good(), "cannot write " << file);
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in.good(), "cannot read " << file);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeStepTrace(const std::filesystem::path& file, const std::string& column, std::size_t samples, double t0,
                    double dt, double from, double to, double tau) {
    std::string csv = "time_s," + column + "\n";
    csv.reserve(samples * 24);
    for (std::size_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) * dt;
        const double ripple = 0.01 * std::abs(to - from) * std::sin(static_cast<double>(i) * 0.7);
        const double v = to + (from - to) * std::exp(-t / tau) + ripple;
        appendNumber(csv, t0 + t);
        csv += ',';
        appendNumber(csv, v);
        csv += '\n';
    }
    writeFile(file, csv);
}

std::size_t countOccurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) {
        ++n;
    }
    return n;
}

nlohmann::json writeSampleRun(const std::filesystem::path& dir) {
    using nlohmann::json;
    writeStepTrace(dir / "signals/0001.csv", "analyzer.dc_current_A", 400, 30.0, 0.005, 0.0, 10.02, 0.2);
    writeStepTrace(dir / "signals/0002.csv", "analyzer.dc_current_A", 400, 40.0, 0.005, 10.0, 31.1, 0.2);
    writeStepTrace(dir / "signals/0003.csv", "analyzer.dc_current_A", 400, 50.0, 0.005, 30.0, 60.0, 0.9);
    writeStepTrace(dir / "signals/0004.csv", "analyzer.ac_frequency_Hz", 300, 10.0, 0.01, 49.98, 50.0, 0.5);

    const json reqA = {{"id", "GBT34657.1-2017/D0.4102"}, {"catalogue", "GB/T 34657.1-2017"},
                       {"standard", "GB/T 34657.1-2017"}, {"clause", "D0.4102"},
                       {"title", "Output current control error"}, {"summary", "Output current control error"},
                       {"source", "GB/T 34657.1-2017 6.3.5.2 (public transcription)"}, {"confidence", "single-source"},
                       {"verdict", "fail"}, {"checks", 3}};
    const json reqB = {{"id", "LAB/V2G-07"}, {"catalogue", "Lab platform requirements"}, {"clause", "7"},
                       {"summary", "Discharge <start> & \"stop\""}, {"confidence", "unverified"}, {"checks", 0}};
    const json reqC = {{"id", "GBT34657.1-2017/D0.4105"}, {"catalogue", "GB/T 34657.1-2017"},
                       {"clause", "D0.4105"}, {"summary", "Current adjustment time"}, {"confidence", "confirmed"},
                       {"verdict", "inconclusive"}, {"checks", 1}};

    json check10 = {{"name", "output current at 10 A"}, {"kind", "measure"}, {"signal", "analyzer.dc_current"},
                    {"statistic", "mean"}, {"value", 10.02}, {"unit", "A"}, {"low", 9.7}, {"high", 10.3},
                    {"nominal", 10.0}, {"limit_text", "10 A ± 0.3 A"}, {"uncertainty", 0.02},
                    {"verdict", "pass"}, {"reason", ""}, {"requirements", {"GBT34657.1-2017/D0.4102"}},
                    {"trace", "signals/0001.csv"}, {"t_start_s", 31.0}, {"t_end_s", 32.0},
                    {"source", "testplans/gbt34657/dc-current-control-error.yaml:27:9"},
                    {"criterion",
                     {{"requirement", "GBT34657.1-2017/D0.4102"}, {"name", "current_error"},
                      {"text", "within 0.3 A below 30 A, 1 % from 30 A"}, {"source", "GB/T 34657.1-2017 6.3.5.2 [S1]"},
                      {"confidence", "single-source"}, {"ours", ""}}}};
    json check30 = check10;
    check30["name"] = "output current at 30 A <&> \"quoted\"";
    check30["value"] = 31.1;
    check30["low"] = 29.7;
    check30["high"] = 30.3;
    check30["nominal"] = 30.0;
    check30["limit_text"] = "30 A ± 1 %";
    check30["verdict"] = "fail";
    check30["reason"] = "above high limit";
    check30["trace"] = "signals/0002.csv";
    check30["t_start_s"] = 41.0;
    check30["t_end_s"] = 42.0;
    json settle = {{"name", "current settling time"}, {"kind", "response"}, {"signal", "analyzer.dc_current"},
                   {"metric", "settling_time"}, {"value", 1.95}, {"unit", "s"}, {"low", nullptr}, {"high", 2.0},
                   {"uncertainty", 0.06}, {"verdict", "inconclusive"}, {"reason", "within uncertainty of the limit"},
                   {"trace", "signals/0003.csv"}, {"t_start_s", 50.0}, {"t_end_s", 52.0},
                   {"criterion",
                    {{"requirement", "GBT34657.1-2017/D0.4105"}, {"name", "settling_bound"},
                     {"text", "settles within 2 s"}, {"source", "our lab"}, {"confidence", "unverified"},
                     {"ours", "2 s is our engineering bound"}}}};
    json freq = {{"name", "grid frequency"}, {"kind", "measure"}, {"signal", "analyzer.ac_frequency"},
                 {"statistic", "mean"}, {"value", 50.0}, {"unit", "Hz"}, {"low", 49.95}, {"high", 50.05},
                 {"verdict", "pass"}, {"trace", "signals/0004.csv"}};
    json noValue = {{"name", "discharge power"}, {"kind", "measure"}, {"signal", "analyzer.dc_power"},
                    {"statistic", "mean"}, {"value", nullptr}, {"unit", "W"}, {"low", -7200.0}, {"high", -6800.0},
                    {"verdict", "error"}, {"reason", "analyzer timed out"}};

    json plan1 = {{"id", "gbt34657-dc-current-control-error"}, {"title", "Output current control error"},
                  {"file", "inputs/plan-01-gbt34657-dc-current-control-error.yaml"},
                  {"source", "testplans/gbt34657/dc-current-control-error.yaml"}, {"sha256", std::string(64, 'a')},
                  {"verdict", "fail"}, {"reason", ""}, {"bench_time_s", 40.25},
                  {"cases",
                   {{{"id", "D0.4102"}, {"instance", "current=10 A"}, {"verdict", "pass"}, {"bench_time_s", 5.5},
                     {"checks", {check10}}},
                    {{"id", "D0.4102"}, {"instance", "current=30 A & <more>"}, {"verdict", "fail"},
                     {"bench_time_s", 6.0}, {"checks", {check30}}},
                    {{"id", "D0.4105"}, {"instance", ""}, {"verdict", "inconclusive"}, {"checks", {settle}}}}}};
    json plan2 = {{"id", "v2g-discharge-needs-4q"}, {"verdict", "not-applicable"},
                  {"reason", "DUT has no discharge capability (dut.dc.v2g == false)"}, {"bench_time_s", 0.0},
                  {"cases", json::array()}};
    json plan3 = {{"id", "v2g-dispatch"}, {"verdict", "aborted"}, {"bench_time_s", 12.0},
                  {"cases",
                   {{{"id", "P1"}, {"instance", "power=-7 kW"}, {"verdict", "error"}, {"reason", "analyzer timed out"},
                     {"checks", {noValue}}},
                    {{"id", "P2"}, {"verdict", "aborted"}, {"reason", "SIGINT"}, {"checks", json::array()}}}}};
    json plan4 = {{"id", "grid-frequency"}, {"verdict", "pass"}, {"bench_time_s", 3.0},
                  {"cases",
                   {{{"id", "F1"}, {"verdict", "pass"}, {"checks", {freq}}},
                    {{"id", "F2"}, {"verdict", "not-applicable"}, {"reason", "single-phase DUT"}}}}};

    json summary = {
        {"format", "v2gbench-run/1"},
        {"tool_version", "0.1.0"},
        {"run_id", "20261126T101500Z-gbt34657-dc-current-control-error"},
        {"started_utc", "2026-11-26T10:15:00Z"},
        {"finished_utc", "2026-11-26T10:15:01Z"},
        {"wall_time_s", 0.8},
        {"bench_time_s", 55.25},
        {"clock", "sim-virtual"},
        {"verdict", "aborted"},
        {"exit_code", 3},
        {"abort_reason", "SIGINT during v2g-dispatch"},
        {"bench",
         {{"file", "inputs/bench.yaml"}, {"source", "benches/sim.yaml"}, {"sha256", std::string(64, 'b')},
          {"name", "Simulated lab"}}},
        {"dut",
         {{"file", "inputs/dut.yaml"}, {"source", "testplans/duts/sim-v2g-charger.yaml"},
          {"sha256", std::string(64, 'c')}, {"manufacturer", "v2gbench"}, {"model", "SimCharger 60"},
          {"ratings", {{"dc_max_voltage_V", 750}, {"dc_max_current_A", 100}}}}},
        {"settings", {{"sim.defect", "slow-current-adjustment"}, {"sim.seed", "1"}}},
        {"instruments",
         {{{"role", "grid"}, {"driver", "sim-grid"}, {"uri", "sim://lab"}, {"manufacturer", "v2gbench"},
           {"model", "SimGrid"}, {"serial", "SG-0001"}, {"firmware", "1.0"}, {"calibration_due", "2027-01-31"}},
          {{"role", "analyzer"}, {"driver", "sim-analyzer"}, {"uri", "sim://lab"}, {"manufacturer", "v2gbench"},
           {"model", "SimAnalyzer"}, {"serial", "SA-0042"}, {"firmware", "2.3"}, {"calibration_due", ""}}}},
        {"requirements", {reqA, reqB, reqC}},
        {"catalogues",
         {{{"name", "GB/T 34657.1-2017"}, {"standard", "GB/T 34657.1-2017"}, {"complete", true},
           {"entries",
            {{{"id", "GBT34657.1-2017/D0.4101"}, {"clause", "D0.4101"}, {"title", "Output voltage control error"},
              {"confidence", "confirmed"}},
             {{"id", "GBT34657.1-2017/D0.4102"}, {"clause", "D0.4102"}, {"title", "Output current control error"},
              {"confidence", "single-source"}},
             {{"id", "GBT34657.1-2017/D0.4105"}, {"clause", "D0.4105"}, {"title", "Current adjustment time"},
              {"confidence", "confirmed"}}}}}}},
        {"certificate",
         {{"certificate_grade", false},
          {"statement", "certificate-grade: no \xE2\x80\x94 1 unverified criterion"},
          {"unverified_criteria",
           {{{"requirement", "GBT34657.1-2017/D0.4105"}, {"name", "settling_bound"}, {"text", "settles within 2 s"},
             {"source", "our lab"}, {"confidence", "unverified"}, {"ours", "2 s is our engineering bound"}}}},
          {"plan_limit_checks", 4}}},
        {"plans", {plan1, plan2, plan3, plan4}},
        {"counts",
         {{"pass", 3}, {"fail", 1}, {"inconclusive", 1}, {"not-applicable", 2}, {"error", 1}, {"aborted", 1}}}};
    writeFile(dir / "summary.json", summary.dump(2));
    return summary;
}

} // namespace v2gbench::reports::test
