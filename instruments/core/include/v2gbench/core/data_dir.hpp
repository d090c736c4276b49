#pragma once
// Where the shipped data lives (testplans/ with its duts/, evs/, requirements/; benches/) — the
// one lookup every executable uses (v2gbench, v2gbench-sim, v2gbench-gui), so an installed tree
// can be moved anywhere and still finds its own data.
//
// Contract, first match wins:
//   1. $V2G_DATA_DIR, when set and non-empty: must be a directory (else DataDirError naming it).
//   2. <directory of the running executable>/<bin-to-data path> (../share/v2gbench for the usual
//      GNUInstallDirs layout), when it holds testplans/: an installed tree, relocatable.
//   3. The source tree the binary was built from — only while the executable lies inside its build
//      tree, which names its source tree in a marker file (v2gbench-source-dir.txt at the build
//      tree's top). No path is compiled into a binary, so an installed one cannot lean on one.
// None applies: DataDirError listing every place looked at and how to point at the data.
#include <filesystem>
#include <stdexcept>

namespace v2gbench::core {

class DataDirError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::filesystem::path dataDir();

// The running executable (/proc/self/exe, symlinks resolved); empty when it cannot be read.
std::filesystem::path runningExecutable();

} // namespace v2gbench::core
