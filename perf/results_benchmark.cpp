// The results database at lab scale (docs/racks.md): generates racks × nights × checks through the
// same ResultsStore::writeRun a run uses, then times history and trend as the CLI answers them
// (v2gbench history / trend --json, output rendered and discarded).
//
//   v2g_perf_results URL [--racks 50] [--nights 365] [--cases 50] [--checks-per-case 10] [--skip-generate]
//
// URL is sqlite:///ABS/PATH or postgresql://…; the database should be empty unless --skip-generate.
#include "v2gbench/app/results_commands.hpp"
#include "v2gbench/results/results_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace v2gbench;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string night(int n) { // 2026-01-01 + n days, n < 365
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (n >= days[month]) n -= days[month++];
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "2026-%02d-%02d", month + 1, n + 1);
    return buffer;
}

// Runs a results command like the CLI; its wall time (median of `repeat`) in seconds.
double timeCommand(const std::vector<std::string>& args, int repeat = 5) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        std::ostringstream out, err;
        bench::AbortFlag abort;
        const auto start = Clock::now();
        const int code = app::runResultsCommand(args, out, err, abort);
        times.push_back(secondsSince(start));
        if (code != 0) {
            std::fprintf(stderr, "%s failed: %s\n", args.front().c_str(), err.str().c_str());
            std::exit(1);
        }
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: v2g_perf_results URL [--racks N] [--nights N] [--cases N] [--checks-per-case N] [--skip-generate]\n");
        return 2;
    }
    const std::string url = argv[1];
    int racks = 50, nights = 365, cases = 50, checksPerCase = 10;
    bool generate = true;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&] { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
        if (a == "--racks") racks = next();
        else if (a == "--nights") nights = std::min(365, next());
        else if (a == "--cases") cases = next();
        else if (a == "--checks-per-case") checksPerCase = next();
        else if (a == "--skip-generate") generate = false;
    }
    auto store = results::openResultsStore(results::parseResultsUrl(url));
    if (generate) {
        const auto start = Clock::now();
        std::uint64_t rows = 0;
        for (int n = 0; n < nights; ++n) {
            for (int r = 0; r < racks; ++r) {
                results::RunRecord run;
                run.runId = "rack-" + std::to_string(r) + "-" + night(n);
                run.startedUtc = night(n) + "T22:" + (r < 10 ? "0" : "") + std::to_string(r % 60) + ":00Z";
                run.night = night(n);
                run.runKey = run.startedUtc + "/" + run.runId + "@0000";
                run.rack = "rack-" + std::to_string(r);
                run.dutModel = "CH-120";
                run.dutSerial = "SN-" + std::to_string(r);
                run.dutFirmware = "fw-" + std::to_string(n / 30);
                run.evProfile = "nmc-750v";
                run.softwareVersion = "0.1.0+bench";
                run.runFolder = "/lab/rack-" + std::to_string(r) + "/runs/" + run.runId;
                run.manifestSha256 = std::string(64, '0');
                run.verdict = "pass";
                for (int c = 0; c < cases; ++c) {
                    const std::string caseId = "D0." + std::to_string(1000 + c);
                    run.cases.push_back({"plan-" + std::to_string(c / 5), caseId, "", "pass"});
                    for (int k = 0; k < checksPerCase; ++k) {
                        results::CheckRecord check;
                        check.plan = run.cases.back().plan;
                        check.caseId = caseId;
                        check.name = "check " + std::to_string(k);
                        check.value = 10.0 + 0.01 * ((n * 7 + r * 13 + k) % 17);
                        check.uncertainty = 0.02;
                        check.low = 9.7;
                        check.high = 10.3;
                        check.unit = "A";
                        check.verdict = "pass";
                        check.trace = "signals/" + std::to_string(c * checksPerCase + k) + ".csv";
                        run.checks.push_back(std::move(check));
                    }
                }
                rows += run.checks.size();
                store->writeRun(run);
            }
            if ((n + 1) % 30 == 0)
                std::fprintf(stderr, "  %d nights, %llu check rows, %.0f s\n", n + 1, static_cast<unsigned long long>(rows),
                             secondsSince(start));
        }
        std::printf("generated %d racks x %d nights x %d checks = %llu check rows in %.1f s\n", racks, nights,
                    cases * checksPerCase, static_cast<unsigned long long>(rows), secondsSince(start));
    }
    store.reset();
    const std::string key = "plan-3/D0.1017/check 4";
    std::printf("history (latest 14 nights, every rack):        %.3f s\n", timeCommand({"history", "--json", "--results", url}));
    std::printf("history --rack rack-7 --since 2026-01-01:     %.3f s\n",
                timeCommand({"history", "--rack", "rack-7", "--since", "2026-01-01", "--json", "--results", url}));
    std::printf("history --check '%s' (14 nights): %.3f s\n", key.c_str(),
                timeCommand({"history", "--check", key, "--json", "--results", url}));
    std::printf("trend '%s' (every rack, every night): %.3f s\n", key.c_str(), timeCommand({"trend", key, "--json", "--results", url}));
    std::printf("trend '%s' --rack rack-7:          %.3f s\n", key.c_str(),
                timeCommand({"trend", key, "--rack", "rack-7", "--json", "--results", url}));
    return 0;
}
