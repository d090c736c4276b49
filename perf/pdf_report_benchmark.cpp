// Renders the PDF test report of the full certification run (every plan of testplans/gbt34657,
// gbt34658 and v2g on the in-process simulated lab, as README command 1 runs them) in English and
// Chinese, and prints the render time of each: summary.json read, every trace read and drawn, the
// two layout passes, the CJK font subset embedded. Target: < 5 s per PDF (issue 13) on the 2-core
// CI machine.
//
//   v2g_perf_pdf_report [--repeat N] [--out DIR]
#include "sim_set_run.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/reports/run_summary.hpp"
#include "v2gbench/reports_pdf/pdf_report.hpp"
#include "v2gbench/reports_pdf/run_info.hpp"

#include <chrono>
#include <cstdio>
#include <string>

using namespace v2gbench;

namespace {
constexpr double kTargetSeconds = 5.0;
} // namespace

int main(int argc, char** argv) {
    const auto args = perf::parseArgs(argc, argv, "v2gbench-perf-pdf-report");
    const auto plans = perf::planFiles({"testplans/gbt34657", "testplans/gbt34658", "testplans/v2g"});
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    const auto runDir = args.out / "run";
    const auto run = perf::runTimed(perf::simRequest(plans, runDir), registry);
    if (!run) return 2;
    const auto info = reports_pdf::loadRunInfo(std::string(V2G_SOURCE_DIR) + "/lab/run-info-demo.yaml");

    double worst = 0;
    for (int r = 0; r < args.repeat; ++r)
        for (const auto language : {reports_pdf::Language::En, reports_pdf::Language::Zh}) {
            const auto file = args.out / ("report-" + std::string(reports_pdf::toString(language)) + ".pdf");
            const auto start = std::chrono::steady_clock::now();
            const auto summary = reports::loadRunSummary(runDir);
            const auto outcome = reports_pdf::writePdfReport(summary, runDir, info, language, file);
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            worst = std::max(worst, seconds);
            std::size_t cases = 0, checks = 0;
            for (const auto& p : summary.plans)
                for (const auto& k : p.cases) ++cases, checks += k.checks.size();
            std::printf("render %d %s: %zu plans, %zu cases, %zu checks -> %d pages, %ju bytes in %.3f s\n", r + 1,
                        std::string(reports_pdf::toString(language)).c_str(), summary.plans.size(), cases, checks,
                        outcome.pages, static_cast<std::uintmax_t>(std::filesystem::file_size(file)), seconds);
        }
    std::printf("worst render %.3f s (target < %.1f s): %s\n", worst, kTargetSeconds,
                worst < kTargetSeconds ? "met" : "NOT MET");
    std::filesystem::remove_all(args.out);
    return worst < kTargetSeconds ? 0 : 1;
}
