#pragma once
// What a front-end adds to a run folder after the engine (CLI `run`, the GUI): junit.xml and
// report.html, then the seal (bench/run_seal.hpp) — last, so it covers every file the run wrote.
#include <filesystem>
#include <string>
#include <vector>

namespace v2gbench::app {

struct FinishedRunFolder {
    std::vector<std::string> refusedPaths; // summary.json paths the report did not read (html_writer)
};

// `signingKey` empty: sealed unsigned. Throws std::runtime_error (reports) or bench::SealError
// naming the file that could not be written or read.
FinishedRunFolder writeReportsAndSeal(const std::filesystem::path& runDir, const std::string& signingKey);

} // namespace v2gbench::app
