#include "v2gbench/transports/modbus_server.hpp"

#include "v2gbench/core/log.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <algorithm>
#include <optional>

namespace v2gbench::transports {

namespace {

// Function codes and exception codes (Modbus Application Protocol V1.1b3, §6 and §7).
enum : int {
    kReadCoils = 1,
    kReadDiscreteInputs = 2,
    kReadHoldingRegisters = 3,
    kReadInputRegisters = 4,
    kWriteSingleCoil = 5,
    kWriteSingleRegister = 6,
    kWriteMultipleCoils = 15,
    kWriteMultipleRegisters = 16,
};
enum : int { kIllegalFunction = 1, kIllegalDataAddress = 2, kIllegalDataValue = 3, kServerFailure = 4 };
constexpr int kMaxReadBits = 2000, kMaxReadRegisters = 125, kMaxWriteBits = 1968, kMaxWriteRegisters = 123;
constexpr std::size_t kHeaderBytes = 7; // transaction id, protocol id, length, unit id

int be16(const std::uint8_t* p) { return (p[0] << 8) | p[1]; }
void putBe16(std::string& out, int v) {
    out.push_back(static_cast<char>((v >> 8) & 0xff));
    out.push_back(static_cast<char>(v & 0xff));
}

// Bytes that are not Modbus TCP: a wrong transaction id and protocol id, and a length that
// promises more than will come, so a client cannot take them for a reply.
constexpr char kGarbage[] = "\xde\xad\xbe\xef garbage, not Modbus\r\n";

// The MBAP header of a reply to `request` around `pdu`.
std::string frameReply(const std::uint8_t* request, const std::string& pdu) {
    std::string out;
    out.reserve(kHeaderBytes + pdu.size());
    out.append(reinterpret_cast<const char*>(request), 4); // transaction and protocol id echoed
    putBe16(out, static_cast<int>(pdu.size() + 1));
    out.push_back(static_cast<char>(request[6])); // unit id
    out += pdu;
    return out;
}

std::string exceptionPdu(int function, int code) {
    std::string pdu;
    pdu.push_back(static_cast<char>((function | 0x80) & 0xff));
    pdu.push_back(static_cast<char>(code));
    return pdu;
}

} // namespace

ModbusServer::ModbusServer(std::string name, ModbusRequestHandler& handler)
    : m_name(std::move(name)), m_handler(handler), m_server(m_name, *this) {}

ModbusServer::~ModbusServer() { stop(); }

int ModbusServer::listen(int port) {
    if (m_server.port() != 0)
        throw TransportError(TransportError::Kind::Io, m_name + " on 127.0.0.1:" + std::to_string(port) + ": already listening");
    return m_server.listen(port);
}

void ModbusServer::start() {
    m_server.setTickInterval(std::chrono::milliseconds(1)); // releases replies held by a delay
    m_server.start();
}

void ModbusServer::stop() noexcept {
    try {
        m_server.stop();
    } catch (...) {
    }
    m_connections.clear();
}

void ModbusServer::onDisconnect(TcpServer&, ConnectionId id) { m_connections.erase(id); }

void ModbusServer::onData(TcpServer&, ConnectionId id, std::string_view bytes) {
    auto& c = m_connections[id];
    std::size_t used = 0;
    // Frames straight from the received bytes; only a partial one is copied, and kept.
    auto take = [&](std::string_view data) -> std::optional<std::size_t> {
        if (data.size() < kHeaderBytes) return std::nullopt;
        const auto* h = reinterpret_cast<const std::uint8_t*>(data.data());
        const int protocol = be16(h + 2);
        const int length = be16(h + 4); // unit id + PDU
        if (protocol != 0 || length < 2 || kHeaderBytes - 1 + static_cast<std::size_t>(length) > kMaxFrameBytes)
            return 0; // not Modbus TCP
        const std::size_t total = kHeaderBytes - 1 + static_cast<std::size_t>(length);
        if (data.size() < total) return std::nullopt;
        return total;
    };
    if (!c.input.empty()) {
        // Complete the partial frame with as few bytes as it needs.
        const std::size_t want = std::min(bytes.size(), kMaxFrameBytes - c.input.size());
        c.input.append(bytes.substr(0, want));
        const auto n = take(c.input);
        if (n && *n == 0) {
            core::log::warning(m_name, "connection " + std::to_string(id) + ": bytes that are not Modbus TCP, closed");
            m_server.close(id, false);
            return;
        }
        if (!n) {
            m_peakInput = std::max(m_peakInput.load(), c.input.size());
            return; // still partial (all of `bytes` went into it: want == bytes.size())
        }
        used = *n - (c.input.size() - want);
        const std::string frame = c.input.substr(0, *n);
        c.input.clear();
        if (!serve(id, c, frame)) return;
    }
    while (used < bytes.size()) {
        const auto rest = bytes.substr(used);
        const auto n = take(rest);
        if (n && *n == 0) {
            core::log::warning(m_name, "connection " + std::to_string(id) + ": bytes that are not Modbus TCP, closed");
            m_server.close(id, false);
            return;
        }
        if (!n) {
            c.input.assign(rest);
            m_peakInput = std::max(m_peakInput.load(), c.input.size());
            return;
        }
        used += *n;
        if (!serve(id, c, rest.substr(0, *n))) return;
    }
}

void ModbusServer::onTick(TcpServer&) {
    const auto now = std::chrono::steady_clock::now();
    bool anyHeld = false;
    for (const auto& [id, c] : m_connections) anyHeld = anyHeld || !c.held.empty();
    if (!anyHeld) return;
    const bool releaseAll = m_handler.releaseHeldReplies();
    for (auto& [id, c] : m_connections) {
        while (!c.held.empty() && (releaseAll || c.held.front().due <= now)) {
            c.heldBytes -= c.held.front().bytes.size();
            m_server.send(id, c.held.front().bytes);
            c.held.pop_front();
        }
    }
}

bool ModbusServer::reply(ConnectionId id, Connection& c, std::string bytes, std::chrono::milliseconds delay) {
    if (delay.count() <= 0 && c.held.empty()) return m_server.send(id, bytes);
    auto due = std::chrono::steady_clock::now() + std::max(delay, std::chrono::milliseconds(0));
    if (!c.held.empty()) due = std::max(due, c.held.back().due); // replies stay in order
    if (c.heldBytes + bytes.size() > TcpServer::kMaxPendingOutput) {
        core::log::warning(m_name, "connection " + std::to_string(id) + ": more than " +
                                       std::to_string(TcpServer::kMaxPendingOutput) +
                                       " bytes of delayed replies unread, disconnected");
        m_server.close(id, false);
        return false;
    }
    c.heldBytes += bytes.size();
    c.held.push_back({due, std::move(bytes)});
    return true;
}

bool ModbusServer::serve(ConnectionId id, Connection& c, std::string_view frameText) {
    const auto* frame = reinterpret_cast<const std::uint8_t*>(frameText.data());
    const std::size_t pduSize = frameText.size() - kHeaderBytes;
    const std::uint8_t* pdu = frame + kHeaderBytes;
    ModbusRequest req;
    req.unit = frame[6];
    req.function = pdu[0];
    int exception = 0;
    int maxCount = kMaxReadRegisters;
    switch (req.function) {
    case kReadCoils: req.table = ModbusTable::Coils; maxCount = kMaxReadBits; break;
    case kReadDiscreteInputs: req.table = ModbusTable::DiscreteInputs; maxCount = kMaxReadBits; break;
    case kReadHoldingRegisters: req.table = ModbusTable::HoldingRegisters; break;
    case kReadInputRegisters: req.table = ModbusTable::InputRegisters; break;
    case kWriteSingleCoil: req.table = ModbusTable::Coils; req.write = true; break;
    case kWriteSingleRegister: req.table = ModbusTable::HoldingRegisters; req.write = true; break;
    case kWriteMultipleCoils: req.table = ModbusTable::Coils; req.write = true; maxCount = kMaxWriteBits; break;
    case kWriteMultipleRegisters:
        req.table = ModbusTable::HoldingRegisters;
        req.write = true;
        maxCount = kMaxWriteRegisters;
        break;
    default: exception = kIllegalFunction; break;
    }
    if (!exception && pduSize < 5) exception = kIllegalDataValue;
    if (!exception) {
        req.address = be16(pdu + 1);
        if (req.function == kWriteSingleCoil || req.function == kWriteSingleRegister) {
            req.count = 1;
            const int v = be16(pdu + 3);
            if (req.function == kWriteSingleCoil && v != 0xFF00 && v != 0) exception = kIllegalDataValue;
            req.values.push_back(static_cast<std::uint16_t>(req.function == kWriteSingleCoil ? (v ? 1 : 0) : v));
        } else {
            req.count = be16(pdu + 3);
            if (req.count < 1 || req.count > maxCount) {
                exception = kIllegalDataValue;
            } else if (req.function == kWriteMultipleRegisters || req.function == kWriteMultipleCoils) {
                const std::size_t dataBytes = req.function == kWriteMultipleRegisters
                                                  ? 2 * static_cast<std::size_t>(req.count)
                                                  : (static_cast<std::size_t>(req.count) + 7) / 8;
                if (pduSize < 6 + dataBytes || pdu[5] != dataBytes) exception = kIllegalDataValue;
                else if (req.function == kWriteMultipleRegisters)
                    for (int i = 0; i < req.count; ++i) req.values.push_back(static_cast<std::uint16_t>(be16(pdu + 6 + 2 * i)));
                else
                    for (int i = 0; i < req.count; ++i) req.values.push_back((pdu[6 + i / 8] >> (i % 8)) & 1);
            }
        }
        if (!exception && req.address + req.count > 0x10000) exception = kIllegalDataAddress;
    }

    const ModbusDisposition d = m_handler.dispose(req);
    switch (d.action) {
    case ModbusDisposition::Action::Drop: m_server.close(id, false); return false;
    case ModbusDisposition::Action::Garbage: return reply(id, c, std::string(kGarbage, sizeof kGarbage - 1), d.delay);
    case ModbusDisposition::Action::Exception: {
        // Any code 1..255 as asked (a bench may test an undefined one); the control port checks the range.
        const int code = d.exceptionCode >= 1 && d.exceptionCode <= 255 ? d.exceptionCode : kServerFailure;
        return reply(id, c, frameReply(frame, exceptionPdu(req.function, code)), d.delay);
    }
    case ModbusDisposition::Action::Serve: break;
    }
    if (exception) return reply(id, c, frameReply(frame, exceptionPdu(req.function, exception)), d.delay);

    std::vector<std::uint16_t> values(static_cast<std::size_t>(req.count));
    exception = req.write ? m_handler.write(req.table, req.address, req.values)
                          : m_handler.read(req.table, req.address, values);
    if (exception) return reply(id, c, frameReply(frame, exceptionPdu(req.function, exception)), d.delay);

    std::string out;
    out.push_back(static_cast<char>(req.function));
    if (req.write) {
        // FC 5/6 echo address and value; FC 15/16 answer address and count.
        out.append(reinterpret_cast<const char*>(pdu + 1), 4);
    } else if (req.table == ModbusTable::Coils || req.table == ModbusTable::DiscreteInputs) {
        const std::size_t n = (values.size() + 7) / 8;
        out.push_back(static_cast<char>(n));
        std::string bits(n, '\0');
        for (std::size_t i = 0; i < values.size(); ++i)
            if (values[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
        out += bits;
    } else {
        out.push_back(static_cast<char>(2 * values.size()));
        for (auto v : values) putBe16(out, v);
    }
    return reply(id, c, frameReply(frame, out), d.delay);
}

} // namespace v2gbench::transports
