#pragma once
// What a front-end adds to a run folder after the engine (CLI `run`, the GUI): junit.xml and
// report.html, then the seal (bench/run_seal.hpp) — last, so it covers every file the run wrote.
#include "v2gbench/app/pdf_report_command.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace v2gbench::app {

struct FinishedRunFolder {
    std::vector<std::string> refusedPaths; // summary.json paths the report did not read (html_writer)
    std::vector<WrittenPdf> pdfs;           // the PDF reports `pdf` asked for, inside the folder
};

// `signingKey` empty: sealed unsigned. `pdf`: the PDF reports (and the run-information file) to
// add before the seal. Throws std::runtime_error (reports) or bench::SealError naming the file that
// could not be written or read.
FinishedRunFolder writeReportsAndSeal(const std::filesystem::path& runDir, const std::string& signingKey,
                                      const PdfReportRequest& pdf = {});

} // namespace v2gbench::app
