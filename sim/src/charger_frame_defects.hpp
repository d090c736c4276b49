#pragma once
// Defects of the simulated charger that live in its frames, not in its protocol decisions: what a
// charger with a sloppy CAN layer puts on the bus (GB/T 34658 DP cases judge DLC, priority,
// unused bits and field contents). Applied to every frame the charger's GB/T 27930 stack sends,
// just before it reaches the bus; the conforming charger (all off) sends its frames unchanged.
#include "v2gbench/sim/plant_parameters.hpp"
#include "v2gbench/transports/can_frame.hpp"

#include <optional>

namespace v2gbench::sim {

struct ChargerFrameDefects {
    bool zeroFill = false;                 // unused bits of single-frame messages 0 instead of 1
    int handshakePriority = 6;             // CAN priority of CHM and CRM (the table: 6)
    bool ccsChargingTimeStuck = false;     // CCS "charging time" always 0 min
    bool dropCsd = false;                  // CSD never reaches the bus

    bool any() const { return zeroFill || handshakePriority != 6 || ccsChargingTimeStuck || dropCsd; }
};

ChargerFrameDefects frameDefects(const PlantParameters& p);

// The frame as the defective charger sends it, or nullopt when it does not send it at all.
std::optional<transports::CanFrame> applyFrameDefects(const ChargerFrameDefects& defects, transports::CanFrame frame);

} // namespace v2gbench::sim
