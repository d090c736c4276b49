#include "v2gbench/gui/file_tail.hpp"

#include <fstream>

namespace v2gbench::gui {

void FileTail::reset(std::string path) {
    m_path = std::move(path);
    m_offset = 0;
    m_partial.clear();
}

std::vector<std::string> FileTail::poll() {
    std::vector<std::string> lines;
    if (m_path.empty()) return lines;
    std::ifstream in(m_path, std::ios::binary);
    if (!in) return lines;
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    if (size < m_offset) { // truncated or replaced: start again
        m_offset = 0;
        m_partial.clear();
    }
    if (size == m_offset) return lines;
    in.seekg(static_cast<std::streamoff>(m_offset));
    std::string chunk(size - m_offset, '\0');
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<std::size_t>(in.gcount()));
    m_offset += chunk.size();
    std::size_t start = 0;
    for (std::size_t nl = chunk.find('\n'); nl != std::string::npos; nl = chunk.find('\n', start)) {
        m_partial.append(chunk, start, nl - start);
        if (!m_partial.empty() && m_partial.back() == '\r') m_partial.pop_back();
        lines.push_back(std::move(m_partial));
        m_partial.clear();
        start = nl + 1;
    }
    m_partial.append(chunk, start, std::string::npos);
    return lines;
}

} // namespace v2gbench::gui
