#include "v2gbench/transports/can_channel_factory.hpp"

#include "v2gbench/transports/socketcan_channel.hpp"
#include "v2gbench/transports/socketcand_channel.hpp"

#include <charconv>
#include <stdexcept>

namespace v2gbench::transports {

std::unique_ptr<CanChannel> makeCanChannel(const core::ConnectionUri& uri, units::Seconds timeout) {
    if (uri.scheme == "socketcand") {
        if (uri.host.empty())
            throw std::invalid_argument("'" + uri.text +
                                        "': socketcand needs a host (socketcand://127.0.0.1:29536/can0)");
        SocketcandEndpoint e;
        e.host = uri.host;
        e.port = uri.port.value_or(socketcandDefaultPort);
        e.bus = uri.path.empty() ? "can0" : uri.path;
        e.timeout = timeout;
        if (e.bus.find('/') != std::string::npos || e.bus.find(' ') != std::string::npos)
            throw std::invalid_argument("'" + uri.text + "': bus name '" + e.bus + "' is not an interface name");
        return std::make_unique<SocketcandChannel>(e);
    }
    if (uri.scheme == "socketcan") {
        if (uri.host.empty())
            throw std::invalid_argument("'" + uri.text + "': socketcan needs an interface (socketcan://can0)");
        SocketCanInterface c;
        c.interface = uri.host;
        for (const auto& [key, value] : uri.query) {
            if (key != "bitrate")
                throw std::invalid_argument("'" + uri.text + "': unknown option '" + key + "' (known: bitrate)");
            std::uint32_t rate = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), rate);
            if (ec != std::errc() || p != value.data() + value.size() || rate == 0 || rate > 1000000)
                throw std::invalid_argument("'" + uri.text + "': bitrate '" + value + "' is not 1..1000000 bit/s");
            c.bitrate = rate;
        }
        return std::make_unique<SocketCanChannel>(c);
    }
    throw std::invalid_argument("'" + uri.text +
                                "': a CAN channel needs socketcand://HOST:PORT/BUS or socketcan://IFNAME, not '" +
                                uri.scheme + "://'");
}

} // namespace v2gbench::transports
