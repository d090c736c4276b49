#pragma once
// A Modbus client session over libmodbus (TCP or RTU). Each call is one request/response bounded
// by the response timeout; a Modbus exception reply becomes a ModbusError with the code and a
// readable message ("Modbus exception 2 (illegal data address) reading 10 registers at 507").
// A broken connection (peer closed, reset) is reopened once and the request repeated, because
// instruments and gateways drop idle TCP connections; a timeout or a malformed reply closes the
// connection (a late reply must not be taken for the next one) and throws at once.
// Every request and reply is recorded to the exchange log (may be null) as text.
// Not thread-safe: one owner. libmodbus stays out of this header.
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/transports/modbus_error.hpp"
#include "v2gbench/transports/modbus_settings.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace v2gbench::transports {

class ModbusSession {
public:
    ModbusSession(ModbusSettings settings, std::string instrument, core::ExchangeLog* log);
    ~ModbusSession();
    ModbusSession(const ModbusSession&) = delete;
    ModbusSession& operator=(const ModbusSession&) = delete;

    // Opens the connection (done implicitly by the first request). Throws ModbusError
    // (Refused/Timeout/Io) naming the endpoint.
    void connect();
    void close() noexcept;
    bool isConnected() const;
    const ModbusSettings& settings() const { return m_settings; }
    // How many times a broken connection was reopened.
    int reconnects() const { return m_reconnects; }

    std::vector<std::uint16_t> readHoldingRegisters(int address, int count); // FC03
    std::vector<std::uint16_t> readInputRegisters(int address, int count);   // FC04
    std::vector<bool> readCoils(int address, int count);                     // FC01
    std::vector<bool> readDiscreteInputs(int address, int count);            // FC02
    void writeRegister(int address, std::uint16_t value);                    // FC06
    void writeRegisters(int address, std::span<const std::uint16_t> values); // FC16
    void writeCoil(int address, bool on);                                     // FC05
    void writeCoils(int address, const std::vector<bool>& values);            // FC15 (one request: the coils switch together)

private:
    struct Request;
    // Runs call(ctx) with the reconnect-once policy; returns its rc (>= 0).
    template <class Call> int perform(const Request& request, Call&& call);
    void open();
    void recordRequest(const Request& r);
    void recordReply(const Request& r, const std::string& text);

    ModbusSettings m_settings;
    std::string m_instrument;
    core::ExchangeLog* m_log;
    void* m_ctx = nullptr; // modbus_t*
    bool m_connected = false;
    int m_reconnects = 0;
};

} // namespace v2gbench::transports
