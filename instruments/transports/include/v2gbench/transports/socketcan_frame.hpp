#pragma once
// Conversion between our CanFrame and the kernel's struct can_frame (linux/can.h), as pure
// functions so they are unit-tested on machines whose kernel has no CAN support.
#include "v2gbench/transports/can_frame.hpp"

#include <linux/can.h>

namespace v2gbench::transports {

// Flags go into can_id (CAN_EFF_FLAG, CAN_RTR_FLAG, CAN_ERR_FLAG), as SocketCAN expects.
// Throws std::invalid_argument for a frame that cannot travel (see validate()).
can_frame toLinuxCanFrame(const CanFrame& frame);
// Throws std::invalid_argument for a length above 8 (a CAN FD frame read as classic).
CanFrame fromLinuxCanFrame(const can_frame& frame);

} // namespace v2gbench::transports
