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

namespace v2gbench::core {

namespace {
struct FaultKindName {
    EvFaultKind kind;
    const char* name;
};
constexpr FaultKindName kFaultKindNames[] = {
    {EvFaultKind::Silence, "silence"},       {EvFaultKind::Period, "period"},
    {EvFaultKind::Delay, "delay"},           {EvFaultKind::Corrupt, "corrupt"},
    {EvFaultKind::WrongDlc, "dlc"},          {EvFaultKind::BreakTransport, "tp_break"},
    {EvFaultKind::SendBem, "bem"},           {EvFaultKind::StopAnswering, "stop_answering"},
    {EvFaultKind::Substitute, "substitute"}, {EvFaultKind::Stale, "stale"},
};
} // namespace

std::string toString(EvFaultKind kind) {
    for (const auto& k : kFaultKindNames)
        if (k.kind == kind) return k.name;
    return "unknown";
}

std::optional<EvFaultKind> evFaultKindFromString(const std::string& text) {
    for (const auto& k : kFaultKindNames)
        if (text == k.name) return k.kind;
    return std::nullopt;
}

} // namespace v2gbench::core
