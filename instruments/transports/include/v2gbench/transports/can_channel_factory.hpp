#pragma once
// Picks the CanChannel backend from a connection URI:
//   socketcand://HOST[:PORT]/BUS   (port 29536 by default; BUS defaults to can0)
//   socketcan://IFNAME[?bitrate=N]
// The channel is returned closed; call open(). Throws std::invalid_argument naming the URI.
#include "v2gbench/core/connection_uri.hpp"
#include "v2gbench/transports/can_channel.hpp"

#include <memory>

namespace v2gbench::transports {

std::unique_ptr<CanChannel> makeCanChannel(const core::ConnectionUri& uri,
                                           units::Seconds timeout = units::Seconds(2.0));

} // namespace v2gbench::transports
