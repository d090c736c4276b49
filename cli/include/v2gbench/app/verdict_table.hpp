#pragma once
// The verdict table printed at the end of a run: one row per case instance, then the totals.
#include "v2gbench/bench/run_controller.hpp"

#include <ostream>

namespace v2gbench::app {

void printVerdictTable(const bench::RunOutcome& outcome, std::ostream& out);

} // namespace v2gbench::app
