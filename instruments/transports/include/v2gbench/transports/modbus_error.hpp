#pragma once
// A failed Modbus exchange. Carries the exchange as text ("FC03 read 10 holding registers at 507")
// so drivers can name it in core::InstrumentError, and the exception code when the instrument
// answered with a Modbus exception (0 otherwise).
#include "v2gbench/transports/transport_error.hpp"

#include <string>

namespace v2gbench::transports {

class ModbusError : public TransportError {
public:
    ModbusError(Kind kind, std::string exchange, const std::string& message, int exceptionCode = 0)
        : TransportError(kind, message), m_exchange(std::move(exchange)), m_exceptionCode(exceptionCode) {}
    const std::string& exchange() const { return m_exchange; }
    int exceptionCode() const { return m_exceptionCode; }
    bool isException() const { return m_exceptionCode != 0; }

private:
    std::string m_exchange;
    int m_exceptionCode;
};

// "illegal data address" for 2; "unknown exception" outside the standard codes.
std::string modbusExceptionName(int code);

} // namespace v2gbench::transports
