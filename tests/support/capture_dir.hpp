#pragma once
// The real captures live in ../shared/data/gbt27930 beside the checkout (CI clones the repo into
// a folder with shared/ beside it, hence the second candidate). Empty when neither exists.
#include <filesystem>
#include <string>

inline std::string captureDir() {
    for (const char* candidate : {V2G_SOURCE_DIR "/../shared/data/gbt27930", V2G_SOURCE_DIR "/../../shared/data/gbt27930"})
        if (std::filesystem::is_directory(candidate)) return candidate;
    return {};
}
