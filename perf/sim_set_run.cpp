#include "sim_set_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace fs = std::filesystem;

namespace v2gbench::perf {

BenchmarkArgs parseArgs(int argc, char** argv, const std::string& defaultOutName) {
    BenchmarkArgs args;
    args.out = fs::temp_directory_path() / defaultOutName;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--repeat") args.repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--out") args.out = argv[i + 1];
    }
    return args;
}

std::vector<std::string> planFiles(const std::vector<std::string>& folders) {
    std::vector<std::string> plans;
    for (const auto& folder : folders)
        for (const auto& e : fs::directory_iterator(fs::path(V2G_SOURCE_DIR) / folder))
            if (e.path().extension() == ".yaml" && e.path().filename().string().rfind("answers-", 0) != 0)
                plans.push_back(e.path().string());
    std::sort(plans.begin(), plans.end());
    return plans;
}

bench::RunRequest simRequest(const std::vector<std::string>& plans, const fs::path& outDir) {
    const std::string src = V2G_SOURCE_DIR;
    bench::RunRequest request;
    request.plans = plans;
    request.benchProfile = src + "/benches/sim.yaml";
    request.dutProfile = src + "/testplans/duts/sim-v2g-charger.yaml";
    request.requirementFolders = {src + "/testplans/requirements"};
    request.outDir = outDir;
    fs::remove_all(outDir);
    return request;
}

std::optional<TimedRun> runTimed(const bench::RunRequest& request, const core::DriverRegistry& registry) {
    bench::AbortFlag abort;
    const auto t0 = std::chrono::steady_clock::now();
    TimedRun run{bench::executeRun(request, registry, abort, {}), 0.0};
    run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!run.outcome.diagnostics.empty() || !run.outcome.error.empty()) {
        std::fprintf(stderr, "run failed: %s\n",
                     run.outcome.diagnostics.empty() ? run.outcome.error.c_str() : run.outcome.diagnostics[0].str().c_str());
        return std::nullopt;
    }
    return run;
}

} // namespace v2gbench::perf
