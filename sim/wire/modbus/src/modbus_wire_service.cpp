#include "v2gbench/simwire/modbus/modbus_wire_service.hpp"

#include <stdexcept>

namespace v2gbench::simwire::modbus {

ModbusWireService::ModbusWireService(WireContext& context, std::string name)
    : m_context(context), m_name(std::move(name)) {}

ModbusWireService::~ModbusWireService() { stop(); }

int ModbusWireService::start(int port) {
    stop();
    transports::ModbusRequestHandler& handler = *this; // the base is protected: convert here
    m_server = std::make_unique<transports::ModbusServer>(m_name, handler);
    try {
        const int bound = m_server->listen(port);
        m_server->start();
        return bound;
    } catch (const std::exception& e) {
        m_server.reset();
        throw std::runtime_error(m_name + ": cannot serve on 127.0.0.1:" + std::to_string(port) + ": " + e.what());
    }
}

void ModbusWireService::stop() noexcept {
    if (m_server) m_server->stop();
    m_server.reset();
}

bool ModbusWireService::releaseHeldReplies() {
    const auto fault = m_context.faults ? m_context.faults->get(m_name) : std::nullopt;
    return !fault || fault->kind != FaultKind::DelayReplies;
}

transports::ModbusDisposition ModbusWireService::dispose(const transports::ModbusRequest&) {
    transports::ModbusDisposition d;
    if (!m_context.faults) return d;
    const auto fault = m_context.faults->get(m_name);
    if (!fault) return d;
    using Action = transports::ModbusDisposition::Action;
    switch (fault->kind) {
    case FaultKind::DropConnection: d.action = Action::Drop; break;
    case FaultKind::DelayReplies: d.delay = std::chrono::milliseconds(std::max(fault->value, 0)); break;
    case FaultKind::Garbage: d.action = Action::Garbage; break;
    case FaultKind::ModbusException:
        d.action = Action::Exception;
        d.exceptionCode = fault->value;
        break;
    case FaultKind::StallStream: break;
    }
    return d;
}

} // namespace v2gbench::simwire::modbus
