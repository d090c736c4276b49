#include "v2gbench/app/run_folder_finish.hpp"

#include "v2gbench/bench/run_recorder.hpp"
#include "v2gbench/bench/run_seal.hpp"
#include "v2gbench/reports/reports.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace v2gbench::app {

FinishedRunFolder writeReportsAndSeal(const std::filesystem::path& runDir, const std::string& signingKey,
                                      const PdfReportRequest& pdf) {
    FinishedRunFolder finished;
    reports::writeJunitXml(runDir, runDir / "junit.xml");
    finished.refusedPaths = reports::writeHtmlReport(runDir, runDir / "report.html").refusedPaths;
    copyRunInfoIntoRunFolder(pdf, runDir);
    if (!pdf.languages.empty()) {
        try {
            finished.pdfs = writePdfReports(runDir, pdf, true);
        } catch (const std::exception& e) {
            // The record stays whole without its PDF (report --pdf can draw it later, beside the folder).
            finished.pdfFailure = e.what();
            bench::appendJournalAfterClose(runDir, "pdf_report_failed", {{"reason", finished.pdfFailure}});
        }
    }
    bench::sealRunFolder(runDir, bench::runningSoftware(),
                         signingKey.empty() ? std::nullopt : std::optional<std::filesystem::path>(signingKey));
    return finished;
}

} // namespace v2gbench::app
