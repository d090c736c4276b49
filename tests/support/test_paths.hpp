#pragma once
// Paths and helpers shared by the test executables (they are composition roots).
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace v2gbench::test {

inline std::string sourcePath(const std::string& relative) { return std::string(V2G_SOURCE_DIR) + "/" + relative; }
inline std::string binaryPath(const std::string& relative) { return std::string(V2G_BINARY_DIR) + "/" + relative; }

// The whole file as text ("" when it cannot be read: the assertion on the content says so).
inline std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A fresh, empty folder under the build tree, removed when the object dies.
class TempDir {
public:
    explicit TempDir(const std::string& tag) {
        std::random_device rd;
        m_path = std::filesystem::path(V2G_BINARY_DIR) / "test-tmp" / (tag + "-" + std::to_string(rd()));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

} // namespace v2gbench::test
