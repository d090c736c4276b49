#pragma once
// What the plan-set benchmarks share: their arguments, the plan files of a folder, a run request
// on the in-process simulated lab with the simulated charger, and one timed run. Each benchmark
// keeps only what it measures and prints.
#include "v2gbench/bench/run_controller.hpp"
#include "v2gbench/core/driver_registry.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::perf {

struct BenchmarkArgs {
    int repeat = 3;
    std::filesystem::path out; // where run folders go (removed at the end)
};
// `[--repeat N] [--out DIR]`; `defaultOutName` under the temporary directory when --out is absent.
BenchmarkArgs parseArgs(int argc, char** argv, const std::string& defaultOutName);

// The plans (*.yaml, answers files excepted) of the source tree's `folders`, sorted.
std::vector<std::string> planFiles(const std::vector<std::string>& folders);

// benches/sim.yaml, testplans/duts/sim-v2g-charger.yaml and the requirement catalogues; the run
// folder `outDir` is removed first.
bench::RunRequest simRequest(const std::vector<std::string>& plans, const std::filesystem::path& outDir);

struct TimedRun {
    bench::RunOutcome outcome;
    double wall = 0.0; // s
};
// Runs and times the request; prints the reason and returns nullopt when the run could not start.
std::optional<TimedRun> runTimed(const bench::RunRequest& request, const core::DriverRegistry& registry);

} // namespace v2gbench::perf
