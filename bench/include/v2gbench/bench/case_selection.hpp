#pragma once
// Which cases of a run's plans run (`v2gbench run … --case ID`): a lab re-runs one case, or the
// cases of one standard id, without editing a plan.
#include "v2gbench/bench/plan.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <string>
#include <vector>

namespace v2gbench::bench {

// Keeps the cases whose id is one of `selection`, or starts with it followed by '-' ("D0.2501"
// selects D0.2501-fault-dc-plus and its siblings). Plans left without a case are dropped. An id that
// selects nothing is a diagnostic naming the nearest case id; nothing is dropped silently. An empty
// selection keeps everything.
std::vector<Diagnostic> selectCases(std::vector<Plan>& plans, const std::vector<std::string>& selection);

} // namespace v2gbench::bench
