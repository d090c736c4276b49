#include "v2gbench/simwire/fault_injector.hpp"

namespace v2gbench::simwire {

std::string toString(FaultKind kind) {
    switch (kind) {
    case FaultKind::DropConnection: return "drop";
    case FaultKind::DelayReplies: return "delay";
    case FaultKind::Garbage: return "garbage";
    case FaultKind::ModbusException: return "modbus-exception";
    case FaultKind::StallStream: return "stall";
    }
    return "unknown";
}

std::optional<FaultKind> faultKindFromString(const std::string& text) {
    for (auto k : {FaultKind::DropConnection, FaultKind::DelayReplies, FaultKind::Garbage, FaultKind::ModbusException,
                   FaultKind::StallStream})
        if (toString(k) == text) return k;
    return std::nullopt;
}

void FaultInjector::set(const std::string& service, Fault fault) {
    std::lock_guard lock(m_mutex);
    m_faults[service] = fault;
}

void FaultInjector::clear(const std::string& service) {
    std::lock_guard lock(m_mutex);
    m_faults.erase(service);
}

void FaultInjector::clearAll() {
    std::lock_guard lock(m_mutex);
    m_faults.clear();
}

std::optional<Fault> FaultInjector::get(const std::string& service) const {
    std::lock_guard lock(m_mutex);
    auto it = m_faults.find(service);
    if (it == m_faults.end()) return std::nullopt;
    return it->second;
}

std::map<std::string, Fault> FaultInjector::active() const {
    std::lock_guard lock(m_mutex);
    return m_faults;
}

} // namespace v2gbench::simwire
