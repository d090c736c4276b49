#pragma once
// A generated nightly history for the results tests: run folders (summary.json + manifest.json,
// as `run` writes them) of racks × nights, with a defect that appears with a new DUT firmware on
// one night and one check whose verdict flips at random on unchanged firmware.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace v2gbench::test {

struct HistorySpec {
    std::string rack = "rack-1";
    int nights = 20;
    int defectNight = 12;                 // from this night on: firmware 1.1 and the defect
    std::string firmwareBefore = "1.0";
    std::string firmwareAfter = "1.1";
    unsigned flakySeed = 7;               // the flipping check's coin
    int stableChecks = 6;                 // checks that always pass
};

// The checks of every night, by name: plan gen-plan, cases C1 (the defect), C2 (the flaky check),
// C3 (the stable checks).
inline constexpr const char* kDefectCheck = "output current";   // C1: 10 A, then 12 A (limit 9.7..10.3)
inline constexpr const char* kFlakyCheck = "contactor open time"; // C2: pass or fail at random

// The UTC date of night n (1-based): 2026-11-01 + n - 1 (nights <= 30).
inline std::string nightDate(int n) {
    return std::string("2026-11-") + (n < 10 ? "0" : "") + std::to_string(n);
}

inline nlohmann::json check(const std::string& name, double value, double u, double low, double high) {
    const bool pass = value >= low && value <= high;
    return {{"name", name}, {"kind", "measure"}, {"signal", "analyzer.dc_current"}, {"statistic", "mean"},
            {"value", value}, {"unit", "A"}, {"low", low}, {"high", high}, {"uncertainty", u},
            {"verdict", pass ? "pass" : "fail"}, {"reason", ""}, {"trace", ""}};
}

inline std::string worstOf(const nlohmann::json& checks) {
    for (const auto& c : checks)
        if (c["verdict"] == "fail") return "fail";
    return "pass";
}

// Writes <root>/<rack>-night-NN/ for every night; returns the folders in night order.
inline std::vector<std::filesystem::path> writeHistory(const std::filesystem::path& root, const HistorySpec& spec) {
    std::mt19937 coin(spec.flakySeed);
    std::vector<std::filesystem::path> folders;
    for (int n = 1; n <= spec.nights; ++n) {
        const bool defect = n >= spec.defectNight;
        const std::string firmware = defect ? spec.firmwareAfter : spec.firmwareBefore;
        nlohmann::json c1 = nlohmann::json::array({check(kDefectCheck, defect ? 12.0 : 10.0, 0.02, 9.7, 10.3)});
        nlohmann::json c2 = nlohmann::json::array({check(kFlakyCheck, coin() % 2 ? 0.05 : 0.15, 0.001, 0.0, 0.1)});
        nlohmann::json c3 = nlohmann::json::array();
        for (int k = 0; k < spec.stableChecks; ++k)
            c3.push_back(check("stable " + std::to_string(k), 5.0 + 0.001 * n, 0.01, 4.0, 6.0));
        nlohmann::json cases = nlohmann::json::array();
        std::string runVerdict = "pass";
        for (const auto& [id, checks] : {std::pair{"C1", c1}, std::pair{"C2", c2}, std::pair{"C3", c3}}) {
            const std::string v = worstOf(checks);
            if (v == "fail") runVerdict = "fail";
            cases.push_back({{"id", id}, {"instance", ""}, {"title", id}, {"verdict", v}, {"reason", ""}, {"checks", checks}});
        }
        const std::string runId = spec.rack + "-night-" + (n < 10 ? "0" : "") + std::to_string(n);
        const std::string started = nightDate(n) + "T22:00:00.000Z";
        nlohmann::json summary = {
            {"format", "v2gbench-run/1"}, {"tool_version", "0.1.0"}, {"run_id", runId}, {"started_utc", started},
            {"finished_utc", started}, {"verdict", runVerdict},
            {"bench", {{"file", "inputs/bench.yaml"}, {"source", "benches/" + spec.rack + ".yaml"}, {"sha256", "0"}, {"name", spec.rack}}},
            {"dut", {{"file", "inputs/dut.yaml"}, {"source", "duts/charger.yaml"}, {"sha256", "0"}, {"model", "CH-120"}}},
            {"instruments", nlohmann::json::array({{{"role", "dut"}, {"driver", "x"}, {"uri", "x"}, {"serial", "SN-" + spec.rack},
                                                   {"firmware", firmware}}})},
            {"plans", nlohmann::json::array({{{"id", "gen-plan"}, {"title", "generated"}, {"verdict", runVerdict}, {"cases", cases}}})}};
        nlohmann::json manifest = {{"run_id", runId}, {"tool_version", "0.1.0"}, {"tool_commit", "abc123"},
                                   {"inputs", nlohmann::json::array({{{"copy", "inputs/ev.yaml"}, {"source", "evs/nmc-750v.yaml"}, {"sha256", "0"}}})}};
        const auto dir = root / runId;
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "summary.json") << summary.dump(2);
        std::ofstream(dir / "manifest.json") << manifest.dump(2);
        folders.push_back(dir);
    }
    return folders;
}

} // namespace v2gbench::test
