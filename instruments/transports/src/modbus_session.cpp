#include "v2gbench/transports/modbus_session.hpp"

#include <modbus/modbus.h>

#include <cerrno>
#include <cmath>
#include <cstring>

namespace v2gbench::transports {

std::string modbusExceptionName(int code) {
    switch (code) {
    case 1: return "illegal function";
    case 2: return "illegal data address";
    case 3: return "illegal data value";
    case 4: return "server device failure";
    case 5: return "acknowledge";
    case 6: return "server device busy";
    case 7: return "negative acknowledge";
    case 8: return "memory parity error";
    case 10: return "gateway path unavailable";
    case 11: return "gateway target device failed to respond";
    default: return "unknown exception";
    }
}

namespace {

modbus_t* ctxOf(void* p) { return static_cast<modbus_t*>(p); }

void setTimeout(modbus_t* ctx, units::Seconds t, bool byte) {
    const double s = std::max(t.value, 1e-3);
    const auto sec = static_cast<std::uint32_t>(s);
    const auto usec = static_cast<std::uint32_t>(std::lround((s - sec) * 1e6)) % 1000000u;
    if (byte) modbus_set_byte_timeout(ctx, sec, usec);
    else modbus_set_response_timeout(ctx, sec, usec);
}

bool isBrokenConnection(int err) {
    return err == ECONNRESET || err == EPIPE || err == ENOTCONN || err == EBADF || err == ECONNABORTED;
}

} // namespace

struct ModbusSession::Request {
    int function;
    const char* what;   // "holding registers"
    bool write;
    int address;
    int count;
    std::string values; // for writes, already formatted

