#pragma once
// A connection string that picks the transport: "sim://lab", "tcp://127.0.0.1:5025",
// "TCPIP0::192.0.2.7::5025::SOCKET" (VISA raw socket), "modbus-tcp://host:502?unit=1",
// "socketcand://host:29536/can0", "ip:host:30431" (libiio). Parsing is syntax only; a driver
// says which schemes it accepts.
#include <map>
#include <optional>
#include <string>

namespace v2gbench::core {

struct ConnectionUri {
    std::string scheme;                        // "tcp", "sim", "modbus-tcp", "socketcand", "iio", ...
    std::string host;                          // may be empty (sim://lab has host "lab")
    std::optional<int> port;
    std::string path;                          // without the leading '/'
    std::map<std::string, std::string> query;  // ?key=value&...
    std::string text;                          // as written

    // Throws std::invalid_argument with a message naming the problem.
    static ConnectionUri parse(const std::string& text);
};

} // namespace v2gbench::core
