// Runs the whole plan library on the in-process simulated lab (conforming DUT, then every
// defect) and prints simulated seconds, wall seconds and their ratio. Target: ratio >= 200
// on one core of the 2-core CI machine (a plan simulating 10 minutes finishes in under 3 s).
//
//   v2g_perf_plan_library [--repeat N] [--out DIR]
#include "v2gbench/app/registration.hpp"
#include "v2gbench/bench/run_controller.hpp"
#include "v2gbench/sim/defects.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace v2gbench;

int main(int argc, char** argv) {
    int repeat = 3;
    fs::path out = fs::temp_directory_path() / "v2gbench-perf";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--out") out = argv[i + 1];
    }
    const std::string src = V2G_SOURCE_DIR;
    std::vector<std::string> plans;
    for (const auto* folder : {"/testplans/gbt34657", "/testplans/v2g"})
        for (const auto& e : fs::directory_iterator(src + folder))
            if (e.path().extension() == ".yaml") plans.push_back(e.path().string());
    std::sort(plans.begin(), plans.end());

    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    std::vector<std::string> variants{""};
    for (const auto& d : sim::defects()) variants.push_back(d.name);

    std::printf("%-28s %6s %12s %10s %10s\n", "DUT", "plans", "sim_time_s", "wall_s", "ratio");
    double totalSim = 0, totalWall = 0;
    int run = 0;
    for (int r = 0; r < repeat; ++r) {
        for (const auto& defect : variants) {
            bench::RunRequest request;
            request.plans = plans;
            request.benchProfile = src + "/benches/sim.yaml";
            request.dutProfile = src + "/testplans/duts/sim-v2g-charger.yaml";
            request.requirementFolders = {src + "/testplans/requirements"};
            if (!defect.empty()) request.settings["sim.defect"] = defect;
            request.outDir = out / ("run-" + std::to_string(++run));
            fs::remove_all(request.outDir);
            bench::AbortFlag abort;
            const auto t0 = std::chrono::steady_clock::now();
            auto outcome = bench::executeRun(request, registry, abort, {});
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (!outcome.diagnostics.empty() || !outcome.error.empty()) {
                std::fprintf(stderr, "run failed: %s\n",
                             outcome.diagnostics.empty() ? outcome.error.c_str() : outcome.diagnostics[0].str().c_str());
                return 2;
            }
            totalSim += outcome.benchTime;
            totalWall += wall;
            if (r == 0)
                std::printf("%-28s %6zu %12.1f %10.3f %10.0f\n", defect.empty() ? "conforming" : defect.c_str(),
                            plans.size(), outcome.benchTime, wall, outcome.benchTime / wall);
        }
    }
    fs::remove_all(out);
    std::printf("\nplan library x %zu DUT variants x %d repeats: simulated %.1f s in %.3f s wall (run folders, traces "
                "and summaries included)\n",
                variants.size(), repeat, totalSim, totalWall);
    std::printf("simulated/wall ratio: %.0f (target >= 200)\n", totalSim / totalWall);
    return totalSim / totalWall >= 200 ? 0 : 1;
}
