#pragma once
// The PDF test report from the CLI (reports_pdf): which languages, which run-information file,
// where the file goes. A sealed run folder is never written into after the seal (verify would
// list the PDF as an extra file): `report --pdf` on a sealed folder writes beside it,
// <folder>.report-<lang>.pdf, and says so; `run --pdf` writes report-<lang>.pdf inside the folder
// before sealing it, so the seal covers it.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

struct PdfReportRequest {
    std::vector<std::string> languages; // "en", "zh"; empty: no PDF
    std::string runInfoFile;            // empty: the run folder's run-info.yaml when present
    std::string out;                    // empty: the default place (above); only with one language
};

// Throws std::invalid_argument for an unknown language, std::runtime_error for a run-information
// file that does not read ("<file>:<line>:<col>: …"). Checked before a run starts.
void checkPdfReportRequest(const PdfReportRequest& request);

// The run-information file goes into the run folder as run-info.yaml (before the seal).
inline constexpr const char* kRunInfoFileName = "run-info.yaml";
void copyRunInfoIntoRunFolder(const PdfReportRequest& request, const std::filesystem::path& runDir);

struct WrittenPdf {
    std::filesystem::path file;
    int pages = 0;
    std::vector<std::string> unreadTraces;
};

// Writes one PDF per language of `request` (languages must not be empty) for the run folder
// `runDir`; `insideRunFolder` true: report-<lang>.pdf inside it (a run before its seal), false:
// the default for `report` (inside an unsealed folder, beside a sealed one).
std::vector<WrittenPdf> writePdfReports(const std::filesystem::path& runDir, const PdfReportRequest& request,
                                        bool insideRunFolder);

} // namespace v2gbench::app
