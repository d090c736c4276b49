#include "v2gbench/app/pdf_report_command.hpp"

#include "v2gbench/reports/run_summary.hpp"
#include "v2gbench/reports_pdf/pdf_report.hpp"
#include "v2gbench/reports_pdf/run_info.hpp"

#include <optional>
#include <stdexcept>

namespace v2gbench::app {

namespace fs = std::filesystem;

void checkPdfReportRequest(const PdfReportRequest& request) {
    for (const auto& l : request.languages) reports_pdf::parseLanguage(l);
    if (!request.out.empty() && request.languages.size() > 1)
        throw std::invalid_argument("--out names one PDF file: give one --lang with it");
    if (!request.runInfoFile.empty()) reports_pdf::loadRunInfo(request.runInfoFile);
    if (!request.languages.empty()) reports_pdf::requireReportFont();
}

void copyRunInfoIntoRunFolder(const PdfReportRequest& request, const fs::path& runDir) {
    if (request.runInfoFile.empty()) return;
    fs::copy_file(request.runInfoFile, runDir / kRunInfoFileName, fs::copy_options::overwrite_existing);
}

std::vector<WrittenPdf> writePdfReports(const fs::path& runDir, const PdfReportRequest& request, bool insideRunFolder) {
    const auto summary = reports::loadRunSummary(runDir);
    std::optional<reports_pdf::RunInfo> info;
    if (!request.runInfoFile.empty()) info = reports_pdf::loadRunInfo(request.runInfoFile);
    else if (fs::exists(runDir / kRunInfoFileName)) info = reports_pdf::loadRunInfo(runDir / kRunInfoFileName);
    // A sealed folder (manifest.json) gets no new file: verify would call it tampered.
    const bool beside = !insideRunFolder && fs::exists(runDir / "manifest.json");
    const fs::path folder = fs::weakly_canonical(runDir); // "runs/x/" and "." have a name and a parent
    std::vector<WrittenPdf> written;
    for (const auto& l : request.languages) {
        const auto language = reports_pdf::parseLanguage(l);
        const std::string name = "report-" + l + ".pdf";
        fs::path file = !request.out.empty() ? fs::path(request.out)
                        : beside ? folder.parent_path() / (folder.filename().string() + "." + name)
                                 : runDir / name;
        const auto outcome = reports_pdf::writePdfReport(summary, runDir, info, language, file);
        written.push_back({file, outcome.pages, outcome.unreadTraces});
    }
    return written;
}

} // namespace v2gbench::app
