#pragma once
// File I/O for the writers; internal to the library.

#include "v2gbench/core/text_file.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace v2gbench::reports {

// Caps for what a report reads from a run folder (docs/run-folder.md, "Limits"). The bench writes
// these files itself; the caps are for a damaged or hostile folder, not for real runs.
// summary.json of the whole plan library is about 1 MiB; 64 MiB is far beyond any real run.
inline constexpr std::size_t kSummaryMaxBytes = 64 * core::kMiB;
// manifest.json lists the input files with hashes: a few KiB.
inline constexpr std::size_t kManifestMaxBytes = 16 * core::kMiB;
// One check's signals/NNNN.csv: ~20 bytes a row, so about 3 million samples — more than an SVG
// plot can show, and an hour at 1 kHz would still fit.
inline constexpr std::size_t kTraceCsvMaxBytes = 64 * core::kMiB;

// Whole file as bytes: only a regular file, at most `maxBytes` (core::readRegularFile). Throws a
// std::runtime_error naming the path ("<path>: not a regular file (a FIFO)", "<path>: cannot
// open (…)", "<path>: 70.0 MiB, larger than the 64 MiB limit for summary.json").
std::string readTextFile(const std::filesystem::path& path, std::size_t maxBytes, std::string_view what,
                         const core::StopCheck& stop = {});

// Writes next to `path` and renames over it, so an interrupted report never leaves a truncated
// junit.xml that CI would read as "zero tests". Creates the parent folder if needed.
void writeTextFileAtomically(const std::filesystem::path& path, std::string_view content);

} // namespace v2gbench::reports
