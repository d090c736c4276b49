#pragma once
// The SCPI services of the wire-level simulated lab (sim/wire/scpi/README.md):
//   grid-scpi         Chroma 61800 dialect            default port 2101
//   grid-ametek-scpi  AMETEK/CI MX dialect            default port 5025
//   battery-scpi      ITECH IT6000C                   default port 30000
//   analyzer-scpi     ZES LMG600 (short language)     default port 5026 (5025 on the real one)
//   ev-scpi           v2gbench EV emulator            default port 5027
// Both grid services drive the same plant grid.
#include "v2gbench/simwire/wire_service.hpp"

#include <memory>
#include <string>
#include <vector>

namespace v2gbench::simwire::scpi {

struct ScpiServiceInfo {
    std::string name;        // "grid-scpi"
    std::string dialect;     // driver/dialect name: "chroma-61800"
    int defaultPort = 0;
    std::string protocol;    // "SCPI over TCP (Chroma 61800 dialect)"
};

std::vector<ScpiServiceInfo> scpiServices();
// Throws std::invalid_argument for an unknown service name.
std::unique_ptr<WireService> makeScpiService(const std::string& serviceName, WireContext& context);

} // namespace v2gbench::simwire::scpi
