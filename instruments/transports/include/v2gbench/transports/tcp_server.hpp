#pragma once
// A small non-blocking TCP server on 127.0.0.1 for the wire-level simulated lab: one thread runs
// a poll() loop, accepts clients, hands received bytes to a Handler and writes queued output
// (partial writes handled). Loopback only, by construction: it never binds another address.
//
// Bounded against hostile clients (issue 9): a connection's pending output is at most
// kMaxPendingOutput bytes — a client that lets more pile up unread is disconnected (its output is
// dropped) rather than let to exhaust the process; at most maxConnections() clients are served —
// when full, a new client takes the place of the one idle the longest (the Modbus TCP
// implementation guide's advice for servers, and what keeps 200 half-open connections from
// locking every real client out). No callback may block: one thread serves every client.
#include <atomic>
#include <chrono>
#include <cstdint>
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
    // Pending output per connection: a few MiB holds any legitimate burst (the largest iiod
    // READBUF chunk, a SCPI list, a second of CAN frames) many times over.
    static constexpr std::size_t kMaxPendingOutput = 4u << 20;
    static constexpr std::size_t kDefaultMaxConnections = 64;

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

    // At most this many clients at once (set before start()); see the class comment.
    void setMaxConnections(std::size_t n) { m_maxConnections = n; }
    std::size_t maxConnections() const { return m_maxConnections; }

    // Thread-safe; output is queued and written by the loop. False when the connection is gone,
    // or when the bytes would take its pending output over kMaxPendingOutput: it is then closed
    // at once, its output dropped.
    bool send(ConnectionId id, std::string_view bytes);
    void broadcast(std::string_view bytes, ConnectionId except = -1);
    // Closes after the queued output is written (or at once with flush = false).
    void close(ConnectionId id, bool flush = true);
    std::vector<ConnectionId> connections() const;
    int port() const { return m_port; }
    const std::string& name() const { return m_name; }

    // Introspection (thread-safe), so tests can assert the bounds hold.
    std::size_t pendingOutput(ConnectionId id) const; // 0 when the connection is gone
    std::size_t peakPendingOutput() const;            // the most any connection had pending
    std::uint64_t overflowDisconnects() const;        // connections closed for unread output
    std::uint64_t evictedConnections() const;         // idle connections closed to admit a new one

private:
    struct Connection {
        int fd = -1;
        std::string out;
        std::size_t outSent = 0; // bytes of `out` already written (compacted now and then)
        bool closeAfterFlush = false;
        std::chrono::steady_clock::time_point lastActive;
        std::size_t pending() const { return out.size() - outSent; }
    };
    void loop();
    void wake();
    void acceptClients();
    // Under m_mutex: appends or, over the bound, drops the output and marks it to close.
    bool queueLocked(ConnectionId id, Connection& c, std::string_view bytes);

    std::string m_name;
    TcpHandler& m_handler;
    int m_listenFd = -1;
    int m_wakePipe[2] = {-1, -1};
    int m_port = 0;
    std::chrono::milliseconds m_tick{0};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
    // Set by the loop itself: reading m_thread's id from the loop would race with its assignment.
    std::atomic<std::thread::id> m_loopThread{};
    mutable std::mutex m_mutex;
    std::map<ConnectionId, Connection> m_connections;
    ConnectionId m_nextId = 1;
    std::size_t m_maxConnections = kDefaultMaxConnections;
    std::size_t m_peakPending = 0;      // under m_mutex
    std::uint64_t m_overflowed = 0;     // under m_mutex
    std::uint64_t m_evicted = 0;        // under m_mutex
};

} // namespace v2gbench::transports
