#pragma once
// Hands a run's live stream (bench/run_stream.hpp) from the run's thread to the GUI thread without
// one queued event per sample: the run's thread appends under a lock (never waits on the GUI), the
// GUI takes everything at once per frame. Frames are bounded: when the GUI lags, the oldest are
// dropped and counted. Progress events (few: one per step) are all kept — a check's start must
// reach the plot.
#include "v2gbench/bench/run_stream.hpp"

#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace v2gbench::gui {

struct LiveBatch {
    std::vector<bench::SignalFrame> frames;   // oldest first
    std::vector<bench::RunProgress> progress; // in order
    std::size_t droppedFrames = 0;            // dropped since reset() (the GUI lagged)
    bool empty() const { return frames.empty() && progress.empty(); }
};

class LiveFeed {
public:
    explicit LiveFeed(std::size_t maxFrames = 4096) : m_maxFrames(maxFrames) {}

    // Any thread; never blocks on the GUI (a short lock only).
    void pushFrame(const bench::SignalFrame& frame);
    void pushProgress(const bench::RunProgress& progress);
    // Everything queued since the last take().
    LiveBatch take();
    void reset();
    std::size_t maxFrames() const { return m_maxFrames; }

private:
    const std::size_t m_maxFrames;
    std::mutex m_mutex;
    std::deque<bench::SignalFrame> m_frames;
    std::vector<bench::RunProgress> m_progress;
    std::size_t m_dropped = 0;
};

} // namespace v2gbench::gui
