#pragma once
// The decoded messages a `can` recorder holds for CanRecorder::readMessages(): indexed from 0 since
// recording started, bounded (the oldest unread ones are dropped beyond maxUnread), and trimmed as
// they are read. Not thread-safe: the recorder guards it with its own lock.
#include "v2gbench/core/roles/can_recorder.hpp"

#include <cstdint>
#include <deque>
#include <vector>

namespace v2gbench::core {

class BusMessageLog {
public:
    explicit BusMessageLog(std::size_t maxUnread = 20000) : m_maxUnread(maxUnread) {}

    void clear() {
        m_messages.clear();
        m_firstIndex = 0;
    }

    void push(BusMessage message) {
        m_messages.push_back(std::move(message));
        while (m_messages.size() > m_maxUnread) {
            m_messages.pop_front();
            ++m_firstIndex;
        }
    }

    // CanRecorder::readMessages() semantics: appends the messages from index `from` on (those
    // already dropped are skipped) and returns the index after the last one. What lies before
    // `from` has been read and is released.
    std::uint64_t read(std::uint64_t from, std::vector<BusMessage>& out) {
        if (from < m_firstIndex) from = m_firstIndex;
        const std::uint64_t end = m_firstIndex + m_messages.size();
        for (std::uint64_t i = from; i < end; ++i) out.push_back(m_messages[i - m_firstIndex]);
        while (m_firstIndex < end && m_firstIndex < from) {
            m_messages.pop_front();
            ++m_firstIndex;
        }
        return end;
    }

private:
    std::size_t m_maxUnread;
    std::deque<BusMessage> m_messages;
    std::uint64_t m_firstIndex = 0;
};

} // namespace v2gbench::core
