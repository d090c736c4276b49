#include "v2gbench/app/run_folder_finish.hpp"

#include "v2gbench/bench/run_seal.hpp"
#include "v2gbench/core/utc_time.hpp"
#include "v2gbench/reports/reports.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>

namespace v2gbench::app {

namespace {

// Appends one event to the run's journal after the engine closed it, continuing its seq and its
// last bench time (the engine's format, bench/run_recorder.hpp). Before the seal, so it is covered.
void appendJournalEvent(const std::filesystem::path& runDir, const std::string& event, nlohmann::json fields) {
    const auto path = runDir / "journal.jsonl";
    long seq = 0;
    double benchTime = 0.0;
    {
        std::ifstream in(path);
        std::string line, last;
        while (std::getline(in, line))
            if (!line.empty()) last = line;
        const auto previous = nlohmann::json::parse(last, nullptr, false);
        if (previous.is_object()) {
            seq = previous.value("seq", 0L);
            benchTime = previous.value("t_bench_s", 0.0);
        }
    }
    fields["seq"] = seq + 1;
    fields["t_utc"] = core::utcNow(core::UtcFormat::Milliseconds);
    fields["t_bench_s"] = benchTime;
    fields["event"] = event;
    std::ofstream out(path, std::ios::app | std::ios::binary);
    out << fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    if (!out) throw std::runtime_error(path.string() + ": cannot append to the run journal");
}

} // namespace

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
            appendJournalEvent(runDir, "pdf_report_failed", {{"reason", finished.pdfFailure}});
        }
    }
    bench::sealRunFolder(runDir, bench::runningSoftware(),
                         signingKey.empty() ? std::nullopt : std::optional<std::filesystem::path>(signingKey));
    return finished;
}

} // namespace v2gbench::app
