#pragma once
// Paths named inside summary.json (a check's "trace") are data, not trusted: a hostile or
// damaged summary.json must not make `report` read /etc/passwd or ../../secret into report.html.
#include <filesystem>
#include <optional>
#include <string>

namespace v2gbench::reports {

// `relative` resolved (after symlinks, as far as it exists) below `runDir`, or nullopt with the
// reason in `why` ("an absolute path", "outside the run folder").
std::optional<std::filesystem::path> resolveInsideRunFolder(const std::filesystem::path& runDir,
                                                            const std::string& relative, std::string& why);

} // namespace v2gbench::reports
