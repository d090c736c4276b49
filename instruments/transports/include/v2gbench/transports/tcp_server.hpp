#pragma once
// A small non-blocking TCP server on 127.0.0.1 for the wire-level simulated lab: one thread runs
// a poll() loop, accepts clients, hands received bytes to a Handler and writes queued output
// (partial writes handled). Loopback only, by construction: it never binds another address.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace v2gbench::transports {

using ConnectionId = int;

class TcpServer;

// Callbacks run on the server's thread, one at a time.
class TcpHandler {
public:
    virtual ~TcpHandler() = default;
    virtual void onConnect(TcpServer&, ConnectionId) {}
    virtual void onData(TcpServer&, ConnectionId, std::string_view bytes) = 0;
    virtual void onDisconnect(TcpServer&, ConnectionId) {}
    // Called every tick interval (if set) — for streaming services.
    virtual void onTick(TcpServer&) {}
};

class TcpServer {
public:
    TcpServer(std::string name, TcpHandler& handler);
    ~TcpServer();
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    // Binds 127.0.0.1:port (0 = an ephemeral port) and listens; returns the bound port.
    // Throws TransportError naming the service and the port.
    int listen(int port);
    void setTickInterval(std::chrono::milliseconds interval) { m_tick = interval; }
    void start();  // runs the loop on its own thread
    void stop();   // closes every connection and joins; idempotent

    // Thread-safe; output is queued and written by the loop.
    void send(ConnectionId id, std::string_view bytes);
    void broadcast(std::string_view bytes, ConnectionId except = -1);
    // Closes after the queued output is written (or at once with flush = false).
    void close(ConnectionId id, bool flush = true);
    std::vector<ConnectionId> connections() const;
    int port() const { return m_port; }
    const std::string& name() const { return m_name; }

private:
    struct Connection {
        int fd = -1;
        std::string out;
        bool closeAfterFlush = false;
    };
    void loop();
    void wake();

    std::string m_name;
    TcpHandler& m_handler;
    int m_listenFd = -1;
    int m_wakePipe[2] = {-1, -1};
    int m_port = 0;
    std::chrono::milliseconds m_tick{0};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::map<ConnectionId, Connection> m_connections;
    ConnectionId m_nextId = 1;
};

} // namespace v2gbench::transports
