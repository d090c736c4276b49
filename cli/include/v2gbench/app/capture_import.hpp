#pragma once
// A CAN capture of any supported format (v2g_traces recognises it) imported for `v2gbench judge`,
// in bounded memory: a first pass streams it through the GB/T 27930 bus decoder the `can` role
// uses live, on a time base starting at the first frame, and keeps the session phases the frames
// show (the trace decoder's phase tracker) and a small mark per message that may be a stimulus;
// the judge's windows stream the file again and hold only the messages of one window, of the
// kinds `keep` names.
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/offline_judgement.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <string>

namespace v2gbench::app {

struct ImportedCapture {
    bench::CaptureView view;
    traces::TraceInfo info;
    std::uint64_t frames = 0;
    std::uint64_t messages = 0; // GB/T 27930 messages decoded
    std::uint64_t problems = 0; // lines the reader could not read (each passed to `onProblem`)
};

// Throws traces::UnreadableTrace (no supported format recognised), core::FileReadError,
// core::ReadStopped. A recognised file without one readable frame returns frames == 0.
ImportedCapture importCapture(const std::string& path, const std::set<std::string>& keep,
                              const std::function<void(const traces::TraceProblem&)>& onProblem,
                              const bench::AbortFlag& abort);

} // namespace v2gbench::app
