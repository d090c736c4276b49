#include "v2gbench/core/data_dir.hpp"

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

// `inner` is `outer` or below it (both already canonical).
bool isWithin(const fs::path& inner, const fs::path& outer) {
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i)
        if (i == inner.end() || *i != *o) return false;
    return true;
}

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
#if defined(V2G_BUILD_TREE_SOURCE_DIR) && defined(V2G_BUILD_TREE_BINARY_DIR)
        std::error_code ec;
        const auto buildTree = fs::weakly_canonical(V2G_BUILD_TREE_BINARY_DIR, ec);
        if (!ec && isWithin(exe.lexically_normal(), buildTree) && holdsData(V2G_BUILD_TREE_SOURCE_DIR))
            return V2G_BUILD_TREE_SOURCE_DIR;
#endif
    } else {
        looked = "/proc/self/exe unreadable, so no folder beside the executable";
    }
    throw DataDirError("cannot find the v2gbench data (testplans/, benches/): looked in " + looked +
                       "; install v2gbench with its data, or set V2G_DATA_DIR to the folder holding testplans/");
}

} // namespace v2gbench::core
