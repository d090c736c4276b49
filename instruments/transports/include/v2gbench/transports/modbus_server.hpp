#pragma once
// A Modbus TCP server on 127.0.0.1 for the wire-level simulated lab, on the shared non-blocking
// TcpServer (one poll() thread for every client). Each connection keeps its own partial MBAP
// frame; a complete request is parsed, offered to the handler (which may inject a fault), then
// served from the handler's read()/write(). Loopback only, by construction.
//
// Why not libmodbus's server API any more (issue 9): modbus_receive() reads a frame with
// blocking waits and modbus_reply() writes with a blocking send(), so one client sending a byte
// every 0.4 s, or never reading, stalled every other client of the service. Framing a request
// and building the eight replies served here (FC 1-6, 15, 16 and exceptions) is a page of code.
//
// Bounds: a frame is at most 260 bytes (MBAP 7 + PDU 253); a header announcing more, or a
// protocol id other than 0, closes the connection (no resynchronising a TCP stream). The
// TcpServer bounds apply: 4 MiB of unread replies per connection (replies held by a delay fault
// included), then disconnect; 64 connections, a new one replacing the one idle the longest (the
// Modbus TCP implementation guide's advice), so half-open connections cannot lock clients out.
#include "v2gbench/transports/tcp_server.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

enum class ModbusTable { Coils, DiscreteInputs, HoldingRegisters, InputRegisters };

struct ModbusRequest {
    int unit = 0;
    int function = 0;
    ModbusTable table = ModbusTable::HoldingRegisters;
    int address = 0;
    int count = 0;
    bool write = false;
    std::vector<std::uint16_t> values; // written values (coils as 0/1)
};

// What the server does with a request before serving it (fault injection).
struct ModbusDisposition {
    enum class Action { Serve, Exception, Drop, Garbage };
    Action action = Action::Serve;
    int exceptionCode = 0;               // for Exception: 1..255 (else 4, server failure)
    std::chrono::milliseconds delay{0};  // the reply is held this long on the connection's timer queue
};

// Callbacks run on the server's thread, one at a time; they must not block.
class ModbusRequestHandler {
public:
    virtual ~ModbusRequestHandler() = default;
    virtual ModbusDisposition dispose(const ModbusRequest&) { return {}; }
    // Asked at every tick while replies are held: true releases them all at once (the delay
    // fault was cleared).
    virtual bool releaseHeldReplies() { return false; }
    // Fills out (one value per register or bit); returns 0 or a Modbus exception code.
    virtual int read(ModbusTable table, int address, std::span<std::uint16_t> out) = 0;
    // Applies values; returns 0 or a Modbus exception code (then nothing was applied).
    virtual int write(ModbusTable table, int address, std::span<const std::uint16_t> values) = 0;
};

class ModbusServer : private TcpHandler {
public:
    static constexpr std::size_t kMaxFrameBytes = 260; // MBAP header 7 + PDU 253

    ModbusServer(std::string name, ModbusRequestHandler& handler);
    ~ModbusServer() override;
    ModbusServer(const ModbusServer&) = delete;
    ModbusServer& operator=(const ModbusServer&) = delete;

    // Binds 127.0.0.1:port (0 = ephemeral) and listens; returns the bound port.
    // Throws TransportError naming the server and the port.
    int listen(int port);
    void start();          // serves on its own thread
    void stop() noexcept;  // closes every connection (held replies dropped) and joins; idempotent
    int port() const { return m_server.port(); }
    const std::string& name() const { return m_name; }

    // For tests of the bounds.
    const TcpServer& tcp() const { return m_server; }
    std::size_t peakBufferedInput() const { return m_peakInput.load(); }

private:
    struct Held {
        std::chrono::steady_clock::time_point due;
        std::string bytes;
    };
    struct Connection {
        std::string input; // at most one partial frame between reads
        std::deque<Held> held;
        std::size_t heldBytes = 0;
    };

    void onData(TcpServer&, ConnectionId id, std::string_view bytes) override;
    void onDisconnect(TcpServer&, ConnectionId id) override;
    void onTick(TcpServer&) override;

    // One complete frame; false when the connection was closed.
    bool serve(ConnectionId id, Connection& c, std::string_view frame);
    bool reply(ConnectionId id, Connection& c, std::string bytes, std::chrono::milliseconds delay);

    std::string m_name;
    ModbusRequestHandler& m_handler;
    std::map<ConnectionId, Connection> m_connections; // server thread only
    std::atomic<std::size_t> m_peakInput{0};
    TcpServer m_server; // last: stopped (joined) before the rest is destroyed
};

} // namespace v2gbench::transports
