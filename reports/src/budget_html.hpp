#pragma once
// A check's uncertainty as the HTML report shows it: U with its k, and the budget behind it
// (summary.json "budget", docs/uncertainty.md) in a collapsed <details>. Internal to the library.
#include "v2gbench/reports/run_summary.hpp"

#include <string>

namespace v2gbench::reports {

// "±20.4 mA (k = 2)" and the budget's contributions table; a dash and the budget's note ("a count
// of frames is exact", "no register figure for …") for a budget whose U is zero, never "±0"; "±…" alone for a run recorded before budgets; "&mdash;" for none.
std::string uncertaintyCellHtml(const CheckResult& check);

} // namespace v2gbench::reports
