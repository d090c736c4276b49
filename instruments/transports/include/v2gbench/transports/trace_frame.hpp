#pragma once
// A CAN frame as read from a recorded trace: the frame and where it was in the file, so every
// finding about it can name its place. The trace readers (v2g_traces) produce these and the
// protocol decoders consume them; neither needs the other.
#include "v2gbench/transports/can_frame.hpp"

#include <cstddef>

namespace v2gbench::transports {

struct TraceFrame {
    CanFrame frame;
    std::size_t line = 0; // 1-based line of a text trace; 1-based object number of a binary (BLF) one
};

} // namespace v2gbench::transports
