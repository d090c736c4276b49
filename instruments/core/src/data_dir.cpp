#include "v2gbench/core/data_dir.hpp"

#include "v2gbench/core/text_file.hpp"

#include <cstdlib>
#include <string>
#include <system_error>

// Set by instruments/core/CMakeLists.txt for this file only.
#ifndef V2G_INSTALL_DATA_FROM_BIN
#error "V2G_INSTALL_DATA_FROM_BIN (the installed data folder relative to the installed bin folder) is not defined"
#endif

namespace v2gbench::core {

namespace fs = std::filesystem;

namespace {

// Written by instruments/core/CMakeLists.txt at the top of the build tree: the source tree's path.
constexpr const char* kBuildTreeMarker = "v2gbench-source-dir.txt";

bool holdsData(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "testplans", ec);
}

} // namespace

fs::path runningExecutable() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    return exe;
}

fs::path dataDir() {
    if (const char* env = std::getenv("V2G_DATA_DIR"); env && *env) {
        std::error_code ec;
        if (!fs::is_directory(env, ec))
            throw DataDirError(std::string("V2G_DATA_DIR='") + env + "' is not a directory");
        return env;
    }
    std::string looked;
    const auto exe = runningExecutable();
    if (!exe.empty()) {
        const auto installed = (exe.parent_path() / V2G_INSTALL_DATA_FROM_BIN).lexically_normal();
        if (holdsData(installed)) return installed;
        looked = installed.string() + " (beside " + exe.string() + ")";
        // A build tree: the executable lies somewhere below the folder holding the marker.
        for (auto dir = exe.parent_path(); dir.has_relative_path(); dir = dir.parent_path()) {
            std::error_code ec;
            if (!fs::is_regular_file(dir / kBuildTreeMarker, ec)) continue;
            auto source = readRegularFile((dir / kBuildTreeMarker).string(), 64 * 1024, "the build tree's source marker");
            while (!source.empty() && (source.back() == '\n' || source.back() == '\r')) source.pop_back();
            if (holdsData(source)) return source;
            looked += ", " + source + " (the source tree named by " + (dir / kBuildTreeMarker).string() + ")";
            break;
        }
    } else {
        looked = "/proc/self/exe unreadable, so no folder beside the executable";
    }
    throw DataDirError("cannot find the v2gbench data (testplans/, benches/): looked in " + looked +
                       "; install v2gbench with its data, or set V2G_DATA_DIR to the folder holding testplans/");
}

} // namespace v2gbench::core