    // "FC03 read 10 holding registers at 507"
    std::string text() const {
        char fc[8];
        std::snprintf(fc, sizeof fc, "FC%02d", function);
        std::string s = std::string(fc) + (write ? " write " : " read ") + std::to_string(count) + " " + what +
                        " at " + std::to_string(address);
        if (write) s += " = " + values;
        return s;
    }
    // "reading 10 registers at 507" — for the exception message.
    std::string gerund() const {
        const bool bits = function == 1 || function == 2 || function == 5 || function == 15;
        return std::string(write ? "writing " : "reading ") + std::to_string(count) + (bits ? " coil" : " register") +
               (count == 1 ? "" : "s") + " at " + std::to_string(address);
    }
};

template <class T> static std::string joinValues(const T* v, int n) {
    std::string s = "[";
    for (int i = 0; i < n; ++i) {
        if (i) s += ", ";
        s += std::to_string(static_cast<unsigned>(v[i]));
    }
    return s + "]";
}

ModbusSession::ModbusSession(ModbusSettings settings, std::string instrument, core::ExchangeLog* log)
    : m_settings(std::move(settings)), m_instrument(std::move(instrument)), m_log(log) {
    modbus_t* ctx = nullptr;
    if (m_settings.mode == ModbusSettings::Mode::Tcp)
        ctx = modbus_new_tcp(m_settings.host.c_str(), m_settings.port);
    else
        ctx = modbus_new_rtu(m_settings.device.c_str(), m_settings.baud, m_settings.parity, m_settings.dataBits,
                             m_settings.stopBits);
    if (!ctx)
        throw ModbusError(TransportError::Kind::Io, "open " + m_settings.describe(),
                          "cannot create a Modbus context for " + m_settings.describe() + ": " + std::strerror(errno));
    if (modbus_set_slave(ctx, m_settings.unit) != 0) {
        modbus_free(ctx);
        throw ModbusError(TransportError::Kind::Io, "open " + m_settings.describe(),
                          "invalid Modbus unit " + std::to_string(m_settings.unit));
    }
    setTimeout(ctx, m_settings.responseTimeout, false);
    setTimeout(ctx, m_settings.byteTimeout, true);
    m_ctx = ctx;
}

ModbusSession::~ModbusSession() {
    close();
    modbus_free(ctxOf(m_ctx));
}

void ModbusSession::connect() {
    if (!m_connected) open();
}

void ModbusSession::open() {
    if (modbus_connect(ctxOf(m_ctx)) != 0) {
        const int err = errno;
        const auto kind = err == ECONNREFUSED ? TransportError::Kind::Refused
                          : err == ETIMEDOUT || err == EINPROGRESS ? TransportError::Kind::Timeout
                                                                    : TransportError::Kind::Io;
        throw ModbusError(kind, "connect " + m_settings.describe(),
                          "cannot connect to " + m_settings.describe() + ": " + modbus_strerror(err));
    }
    m_connected = true;
}

void ModbusSession::close() noexcept {
    if (m_connected) modbus_close(ctxOf(m_ctx));
    m_connected = false;
}

bool ModbusSession::isConnected() const { return m_connected; }

void ModbusSession::recordRequest(const Request& r) {
    if (m_log) m_log->record(m_instrument, core::Direction::ToInstrument, "unit " + std::to_string(m_settings.unit) + " " + r.text());
}

void ModbusSession::recordReply(const Request& r, const std::string& text) {
    if (!m_log) return;
    char fc[8];
    std::snprintf(fc, sizeof fc, "FC%02d", r.function);
    m_log->record(m_instrument, core::Direction::FromInstrument,
                  std::string(fc) + " at " + std::to_string(r.address) + ": " + text);
}

template <class Call> int ModbusSession::perform(const Request& request, Call&& call) {
    recordRequest(request);
    const std::string exchange = request.text();
    for (int attempt = 0;; ++attempt) {
        if (!m_connected) {
            try {
                open();
            } catch (const ModbusError& e) {
                recordReply(request, std::string("error: ") + e.what());
                throw ModbusError(e.kind(), exchange, e.what());
            }
        }
        errno = 0;
        const int rc = call(ctxOf(m_ctx));
        if (rc >= 0) return rc;
        const int err = errno;
        if (err > MODBUS_ENOBASE && err <= EMBXGTAR) {
            const int code = err - MODBUS_ENOBASE;
            const std::string msg = "Modbus exception " + std::to_string(code) + " (" + modbusExceptionName(code) +
                                    ") " + request.gerund();
            recordReply(request, "exception " + std::to_string(code) + " (" + modbusExceptionName(code) + ")");
            throw ModbusError(TransportError::Kind::Protocol, exchange, msg, code);
        }
        close();
        if (isBrokenConnection(err) && attempt == 0) {
            // The peer closed or reset the connection (idle timeout, instrument restart):
            // reopen once and repeat; Modbus reads and writes of set values are idempotent.
            recordReply(request, std::string("connection lost (") + modbus_strerror(err) + "), reconnecting");
            ++m_reconnects;
            continue;
        }
        std::string msg;
        TransportError::Kind kind;
        if (err == ETIMEDOUT) {
            kind = TransportError::Kind::Timeout;
            msg = "no reply within " + std::to_string(std::lround(m_settings.responseTimeout.value * 1000)) + " ms from " +
                  m_settings.describe();
        } else if (isBrokenConnection(err)) {
            kind = TransportError::Kind::Closed;
            msg = "connection to " + m_settings.describe() + " lost again after reconnecting (" + modbus_strerror(err) + ")";
        } else if (err == EMBBADDATA || err == EMBBADCRC || err == EMBMDATA || err == EMBBADSLAVE || err == EMBBADEXC ||
                   err == EMBUNKEXC) {
            kind = TransportError::Kind::Protocol;
            msg = std::string("malformed Modbus reply from ") + m_settings.describe() + " (" + modbus_strerror(err) + ")";
        } else {
            kind = TransportError::Kind::Io;
            msg = "Modbus I/O error with " + m_settings.describe() + " (" + modbus_strerror(err) + ")";
        }
        recordReply(request, "error: " + msg);
        throw ModbusError(kind, exchange, msg);
    }
}

std::vector<std::uint16_t> ModbusSession::readHoldingRegisters(int address, int count) {
    std::vector<std::uint16_t> out(static_cast<std::size_t>(std::max(count, 0)));
    Request r{3, "holding registers", false, address, count, {}};
    perform(r, [&](modbus_t* ctx) { return modbus_read_registers(ctx, address, count, out.data()); });
    recordReply(r, joinValues(out.data(), count));
    return out;
}

std::vector<std::uint16_t> ModbusSession::readInputRegisters(int address, int count) {
    std::vector<std::uint16_t> out(static_cast<std::size_t>(std::max(count, 0)));
    Request r{4, "input registers", false, address, count, {}};
    perform(r, [&](modbus_t* ctx) { return modbus_read_input_registers(ctx, address, count, out.data()); });
    recordReply(r, joinValues(out.data(), count));
    return out;
}

std::vector<bool> ModbusSession::readCoils(int address, int count) {
    std::vector<std::uint8_t> bits(static_cast<std::size_t>(std::max(count, 0)));
    Request r{1, "coils", false, address, count, {}};
    perform(r, [&](modbus_t* ctx) { return modbus_read_bits(ctx, address, count, bits.data()); });
    recordReply(r, joinValues(bits.data(), count));
    return std::vector<bool>(bits.begin(), bits.end());
}

std::vector<bool> ModbusSession::readDiscreteInputs(int address, int count) {
    std::vector<std::uint8_t> bits(static_cast<std::size_t>(std::max(count, 0)));
    Request r{2, "discrete inputs", false, address, count, {}};
    perform(r, [&](modbus_t* ctx) { return modbus_read_input_bits(ctx, address, count, bits.data()); });
    recordReply(r, joinValues(bits.data(), count));
    return std::vector<bool>(bits.begin(), bits.end());
}

void ModbusSession::writeRegister(int address, std::uint16_t value) {
    Request r{6, "holding register", true, address, 1, joinValues(&value, 1)};
    perform(r, [&](modbus_t* ctx) { return modbus_write_register(ctx, address, value); });
    recordReply(r, "ok");
}

void ModbusSession::writeRegisters(int address, std::span<const std::uint16_t> values) {
    const int n = static_cast<int>(values.size());
    Request r{16, "holding registers", true, address, n, joinValues(values.data(), n)};
    perform(r, [&](modbus_t* ctx) { return modbus_write_registers(ctx, address, n, values.data()); });
    recordReply(r, "ok");
}

void ModbusSession::writeCoil(int address, bool on) {
    const std::uint8_t v = on ? 1 : 0;
    Request r{5, "coil", true, address, 1, on ? "ON" : "OFF"};
    perform(r, [&](modbus_t* ctx) { return modbus_write_bit(ctx, address, v); });
    recordReply(r, "ok");
    (void)v;
}

void ModbusSession::writeCoils(int address, const std::vector<bool>& values) {
    std::vector<std::uint8_t> bits(values.begin(), values.end());
    const int n = static_cast<int>(bits.size());
    Request r{15, "coils", true, address, n, joinValues(bits.data(), n)};
    perform(r, [&](modbus_t* ctx) { return modbus_write_bits(ctx, address, n, bits.data()); });
    recordReply(r, "ok");
}

} // namespace v2gbench::transports
