#pragma once
// The lab dashboard: static HTML generated from the results database (`v2gbench dashboard`), so any
// web server or CI artifact store can serve it. No script, no network resource: inline CSS and SVG.
//
// DIR/index.html: the newly failing checks first (failing on a rack's latest run, not failing on
// its run before), with their trend plots; per rack its last night's verdicts; per rack the nights
// × cases grid, each cell linking to its run's report.html. DIR/trends/<n>.html: one page per plan,
// a trend plot per check (value per night against its limit lines, one series per rack).
// Links to a run's report are relative to DIR and written only when the report exists on this
// machine (otherwise the run is named without a link), so every link resolves.
#include "v2gbench/results/results_store.hpp"

#include <filesystem>

namespace v2gbench::results {

struct DashboardOutcome {
    std::size_t runs = 0;
    std::size_t racks = 0;
    std::size_t newlyFailing = 0;
    std::size_t trendPlots = 0;
    std::vector<std::filesystem::path> pages; // every page written, index.html first
};

// Covers the runs of `filter` (the CLI defaults to the latest 14 nights). Creates DIR; overwrites
// the pages it writes. Throws ResultsError (database) or std::runtime_error (writing DIR).
DashboardOutcome writeDashboard(ResultsStore& store, const RunFilter& filter, const std::filesystem::path& outDir);

} // namespace v2gbench::results
