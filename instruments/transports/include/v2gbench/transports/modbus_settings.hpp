#pragma once
// How to reach one Modbus instrument, parsed from its connection URI:
//   modbus-tcp://host:port?unit=1&timeout_ms=500&byte_timeout_ms=500
//   modbus-rtu:///dev/ttyUSB0?baud=115200&parity=N&data_bits=8&stop_bits=1&unit=1&timeout_ms=500
#include "v2gbench/core/connection_uri.hpp"
#include "v2gbench/core/units.hpp"

#include <string>

namespace v2gbench::transports {

struct ModbusSettings {
    enum class Mode { Tcp, Rtu };
    Mode mode = Mode::Tcp;
    // TCP
    std::string host;
    int port = 502;
    // RTU
    std::string device; // "/dev/ttyUSB0"
    int baud = 19200;
    char parity = 'N';  // 'N', 'E', 'O'
    int dataBits = 8;
    int stopBits = 1;
    // Both
    int unit = 1;
    units::Seconds responseTimeout{0.5}; // whole reply
    units::Seconds byteTimeout{0.5};     // gap between two bytes of one reply

    // Throws std::invalid_argument naming the URI and the bad part (unknown scheme or key, bad number).
    static ModbusSettings fromUri(const core::ConnectionUri& uri);
    // "modbus-tcp://127.0.0.1:5502 unit 1" — for error messages.
    std::string describe() const;
};

} // namespace v2gbench::transports
