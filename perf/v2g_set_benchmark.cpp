// Runs the V2G grid-side set (testplans/v2g: set-point accuracy, the Annex A figures of rated
// set-point steps and the charge↔discharge transitions at rated power, and what else the folder
// holds) on the in-process simulated lab with the conforming charger, and prints simulated seconds,
// wall seconds and their ratio. Target: >= 200x real time (issue 14), on one core of the 2-core CI
// machine. Run folders, traces and reports are written as in a real run.
//
//   v2g_perf_v2g_set [--repeat N] [--out DIR]
#include "sim_set_run.hpp"
#include "v2gbench/app/registration.hpp"

#include <cstdio>
#include <string>

using namespace v2gbench;

namespace {
constexpr double kTargetRatio = 200.0;
} // namespace

int main(int argc, char** argv) {
    const auto args = perf::parseArgs(argc, argv, "v2gbench-perf-v2g");
    const auto plans = perf::planFiles({"testplans/v2g"});
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);

    double totalSim = 0, totalWall = 0;
    bool allPass = true;
    std::size_t checks = 0;
    for (int r = 0; r < args.repeat; ++r) {
        const auto run = perf::runTimed(perf::simRequest(plans, args.out / ("run-" + std::to_string(r + 1))), registry);
        if (!run) return 2;
        checks = 0;
        for (const auto& p : run->outcome.plans)
            for (const auto& c : p.cases) checks += c.checks.size();
        allPass = allPass && run->outcome.verdict == bench::Verdict::Pass;
        totalSim += run->outcome.benchTime;
        totalWall += run->wall;
        std::printf("run %d: %zu plans, %zu checks, %s, simulated %.1f s in %.3f s wall (%.0fx)\n", r + 1, plans.size(),
                    checks, bench::toString(run->outcome.verdict).c_str(), run->outcome.benchTime, run->wall,
                    run->outcome.benchTime / run->wall);
    }
    std::filesystem::remove_all(args.out);
    const double ratio = totalSim / totalWall;
    std::printf("\nV2G grid-side set (%zu plans, %zu checks) x %d repeats: simulated %.1f s in %.3f s wall\n",
                plans.size(), checks, args.repeat, totalSim, totalWall);
    std::printf("simulated/wall ratio: %.0f (target >= %.0f)%s\n", ratio, kTargetRatio,
                allPass ? "" : "  — not every run passed on the conforming charger");
    return ratio >= kTargetRatio && allPass ? 0 : 1;
}
