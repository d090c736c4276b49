#pragma once
// CanChannel on a kernel SocketCAN interface: a CAN_RAW socket for frames, libsocketcan
// (netlink) for bit rate and controller state. URI "socketcan://can0?bitrate=250000".
// Needs a kernel with CAN support; without it open() throws a clear TransportError that points
// at socketcand (this project's build machines have no AF_CAN, no vcan).
// Linking: needs libsocketcan (pkg-config libsocketcan) at the final link.
#include "v2gbench/transports/can_channel.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace v2gbench::transports {

struct SocketCanInterface {
    std::string interface = "can0";
    // When set, open() stops the interface, sets the bit rate and starts it again (needs
    // CAP_NET_ADMIN). vcan has no bit timing: leave it unset there.
    std::optional<std::uint32_t> bitrate;
};

class SocketCanChannel : public CanChannel {
public:
    explicit SocketCanChannel(SocketCanInterface config);
    ~SocketCanChannel() override;

    void open() override;
    void close() noexcept override;
    bool isOpen() const override { return m_fd >= 0; }
    void send(const CanFrame& frame) override;
    std::optional<CanFrame> receive(units::Seconds timeout) override;
    std::string busName() const override { return m_config.interface; }
    std::string name() const override;
    // 1 µs: SO_TIMESTAMPING (hardware stamp when the adapter gives one, else the kernel's) or
    // SO_TIMESTAMP, in the microseconds a CanFrame holds.
    units::Seconds timestampResolution() const override { return units::Seconds(1e-6); }
    std::string timestampSource() const override { return "SocketCAN kernel or adapter timestamp (SO_TIMESTAMPING / SO_TIMESTAMP)"; }

    // Controller state from libsocketcan: "error-active", "error-warning", "error-passive",
    // "bus-off", "stopped", "sleeping". Throws TransportError when the interface cannot be asked.
    std::string state() const;

private:
    SocketCanInterface m_config;
    int m_fd = -1;
    std::mutex m_sendMutex;
    std::mutex m_receiveMutex;
};

} // namespace v2gbench::transports
