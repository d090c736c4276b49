#pragma once
// One protocol service of `v2gbench-sim`: a server on 127.0.0.1 speaking a real instrument's
// protocol over the shared plant. Services run their own threads; every plant access goes
// through SimLab::withPlant() (the lab follows the real clock, so the plant is in real time).
#include "v2gbench/simwire/fault_injector.hpp"
#include "v2gbench/simwire/lab_ticker.hpp"
#include "v2gbench/sim/sim_lab.hpp"

#include <memory>
#include <string>
#include <vector>

namespace v2gbench::simwire {

struct WireContext {
    std::shared_ptr<sim::SimLab> lab;
    std::shared_ptr<FaultInjector> faults;
    core::DutRatings ratings;
    // The DUT profile's id (`dut.id`), for the control port's `settings`; empty in tests that
    // build a lab from ratings alone.
    std::string dutId;
    // The EV profile's id (`ev:`) the lab's EV emulator was configured from; empty: the BMS defaults.
    std::string evId;
    // Steps the plant in real time (v2gbench-sim); null in tests that drive the lab themselves.
    // Services that move data into the plant on their own (the CAN bridge) hook into it.
    std::shared_ptr<LabTicker> ticker;
};

class WireService {
public:
    virtual ~WireService() = default;
    // Short stable name; also the key for fault injection ("grid-scpi", "battery-modbus", ...).
    virtual std::string name() const = 0;
    // For people: "SCPI over TCP (Chroma 61800 dialect)".
    virtual std::string protocol() const = 0;
    // Binds 127.0.0.1:port (0: an ephemeral port), starts serving; returns the bound port.
    // Throws std::runtime_error naming the service and port.
    virtual int start(int port) = 0;
    // Stops serving and closes every connection; idempotent; never throws.
    virtual void stop() noexcept = 0;
    // The fault kinds this service implements; the control port and --fault refuse the others
    // naming the service (a fault accepted and then ignored would be evidence of nothing).
    virtual std::vector<FaultKind> faultKinds() const {
        return {FaultKind::DropConnection, FaultKind::DelayReplies, FaultKind::Garbage};
    }
};

} // namespace v2gbench::simwire
