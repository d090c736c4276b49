// Runs every GB/T 34658-2017 charger-side case (testplans/gbt34658: the 43 DP/DN cases) on the
// in-process simulated lab with the conforming charger, and prints simulated seconds, wall
// seconds and their ratio. Target: >= 500x real time (issue 12), on one core of the 2-core CI
// machine. Run folders, traces and reports are written as in a real run.
//
//   v2g_perf_gbt34658_set [--repeat N] [--out DIR]
#include "v2gbench/app/registration.hpp"
#include "v2gbench/bench/run_controller.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace v2gbench;

namespace {

constexpr double kTargetRatio = 500.0;

} // namespace

int main(int argc, char** argv) {
    int repeat = 3;
    fs::path out = fs::temp_directory_path() / "v2gbench-perf-gbt34658";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--out") out = argv[i + 1];
    }
    const std::string src = V2G_SOURCE_DIR;
    std::vector<std::string> plans;
    for (const auto& e : fs::directory_iterator(src + "/testplans/gbt34658"))
        if (e.path().extension() == ".yaml") plans.push_back(e.path().string());
    std::sort(plans.begin(), plans.end());

    core::DriverRegistry registry;
    app::registerAllDrivers(registry);

    double totalSim = 0, totalWall = 0;
    bool allPass = true;
    std::set<std::string> cases;
    for (int r = 0; r < repeat; ++r) {
        bench::RunRequest request;
        request.plans = plans;
        request.benchProfile = src + "/benches/sim.yaml";
        request.dutProfile = src + "/testplans/duts/sim-v2g-charger.yaml";
        request.requirementFolders = {src + "/testplans/requirements"};
        request.outDir = out / ("run-" + std::to_string(r + 1));
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
        for (const auto& p : outcome.plans)
            for (const auto& c : p.cases)
                if (c.id.rfind("DP.", 0) == 0 || c.id.rfind("DN.", 0) == 0) cases.insert(c.id);
        allPass = allPass && outcome.verdict == bench::Verdict::Pass;
        totalSim += outcome.benchTime;
        totalWall += wall;
        std::printf("run %d: %zu plans, %s, simulated %.1f s in %.3f s wall (%.0fx)\n", r + 1, plans.size(),
                    bench::toString(outcome.verdict).c_str(), outcome.benchTime, wall, outcome.benchTime / wall);
    }
    fs::remove_all(out);
    const double ratio = totalSim / totalWall;
    std::printf("\nGB/T 34658 charger-side set (%zu cases) x %d repeats: simulated %.1f s in %.3f s wall\n", cases.size(),
                repeat, totalSim, totalWall);
    std::printf("simulated/wall ratio: %.0f (target >= %.0f)%s\n", ratio, kTargetRatio,
                allPass ? "" : "  — not every run passed on the conforming charger");
    return ratio >= kTargetRatio && allPass ? 0 : 1;
}
