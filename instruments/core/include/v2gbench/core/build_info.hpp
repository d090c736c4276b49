#pragma once
// What build this is, for --version and the run folder's manifest: the project version (CMake's
// project(VERSION), the one place it is written) and the git commit the build was made from.
#include <string>
#include <string_view>

namespace v2gbench::core {

// "0.1.0".
std::string_view toolVersion();

// The commit's 12-hex-digit abbreviation, with "-dirty" appended when tracked files differed from
// it at build time; "unknown" when the sources were not a git checkout (a tarball) or git was
// missing. Refreshed at every build (cmake/git_commit.cmake), not only at configure time.
std::string_view toolCommit();

// CMake's build type the binary was configured with ("RelWithDebInfo", "Debug", …); "unspecified"
// when none was set.
std::string_view toolBuildType();

// "<program> 0.1.0 (commit 4b64595c1a2b)": what every executable prints for --version.
std::string versionLine(std::string_view program);

} // namespace v2gbench::core
