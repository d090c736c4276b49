#pragma once
// Splits a connection's byte stream into lines for the text services (SCPI, control port), in
// time linear in the bytes received: each byte is looked at once, a partial line is kept until
// its terminator comes, and nothing is shifted per line (the previous scanner searched the whole
// buffer again on every read and erased each line from its front: a 100 MB line took 347 s).
// "\n", "\r" and "\r\n" end a line; empty lines are skipped. A line longer than maxLine bytes is
// not kept: the caller hears of it once (onTooLong) and its bytes are discarded up to the next
// terminator, so one client cannot make the service hold more than maxLine bytes for it.
#include <cstddef>
#include <string>
#include <string_view>

namespace v2gbench::simwire {

class LineSplitter {
public:
    explicit LineSplitter(std::size_t maxLine) : m_max(maxLine) {}

    // onLine(std::string_view line) -> bool and onTooLong() -> bool: false stops at once (the
    // connection is going away; the rest of `bytes` is dropped). Returns false when stopped.
    template <class OnLine, class OnTooLong>
    bool feed(std::string_view bytes, OnLine&& onLine, OnTooLong&& onTooLong) {
        std::size_t pos = 0;
        while (pos < bytes.size()) {
            const std::size_t end = bytes.find_first_of("\r\n", pos);
            if (m_discarding) {
                if (end == std::string_view::npos) return true;
                m_discarding = false;
                pos = end + 1;
                continue;
            }
            const std::size_t length = (end == std::string_view::npos ? bytes.size() : end) - pos;
            if (m_partial.size() + length > m_max) {
                m_partial.clear();
                m_partial.shrink_to_fit();
                m_discarding = true;
                if (!onTooLong()) return false;
                continue; // the discarding branch finds the terminator
            }
            if (end == std::string_view::npos) {
                m_partial.append(bytes.substr(pos));
                return true;
            }
            std::string_view line = bytes.substr(pos, length);
            if (!m_partial.empty()) {
                m_partial.append(line);
                line = m_partial;
            }
            pos = end + 1;
            const bool go = line.empty() || onLine(line);
            m_partial.clear();
            if (!go) return false;
        }
        return true;
    }

    std::size_t buffered() const { return m_partial.size(); } // a partial line, at most maxLine
    std::size_t maxLine() const { return m_max; }

private:
    std::size_t m_max;
    std::string m_partial;
    bool m_discarding = false;
};

} // namespace v2gbench::simwire
