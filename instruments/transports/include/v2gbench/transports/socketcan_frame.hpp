#pragma once
// Conversion between our CanFrame and the kernel's struct can_frame (linux/can.h), as pure
// functions so they are unit-tested on machines whose kernel has no CAN support.
#include "v2gbench/transports/can_frame.hpp"

#include <chrono>
#include <linux/can.h>
#include <optional>
#include <sys/socket.h>

namespace v2gbench::transports {

// Flags go into can_id (CAN_EFF_FLAG, CAN_RTR_FLAG, CAN_ERR_FLAG), as SocketCAN expects.
// Throws std::invalid_argument for a frame that cannot travel (see validate()).
can_frame toLinuxCanFrame(const CanFrame& frame);
// Throws std::invalid_argument for a length above 8 (a CAN FD frame read as classic).
CanFrame fromLinuxCanFrame(const can_frame& frame);

// The frame's reception time from recvmsg()'s control messages, Unix time (CLOCK_REALTIME),
// truncated to the microseconds CanFrame carries. SCM_TIMESTAMPING: the raw hardware stamp when
// the adapter gave one (ts[2], the adapter's clock: it is bench time only when the adapter's clock
// is synchronised to the host's, e.g. by PTP / phc2sys), else the kernel's software stamp (ts[0]).
// SCM_TIMESTAMP: the kernel's stamp (µs). nullopt when the message carries neither.
std::optional<std::chrono::microseconds> socketCanTimestamp(const msghdr& message);

} // namespace v2gbench::transports
