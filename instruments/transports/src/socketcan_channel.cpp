#include "v2gbench/transports/socketcan_channel.hpp"

#include "v2gbench/transports/socketcan_frame.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <libsocketcan.h>
#include <linux/can/netlink.h>
#include <linux/can/raw.h>
#include <linux/net_tstamp.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace v2gbench::transports {

SocketCanChannel::SocketCanChannel(SocketCanInterface config) : m_config(std::move(config)) {}

SocketCanChannel::~SocketCanChannel() {
    close();
}

std::string SocketCanChannel::name() const {
    return "socketcan://" + m_config.interface;
}

void SocketCanChannel::open() {
    std::scoped_lock lock(m_sendMutex, m_receiveMutex);
    if (m_fd >= 0) return;
    // The socket first: on a kernel without CAN every netlink call below would fail with a
    // misleading "no such device", while this names the real cause.
    int fd = ::socket(PF_CAN, SOCK_RAW | SOCK_CLOEXEC, CAN_RAW);
    if (fd < 0) {
        const int err = errno;
        if (err == EAFNOSUPPORT || err == EPROTONOSUPPORT)
            throw TransportError(
                TransportError::Kind::Io,
                name() + ": this kernel has no CAN support (socket(PF_CAN) failed: " + std::strerror(err) +
                    "); use socketcand://HOST:29536/" + m_config.interface +
                    " (the socketcand daemon on a machine with the bus, or the simulated lab's CAN hub)");
        throw TransportError(TransportError::Kind::Io, name() + ": socket(PF_CAN) failed: " + std::strerror(err));
    }
    auto failWith = [&](const std::string& what) {
        const int err = errno;
        ::close(fd);
        throw TransportError(TransportError::Kind::Io, name() + ": " + what + ": " + std::strerror(err));
    };
    if (m_config.interface.size() >= IFNAMSIZ) {
        ::close(fd);
        throw TransportError(TransportError::Kind::Io,
                             name() + ": interface name longer than " + std::to_string(IFNAMSIZ - 1));
    }
    if (m_config.bitrate) {
        const char* ifname = m_config.interface.c_str();
        if (can_do_stop(ifname) != 0) failWith("can_do_stop (needs CAP_NET_ADMIN)");
        if (can_set_bitrate(ifname, *m_config.bitrate) != 0)
            failWith("can_set_bitrate " + std::to_string(*m_config.bitrate));
        if (can_do_start(ifname) != 0) failWith("can_do_start");
    }
    ifreq ifr;
    std::memset(&ifr, 0, sizeof ifr);
    std::strncpy(ifr.ifr_name, m_config.interface.c_str(), IFNAMSIZ - 1);
    if (::ioctl(fd, SIOCGIFINDEX, &ifr) != 0) failWith("no CAN interface named '" + m_config.interface + "'");
    sockaddr_can addr;
    std::memset(&addr, 0, sizeof addr);
    addr.can_family = AF_CAN;
    addr.can_ifindex = ifr.ifr_ifindex;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) failWith("bind");
    // Frame times from the kernel (or the adapter's hardware), not from when this process reads them.
    const int stamping = SOF_TIMESTAMPING_RX_HARDWARE | SOF_TIMESTAMPING_RAW_HARDWARE | SOF_TIMESTAMPING_RX_SOFTWARE |
                         SOF_TIMESTAMPING_SOFTWARE;
    if (::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &stamping, sizeof stamping) != 0) {
        const int on = 1;
        if (::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on) != 0) failWith("setsockopt SO_TIMESTAMP");
    }
    m_fd = fd;
}

void SocketCanChannel::close() noexcept {
    std::scoped_lock lock(m_sendMutex, m_receiveMutex);
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

void SocketCanChannel::send(const CanFrame& frame) {
    can_frame raw;
    try {
        raw = toLinuxCanFrame(frame);
    } catch (const std::invalid_argument& e) {
        throw TransportError(TransportError::Kind::Protocol, name() + ": cannot send: " + e.what());
    }
    std::lock_guard lock(m_sendMutex);
    if (m_fd < 0) throw TransportError(TransportError::Kind::Closed, name() + ": send before open()");
    ssize_t n;
    do {
        n = ::write(m_fd, &raw, sizeof raw);
    } while (n < 0 && errno == EINTR);
    if (n != static_cast<ssize_t>(sizeof raw))
        throw TransportError(TransportError::Kind::Io,
                             name() + ": sending " + toCanUtilsString(frame) + " failed: " + std::strerror(errno));
}

std::optional<CanFrame> SocketCanChannel::receive(units::Seconds timeout) {
    std::lock_guard lock(m_receiveMutex);
    if (m_fd < 0) throw TransportError(TransportError::Kind::Closed, name() + ": receive before open()");
    pollfd p{m_fd, POLLIN, 0};
    int rc;
    do {
        rc = ::poll(&p, 1, static_cast<int>(timeout.value * 1000));
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) throw TransportError(TransportError::Kind::Io, name() + ": poll failed: " + std::strerror(errno));
    if (rc == 0) return std::nullopt;
    can_frame raw;
    iovec data{&raw, sizeof raw};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec) * 3) + CMSG_SPACE(sizeof(timeval))];
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t n = ::recvmsg(m_fd, &message, 0);
    if (n != static_cast<ssize_t>(sizeof raw))
        throw TransportError(TransportError::Kind::Io, name() + ": read failed: " + std::strerror(errno));
    try {
        CanFrame f = fromLinuxCanFrame(raw);
        const auto stamped = socketCanTimestamp(message);
        if (!stamped)
            throw TransportError(TransportError::Kind::Protocol,
                                 name() + ": the kernel gave no timestamp for " + toCanUtilsString(f) +
                                     " (SO_TIMESTAMPING / SO_TIMESTAMP): its bus time is unknown");
        f.timestamp = *stamped;
        return f;
    } catch (const std::invalid_argument& e) {
        throw TransportError(TransportError::Kind::Protocol, name() + ": " + e.what());
    }
}

std::string SocketCanChannel::state() const {
    int state = 0;
    if (can_get_state(m_config.interface.c_str(), &state) != 0)
        throw TransportError(TransportError::Kind::Io, name() + ": can_get_state failed: " + std::strerror(errno));
    switch (state) {
    case CAN_STATE_ERROR_ACTIVE:
        return "error-active";
    case CAN_STATE_ERROR_WARNING:
        return "error-warning";
    case CAN_STATE_ERROR_PASSIVE:
        return "error-passive";
    case CAN_STATE_BUS_OFF:
        return "bus-off";
    case CAN_STATE_STOPPED:
        return "stopped";
    case CAN_STATE_SLEEPING:
        return "sleeping";
    default:
        return "unknown (" + std::to_string(state) + ")";
    }
}

} // namespace v2gbench::transports
