#pragma once
// v2gbench::reports — turns a run folder (docs/run-folder.md) into JUnit XML and a self-contained
// HTML report. Reads only the folder: it never talks to instruments and does not link the engine, so
// `v2gbench report RUN_DIR` can regenerate the evidence long after the bench is gone.

#include "v2gbench/core/text_file.hpp"
#include "v2gbench/reports/run_summary.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace v2gbench::reports {

// One <testsuite> per plan, one <testcase> per case instance; <failure> for fail/inconclusive,
// <error> for error/aborted, <skipped> for not-applicable. Times are bench-clock seconds.
// Throws std::runtime_error naming the file on an unreadable/malformed summary.json or an
// unwritable output.
void writeJunitXml(const std::filesystem::path& runDir, const std::filesystem::path& out);
std::string renderJunitXml(const RunSummary& summary);

// Self-contained HTML: inline CSS and SVG, no script, no external resource. Traces are read from
// `runDir`; an unreadable trace is reported in place of its plot rather than failing the report.
// A trace path that is absolute or resolves (after symlinks) outside `runDir` is never read: the
// report shows a warning naming it, and it is listed in `refusedPaths` so that `v2gbench report`
// can exit 2. `stop` is polled before each trace and while reading (Ctrl-C): it throws
// core::ReadStopped and nothing is written.
struct HtmlReportOutcome {
    std::vector<std::string> refusedPaths; // "<path as in summary.json>: <why>"
};
HtmlReportOutcome writeHtmlReport(const std::filesystem::path& runDir, const std::filesystem::path& out,
                                  const core::StopCheck& stop = {});
std::string renderHtmlReport(const RunSummary& summary, const std::filesystem::path& runDir,
                             HtmlReportOutcome* outcome = nullptr, const core::StopCheck& stop = {});

} // namespace v2gbench::reports
