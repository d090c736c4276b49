#pragma once
// The results database on the command line: `results import|sync`, `history`, `compare`, `trend`,
// `flaky`, and the run's own record (`run` writes every run it finishes).
//
// Where results go (first that is set): --results URL, the environment V2G_RESULTS, for `run` the
// bench profile's `results:`, else the SQLite file results.sqlite in the folder that holds the run
// folders (runs/ below the current folder for the query commands; the run folder's parent for `run`).
#include "v2gbench/bench/abort_flag.hpp"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace v2gbench::app {

// `results import|sync ...`, `history ...`, `compare ...`, `trend ...`, `flaky ...` (args[0] is
// the command). Exit 0 done, 2 invalid input or a database error, 3 stopped.
int runResultsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      const bench::AbortFlag& abort);

// Where `run` will record its results, checked before anything is switched on: an --results,
// V2G_RESULTS or bench-profile URL that cannot be read would otherwise only warn after the night.
// Returns "" when the URL is good (or none is set: the default SQLite file), else the message,
// naming where the URL came from (the option, the environment, or the profile's file:line). Only
// the URL is checked: a server that cannot be reached is the queued case, not invalid input.
std::string runResultsUrlProblem(const std::string& resultsOption, const std::string& profileResults,
                                 const std::string& profileAt);

// `run`'s record of a finished run folder. Never throws and never changes the run's exit code: a
// failure is a warning on `err` (the run folder keeps the run; `results import` or `results sync`
// stores it later). With a PostgreSQL URL the run goes to the local SQLite queue first, then to
// the server; a server that cannot be reached leaves it queued for `results sync`.
// `profileResults` is the bench profile's `results:` ("" when absent), `profileAt` where it is
// written (file:line, for a bad URL's warning).
void recordRunResults(const std::filesystem::path& runDir, const std::string& resultsOption,
                      const std::string& profileResults, const std::string& profileAt, std::ostream& out,
                      std::ostream& err);

} // namespace v2gbench::app
