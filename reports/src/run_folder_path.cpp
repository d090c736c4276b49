#include "run_folder_path.hpp"

#include <algorithm>
#include <system_error>

namespace v2gbench::reports {

namespace fs = std::filesystem;

std::optional<fs::path> resolveInsideRunFolder(const fs::path& runDir, const std::string& relative, std::string& why) {
    const fs::path given(relative);
    if (given.is_absolute() || given.has_root_name() || given.has_root_directory()) {
        why = "an absolute path; a run folder names its files relative to itself";
        return std::nullopt;
    }
    std::error_code ec;
    const fs::path root = fs::canonical(runDir, ec);
    if (ec) {
        why = "the run folder cannot be resolved (" + ec.message() + ")";
        return std::nullopt;
    }
    // weakly_canonical follows every symlink of the part that exists and removes "..", so a link
    // signals/0001.csv -> /etc/passwd resolves to /etc/passwd and is caught below.
    const fs::path resolved = fs::weakly_canonical(root / given, ec);
    if (ec) {
        why = "cannot be resolved (" + ec.message() + ")";
        return std::nullopt;
    }
    const auto [rootEnd, resolvedAt] = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
    if (rootEnd != root.end() || resolvedAt == resolved.end()) {
        why = "outside the run folder";
        return std::nullopt;
    }
    return resolved;
}

} // namespace v2gbench::reports
