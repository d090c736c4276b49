#pragma once
// One classic CAN frame (CAN 2.0A/B, up to 8 data bytes) as every CAN transport, the candump log
// and the CAN hub see it. CAN FD is not modelled: socketcand's raw mode cannot carry it.
#include <array>
#include <chrono>
#include <cstdint>
#include <string>

namespace v2gbench::transports {

struct CanFrame {
    std::uint32_t id = 0;  // 11-bit (standard) or 29-bit (extended) identifier, without flags
    bool extended = false; // 29-bit identifier
    bool remote = false;   // RTR: no data travels, dlc is the requested length
    bool error = false;    // an error frame (SocketCAN CAN_ERR_FLAG); id holds the error class
    std::uint8_t dlc = 0;  // 0..8
    std::array<std::uint8_t, 8> data{};
    // Microseconds since the Unix epoch when the frame was seen on the bus (by the receiver, the
    // hub, or the log); zero when unknown.
    std::chrono::microseconds timestamp{0};

    // Builds a data frame; extended is chosen by the caller, never guessed. Throws
    // std::invalid_argument for more than 8 bytes or an id that does not fit.
    static CanFrame make(std::uint32_t id, bool extended, std::initializer_list<std::uint8_t> bytes);

    // Same identifier, flags and payload (the timestamp is not compared: it is when, not what).
    bool sameContent(const CanFrame& other) const;
};

// Throws std::invalid_argument naming the problem when the frame cannot travel on a classic
// CAN bus (id above 0x7FF without the extended flag, above 0x1FFFFFFF, dlc above 8).
void validate(const CanFrame& frame);

// The frame in can-utils syntax without timestamp: "1CEC56F4#1011", "123#R", "7FF#".
std::string toCanUtilsString(const CanFrame& frame);

} // namespace v2gbench::transports
