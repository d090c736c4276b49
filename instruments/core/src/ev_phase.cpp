#include "v2gbench/core/roles/ev_emulator.hpp"

namespace v2gbench::core {

std::string toString(EvPhase phase) {
    switch (phase) {
    case EvPhase::Disconnected: return "disconnected";
    case EvPhase::Connected: return "connected";
    case EvPhase::Handshake: return "handshake";
    case EvPhase::Parameters: return "parameters";
    case EvPhase::Charging: return "charging";
    case EvPhase::Stopping: return "stopping";
    case EvPhase::Stopped: return "stopped";
    case EvPhase::Fault: return "fault";
    }
    return "unknown";
}

} // namespace v2gbench::core
