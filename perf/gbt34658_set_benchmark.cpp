// Runs every GB/T 34658-2017 charger-side case (testplans/gbt34658: the 43 DP/DN cases) on the
// in-process simulated lab with the conforming charger, and prints simulated seconds, wall
// seconds and their ratio. Target: >= 500x real time (issue 12), on one core of the 2-core CI
// machine. Run folders, traces and reports are written as in a real run.
//
//   v2g_perf_gbt34658_set [--repeat N] [--out DIR]
#include "sim_set_run.hpp"
#include "v2gbench/app/registration.hpp"

#include <cstdio>
#include <set>
#include <string>

using namespace v2gbench;

namespace {
constexpr double kTargetRatio = 500.0;
} // namespace

int main(int argc, char** argv) {
    const auto args = perf::parseArgs(argc, argv, "v2gbench-perf-gbt34658");
    const auto plans = perf::planFiles({"testplans/gbt34658"});
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);

    double totalSim = 0, totalWall = 0;
    bool allPass = true;
    std::set<std::string> cases;
    for (int r = 0; r < args.repeat; ++r) {
        const auto run = perf::runTimed(perf::simRequest(plans, args.out / ("run-" + std::to_string(r + 1))), registry);
        if (!run) return 2;
        for (const auto& p : run->outcome.plans)
            for (const auto& c : p.cases)
                if (c.id.rfind("DP.", 0) == 0 || c.id.rfind("DN.", 0) == 0) cases.insert(c.id);
        allPass = allPass && run->outcome.verdict == bench::Verdict::Pass;
        totalSim += run->outcome.benchTime;
        totalWall += run->wall;
        std::printf("run %d: %zu plans, %s, simulated %.1f s in %.3f s wall (%.0fx)\n", r + 1, plans.size(),
                    bench::toString(run->outcome.verdict).c_str(), run->outcome.benchTime, run->wall,
                    run->outcome.benchTime / run->wall);
    }
    std::filesystem::remove_all(args.out);
    const double ratio = totalSim / totalWall;
    std::printf("\nGB/T 34658 charger-side set (%zu cases) x %d repeats: simulated %.1f s in %.3f s wall\n", cases.size(),
                args.repeat, totalSim, totalWall);
    std::printf("simulated/wall ratio: %.0f (target >= %.0f)%s\n", ratio, kTargetRatio,
                allPass ? "" : "  — not every run passed on the conforming charger");
    return ratio >= kTargetRatio && allPass ? 0 : 1;
}
