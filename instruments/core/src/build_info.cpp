#include "v2gbench/core/build_info.hpp"

// Written by cmake/git_commit.cmake at build time: defines V2G_GIT_COMMIT.
#include "v2gbench_git_commit.h"

#ifndef V2G_VERSION
#error "V2G_VERSION (CMake's PROJECT_VERSION) is not defined"
#endif

namespace v2gbench::core {

std::string_view toolVersion() { return V2G_VERSION; }

std::string_view toolCommit() { return V2G_GIT_COMMIT; }

std::string_view toolBuildType() {
#ifdef V2G_BUILD_TYPE
    constexpr std::string_view type = V2G_BUILD_TYPE;
    return type.empty() ? std::string_view("unspecified") : type;
#else
#error "V2G_BUILD_TYPE (CMake's build type) is not defined"
#endif
}

std::string versionLine(std::string_view program) {
    return std::string(program) + " " + std::string(toolVersion()) + " (commit " + std::string(toolCommit()) + ")";
}

} // namespace v2gbench::core
