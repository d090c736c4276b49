#include "line_reader.hpp"

#include <cstring>

namespace v2gbench::traces::detail {

namespace {
constexpr std::size_t kBufferBytes = 256 * 1024;
}

LineReader::LineReader(ByteSource& source, std::size_t maxLineBytes)
    : m_source(source), m_maxLine(maxLineBytes), m_buffer(kBufferBytes + maxLineBytes) {}

bool LineReader::fill() {
    if (m_eof) return false;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    const std::size_t n = m_source.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (n == 0) m_eof = true;
    m_end += n;
    return n > 0;
}

bool LineReader::next(std::string_view& line, std::size_t& fullLength) {
    for (;;) {
        const char* begin = m_buffer.data() + m_pos;
        const auto* nl = static_cast<const char*>(std::memchr(begin, '\n', m_end - m_pos));
        std::size_t length = nl ? static_cast<std::size_t>(nl - begin) : m_end - m_pos;
        if (length > m_maxLine) {
            // Too long to be a trace line: keep its start for the message, skip to its end.
            m_long.assign(begin, m_maxLine);
            fullLength = 0;
            for (;;) {
                const char* from = m_buffer.data() + m_pos;
                const auto* end = static_cast<const char*>(std::memchr(from, '\n', m_end - m_pos));
                if (end) {
                    fullLength += static_cast<std::size_t>(end - from);
                    m_pos += static_cast<std::size_t>(end - from) + 1;
                    break;
                }
                fullLength += m_end - m_pos;
                m_pos = m_end;
                if (!fill()) break;
            }
            line = m_long;
            ++m_lineNumber;
            return true;
        }
        if (nl || (m_eof && length > 0)) {
            m_pos += length + (nl ? 1 : 0);
            if (length > 0 && begin[length - 1] == '\r') --length;
            line = std::string_view(begin, length);
            fullLength = length;
            ++m_lineNumber;
            return true;
        }
        if (m_eof) return false;
        fill();
    }
}

} // namespace v2gbench::traces::detail
