#pragma once
// File I/O for the writers; internal to the library.

#include <filesystem>
#include <string>
#include <string_view>

namespace v2gbench::reports {

// Whole file as bytes. Throws std::runtime_error "<path>: cannot open (<reason>)".
std::string readTextFile(const std::filesystem::path& path);

// Writes next to `path` and renames over it, so an interrupted report never leaves a truncated
// junit.xml that CI would read as "zero tests". Creates the parent folder if needed.
void writeTextFileAtomically(const std::filesystem::path& path, std::string_view content);

} // namespace v2gbench::reports
