#include "v2gbench/core/roles/charger_control.hpp"

namespace v2gbench::core {

std::string toString(DeclaredFault fault) {
    return fault == DeclaredFault::EmergencyStop ? "emergency-stop" : "declared-fault";
}

std::optional<DeclaredFault> declaredFaultFromString(const std::string& text) {
    if (text == "emergency-stop") return DeclaredFault::EmergencyStop;
    if (text == "declared-fault") return DeclaredFault::DeclaredFault;
    return std::nullopt;
}

} // namespace v2gbench::core
