#include "v2gbench/gui/live_feed.hpp"

namespace v2gbench::gui {

void LiveFeed::pushFrame(const bench::SignalFrame& frame) {
    std::lock_guard lock(m_mutex);
    if (m_frames.size() >= m_maxFrames) {
        m_frames.pop_front();
        ++m_dropped;
    }
    m_frames.push_back(frame);
}

void LiveFeed::pushProgress(const bench::RunProgress& progress) {
    std::lock_guard lock(m_mutex);
    m_progress.push_back(progress);
}

LiveBatch LiveFeed::take() {
    LiveBatch batch;
    std::lock_guard lock(m_mutex);
    batch.frames.assign(std::make_move_iterator(m_frames.begin()), std::make_move_iterator(m_frames.end()));
    m_frames.clear();
    batch.progress.swap(m_progress);
    batch.droppedFrames = m_dropped;
    return batch;
}

void LiveFeed::reset() {
    std::lock_guard lock(m_mutex);
    m_frames.clear();
    m_progress.clear();
    m_dropped = 0;
}

} // namespace v2gbench::gui
