#include "v2gbench/transports/socketcan_frame.hpp"

#include <cstring>
#include <ctime>
#include <stdexcept>
#include <sys/time.h>

namespace v2gbench::transports {

can_frame toLinuxCanFrame(const CanFrame& frame) {
    if (!frame.error) validate(frame);
    can_frame out;
    std::memset(&out, 0, sizeof out);
    out.can_id = frame.extended ? (frame.id & CAN_EFF_MASK) | CAN_EFF_FLAG : frame.id & CAN_SFF_MASK;
    if (frame.error) out.can_id = (frame.id & CAN_ERR_MASK) | CAN_ERR_FLAG;
    if (frame.remote) out.can_id |= CAN_RTR_FLAG;
    out.len = frame.dlc;
    if (!frame.remote) std::memcpy(out.data, frame.data.data(), frame.dlc);
    return out;
}

CanFrame fromLinuxCanFrame(const can_frame& in) {
    if (in.len > CAN_MAX_DLEN)
        throw std::invalid_argument("struct can_frame with length " + std::to_string(in.len) + " (above 8)");
    CanFrame f;
    f.error = (in.can_id & CAN_ERR_FLAG) != 0;
    f.remote = (in.can_id & CAN_RTR_FLAG) != 0;
    f.extended = (in.can_id & CAN_EFF_FLAG) != 0;
    if (f.error)
        f.id = in.can_id & CAN_ERR_MASK;
    else
        f.id = f.extended ? in.can_id & CAN_EFF_MASK : in.can_id & CAN_SFF_MASK;
    f.dlc = in.len;
    if (!f.remote) std::memcpy(f.data.data(), in.data, in.len);
    return f;
}

std::optional<std::chrono::microseconds> socketCanTimestamp(const msghdr& message) {
    std::optional<std::chrono::microseconds> kernel;
    for (const cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(const_cast<msghdr*>(&message), const_cast<cmsghdr*>(c))) {
        if (c->cmsg_level != SOL_SOCKET) continue;
        if (c->cmsg_type == SO_TIMESTAMPING && c->cmsg_len >= CMSG_LEN(sizeof(timespec) * 3)) {
            timespec ts[3];
            std::memcpy(ts, CMSG_DATA(c), sizeof ts);
            const timespec& chosen = (ts[2].tv_sec != 0 || ts[2].tv_nsec != 0) ? ts[2] : ts[0];
            if (chosen.tv_sec == 0 && chosen.tv_nsec == 0) continue;
            return std::chrono::microseconds(static_cast<long long>(chosen.tv_sec) * 1000000 + chosen.tv_nsec / 1000);
        }
        if (c->cmsg_type == SO_TIMESTAMP && c->cmsg_len >= CMSG_LEN(sizeof(timeval))) {
            timeval tv;
            std::memcpy(&tv, CMSG_DATA(c), sizeof tv);
            kernel = std::chrono::microseconds(static_cast<long long>(tv.tv_sec) * 1000000 + tv.tv_usec);
        }
    }
    return kernel;
}

} // namespace v2gbench::transports
