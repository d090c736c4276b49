#pragma once
// Common part of the Modbus wire services: a transports::ModbusServer on 127.0.0.1 whose
// requests first pass the fault injector (by service name) and are then served by the concrete
// service's register map over the shared plant.
//   drop             -> the connection is closed at the request, no reply
//   delay (value ms) -> the reply is held value ms on the connection's timer queue (no thread
//                       sleeps; clear releases held replies at once, stop() drops them)
//   garbage          -> bytes that are not Modbus TCP are sent instead of the reply
//   modbus-exception -> every request answered with exception code value (1..255)
//   stall            -> not implemented by Modbus services (the control port refuses it)
#include "v2gbench/simwire/wire_service.hpp"
#include "v2gbench/transports/modbus_server.hpp"

#include <memory>
#include <string>

namespace v2gbench::simwire::modbus {

class ModbusWireService : public WireService, protected transports::ModbusRequestHandler {
public:
    ModbusWireService(WireContext& context, std::string name);
    ~ModbusWireService() override;

    std::string name() const override { return m_name; }
    int start(int port) override;
    void stop() noexcept override;
    std::vector<FaultKind> faultKinds() const override {
        return {FaultKind::DropConnection, FaultKind::DelayReplies, FaultKind::Garbage, FaultKind::ModbusException};
    }

protected:
    transports::ModbusDisposition dispose(const transports::ModbusRequest& request) override;
    bool releaseHeldReplies() override;

public:
    // For tests of the bounds; null when not started.
    const transports::ModbusServer* server() const { return m_server.get(); }

protected:
    sim::SimLab& lab() { return *m_context.lab; }
    const core::DutRatings& dutRatings() const { return m_context.ratings; }

private:
    WireContext m_context;
    std::string m_name;
    std::unique_ptr<transports::ModbusServer> m_server;
};

} // namespace v2gbench::simwire::modbus
