#pragma once
// A run folder (docs/run-folder.md) as a RunRecord: what `run` writes to the results database and
// what `results import` reads back, through this one function.
#include "v2gbench/results/run_record.hpp"

#include <filesystem>

namespace v2gbench::results {

// Reads <runDir>/summary.json (reports::loadRunSummary) and <runDir>/manifest.json. The rack is
// the bench profile's name; DUT serial and firmware are those the `dut` role reported; the EV
// profile is the stem of the EV profile file the run used; the software version is
// "<tool_version>+<tool_commit>". Throws std::runtime_error naming the file when summary.json or
// manifest.json is missing or malformed.
RunRecord readRunFolder(const std::filesystem::path& runDir);

} // namespace v2gbench::results
