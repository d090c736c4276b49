#pragma once
// Lines from a byte source in a fixed buffer: a line is a view into the buffer, valid until the
// next call. A line longer than kMaxLineBytes is never held whole: its first kMaxLineBytes come
// back with `fullLength` telling its real length, the rest is skipped.
#include "v2gbench/traces/byte_source.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::traces::detail {

class LineReader {
public:
    LineReader(ByteSource& source, std::size_t maxLineBytes);
    // False at the end. `line` is without '\n' and a trailing '\r'.
    bool next(std::string_view& line, std::size_t& fullLength);
    std::size_t lineNumber() const { return m_lineNumber; }

private:
    bool fill();

    ByteSource& m_source;
    std::size_t m_maxLine;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0, m_end = 0;
    bool m_eof = false;
    std::string m_long;
    std::size_t m_lineNumber = 0;
};

} // namespace v2gbench::traces::detail
