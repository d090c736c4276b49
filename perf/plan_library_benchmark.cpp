// Runs the whole plan library on the in-process simulated lab (conforming DUT, then every
// defect) and prints simulated seconds, wall seconds and their ratio. Target: ratio >= 200
// on one core of the 2-core CI machine (a plan simulating 10 minutes finishes in under 3 s).
//
//   v2g_perf_plan_library [--repeat N] [--out DIR]
#include "sim_set_run.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/sim/defects.hpp"

#include <cstdio>
#include <string>
#include <vector>

using namespace v2gbench;

int main(int argc, char** argv) {
    const auto args = perf::parseArgs(argc, argv, "v2gbench-perf");
    const auto plans = perf::planFiles({"testplans/gbt34657", "testplans/v2g"});
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    std::vector<std::string> variants{""};
    for (const auto& d : sim::defects()) variants.push_back(d.name);

    std::printf("%-28s %6s %12s %10s %10s\n", "DUT", "plans", "sim_time_s", "wall_s", "ratio");
    double totalSim = 0, totalWall = 0;
    int runs = 0;
    for (int r = 0; r < args.repeat; ++r) {
        for (const auto& defect : variants) {
            auto request = perf::simRequest(plans, args.out / ("run-" + std::to_string(++runs)));
            request.answersFile = std::string(V2G_SOURCE_DIR) + "/testplans/gbt34657/answers-conforming.yaml";
            if (!defect.empty()) request.settings["sim.defect"] = defect;
            const auto run = perf::runTimed(request, registry);
            if (!run) return 2;
            totalSim += run->outcome.benchTime;
            totalWall += run->wall;
            if (r == 0)
                std::printf("%-28s %6zu %12.1f %10.3f %10.0f\n", defect.empty() ? "conforming" : defect.c_str(),
                            plans.size(), run->outcome.benchTime, run->wall, run->outcome.benchTime / run->wall);
        }
    }
    std::filesystem::remove_all(args.out);
    std::printf("\nplan library x %zu DUT variants x %d repeats: simulated %.1f s in %.3f s wall (run folders, traces "
                "and summaries included)\n",
                variants.size(), args.repeat, totalSim, totalWall);
    std::printf("simulated/wall ratio: %.0f (target >= 200)\n", totalSim / totalWall);
    return totalSim / totalWall >= 200 ? 0 : 1;
}
