#pragma once
// Follows a growing text file (journal.jsonl, can.log) written by another thread or process:
// each poll returns the complete lines appended since the last one. A partial last line waits
// for its newline. No Qt: plain file reads, cheap enough for a GUI timer.
#include <cstdint>
#include <string>
#include <vector>

namespace v2gbench::gui {

class FileTail {
public:
    FileTail() = default;
    explicit FileTail(std::string path) : m_path(std::move(path)) {}

    void reset(std::string path);
    // New complete lines (without '\n'); empty when the file is missing or unchanged.
    std::vector<std::string> poll();
    const std::string& path() const { return m_path; }
    std::uint64_t offset() const { return m_offset; }

private:
    std::string m_path;
    std::uint64_t m_offset = 0;
    std::string m_partial;
};

} // namespace v2gbench::gui
