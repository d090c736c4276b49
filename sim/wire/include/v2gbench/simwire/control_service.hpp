#pragma once
// The wire sim's control port: a line protocol on TCP to inject and clear faults while a bench
// runs against the sim, and to ask what is served. One command per line, one reply line each:
//   services                          → "<name> <port> <protocol>" lines, then "end"
//   settings                          → "dut <id>", "defect <name|->", "seed <n>",
//                                       "fault <service> <kind> <value>" per active fault, "end"
//   fault <service> <kind> [value]    → "ok" | "error: ..."   (kinds: drop, delay <ms>, garbage,
//                                       modbus-exception <code>, stall; each service implements some
//                                       and refuses the others; validated by parseFaultRequest)
//   clear [<service>]                 → "ok" | "error: no service ..."
// Lines at most 4 KiB (longer: "error: line longer ..."); numbers whole, decimal, range-checked.
//   faults                            → "<service> <kind> <value>" lines, then "end"
//   status                            → one line: lab time, grid, EV phase, DC V/I, grid power
#include "v2gbench/simwire/wire_service.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace v2gbench::simwire {

struct ServiceListing {
    std::string name;
    int port;
    std::string protocol;
    std::vector<FaultKind> faults; // the kinds it implements (WireService::faultKinds)
};

// `listing` is called for `services` (the host knows the bound ports).
std::unique_ptr<WireService> makeControlService(WireContext& context,
                                                std::function<std::vector<ServiceListing>()> listing);

} // namespace v2gbench::simwire
