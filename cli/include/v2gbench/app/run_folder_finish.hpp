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
    // Why the PDF report could not be written (a missing CJK font, a run-information file that does
    // not read, a file not written); empty when it was, or none was asked for. Also in the run's
    // journal (event pdf_report_failed) and covered by the seal; the run's verdict is unaffected.
    std::string pdfFailure;
};

// `signingKey` empty: sealed unsigned. `pdf`: the PDF reports (and the run-information file) to
// add before the seal; the run folder's own run-info.yaml is used when `pdf` names none. Throws
// std::runtime_error (junit, html) or bench::SealError naming the file that could not be written
// or read; a PDF that fails does not throw (pdfFailure) and the folder is sealed all the same.
FinishedRunFolder writeReportsAndSeal(const std::filesystem::path& runDir, const std::string& signingKey,
                                      const PdfReportRequest& pdf = {});

} // namespace v2gbench::app
