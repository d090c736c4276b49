#pragma once
// Running plans in-process against the simulated lab, for tests.
#include "test_paths.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/bench/run_controller.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace v2gbench::test {

inline bench::RunRequest simRequest(std::vector<std::string> plans, const std::filesystem::path& out,
                                    const std::string& defect = "") {
    bench::RunRequest r;
    r.plans = std::move(plans);
    r.benchProfile = sourcePath("benches/sim.yaml");
    r.dutProfile = sourcePath("testplans/duts/sim-v2g-charger.yaml");
    r.requirementFolders = {sourcePath("testplans/requirements")};
    // The conforming sample's inspect answers; answers for plans not in the run are ignored.
    r.answersFile = sourcePath("testplans/gbt34657/answers-conforming.yaml");
    if (!defect.empty()) r.settings["sim.defect"] = defect;
    r.outDir = out;
    return r;
}

inline bench::RunOutcome runQuiet(const bench::RunRequest& request, const core::DriverRegistry* registry = nullptr) {
    core::DriverRegistry own;
    if (!registry) {
        app::registerAllDrivers(own);
        registry = &own;
    }
    bench::AbortFlag abort;
    return bench::executeRun(request, *registry, abort, {});
}

// Every line of a journal, parsed; a line that does not parse fails the calling test.
inline std::vector<nlohmann::json> readJournal(const std::filesystem::path& runDir) {
    std::ifstream in(runDir / "journal.jsonl");
    std::vector<nlohmann::json> events;
    std::string line;
    while (std::getline(in, line)) events.push_back(nlohmann::json::parse(line));
    return events;
}

inline int countEvents(const std::vector<nlohmann::json>& events, const std::string& name) {
    int n = 0;
    for (const auto& e : events) n += e.at("event") == name ? 1 : 0;
    return n;
}

inline std::string writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
    return path.string();
}

} // namespace v2gbench::test
