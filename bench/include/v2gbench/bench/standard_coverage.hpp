#pragma once
// Coverage against each standard's full case list (issue 13 item 7; docs/run-folder.md,
// "standard_coverage"). The full lists are the requirement catalogues marked `complete: true`
// (testplans/requirements/*.yaml; tests/plans/metrology checks them against the public case
// lists), so a report counts the standard's cases, not the rows a run happened to touch.
//
// A standard is in scope when the run touched any of its cases (a requirement of the summary's
// `requirements` belongs to its catalogue). Each of its cases gets one status:
//   tested          the run judged checks of the case, every one on a confirmed or single-source
//                   criterion (or the plan's own limits); `verdict` is the case's
//   unverified      the run judged checks of the case and at least one criterion used is
//                   unverified (the limit is ours or unknown); `verdict` is the case's
//   not-applicable  the run reached the case and it did not apply (`reason`: why, from the run)
//   not-tested      the run did not judge the case (`verdict` null, or the bench's error/abort
//                   before any check, with its reason)
#include <nlohmann/json.hpp>

namespace v2gbench::bench {

// From a summary.json object (format v2gbench-run/1: `catalogues`, `requirements`, `plans`,
// `certificate`): the `standard_coverage` array, one object per standard in scope in catalogue
// order — {"standard", "catalogue", "complete", "cases": [{"id", "title", "status", "verdict",
// "reason"}]} with "id" the case's clause ("D0.2001"). A summary without catalogues gives [].
// Pure; call it after the verdicts are final (after applyDecisionRule).
nlohmann::json standardCoverage(const nlohmann::json& summary);

} // namespace v2gbench::bench
