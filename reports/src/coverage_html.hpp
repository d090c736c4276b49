#pragma once
// A standard's full case list as the HTML report shows it (summary.json "standard_coverage",
// bench/standard_coverage.hpp): one heading with the counts per status, one row per case with its
// status, verdict and reason. Internal to the library.
#include "v2gbench/reports/run_summary.hpp"

#include <string>

namespace v2gbench::reports {

// "<h3>GB/T 34657.1-2017 (23 cases, 9 tested, 3 unverified, 1 not applicable, 10 not tested)</h3>"
// and the table.
std::string standardCoverageHtml(const StandardCoverage& coverage);

} // namespace v2gbench::reports
