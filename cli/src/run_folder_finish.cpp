#include "v2gbench/app/run_folder_finish.hpp"

#include "v2gbench/bench/run_seal.hpp"
#include "v2gbench/reports/reports.hpp"

#include <optional>

namespace v2gbench::app {

FinishedRunFolder writeReportsAndSeal(const std::filesystem::path& runDir, const std::string& signingKey,
                                      const PdfReportRequest& pdf) {
    FinishedRunFolder finished;
    reports::writeJunitXml(runDir, runDir / "junit.xml");
    finished.refusedPaths = reports::writeHtmlReport(runDir, runDir / "report.html").refusedPaths;
    copyRunInfoIntoRunFolder(pdf, runDir);
    if (!pdf.languages.empty()) finished.pdfs = writePdfReports(runDir, pdf, true);
    bench::sealRunFolder(runDir, bench::runningSoftware(),
                         signingKey.empty() ? std::nullopt : std::optional<std::filesystem::path>(signingKey));
    return finished;
}

} // namespace v2gbench::app
