#include "v2gbench/transports/tcp_server.hpp"

#include "v2gbench/core/log.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace v2gbench::transports {

TcpServer::TcpServer(std::string name, TcpHandler& handler) : m_name(std::move(name)), m_handler(handler) {}

TcpServer::~TcpServer() {
    stop();
    if (m_listenFd >= 0) ::close(m_listenFd);
    for (int fd : m_wakePipe)
        if (fd >= 0) ::close(fd);
}

int TcpServer::listen(int port) {
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_listenFd < 0) throw TransportError(TransportError::Kind::Io, m_name + ": socket: " + std::strerror(errno));
    int one = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // loopback only, always
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(m_listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw TransportError(TransportError::Kind::Io,
                             m_name + ": cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno));
    if (::listen(m_listenFd, 16) != 0)
        throw TransportError(TransportError::Kind::Io, m_name + ": listen: " + std::strerror(errno));
    socklen_t len = sizeof addr;
    ::getsockname(m_listenFd, reinterpret_cast<sockaddr*>(&addr), &len);
    m_port = ntohs(addr.sin_port);
    if (::pipe2(m_wakePipe, O_CLOEXEC | O_NONBLOCK) != 0)
        throw TransportError(TransportError::Kind::Io, m_name + ": pipe: " + std::strerror(errno));
    return m_port;
}

void TcpServer::start() {
    if (m_listenFd < 0) throw TransportError(TransportError::Kind::Io, m_name + ": start() before listen()");
    m_running = true;
    m_thread = std::thread([this] { loop(); });
}

void TcpServer::stop() {
    if (!m_running.exchange(false)) return;
    wake();
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_mutex);
    for (auto& [id, c] : m_connections) ::close(c.fd);
    m_connections.clear();
    // Stop listening too: a stopped instrument refuses connections.
    if (m_listenFd >= 0) ::close(m_listenFd);
    m_listenFd = -1;
}

void TcpServer::wake() {
    if (m_wakePipe[1] >= 0) {
        char b = 1;
        (void)!::write(m_wakePipe[1], &b, 1);
    }
}

bool TcpServer::queueLocked(ConnectionId id, Connection& c, std::string_view bytes) {
    if (c.closeAfterFlush && c.out.empty()) return false; // closing: nothing more goes out
    if (c.pending() + bytes.size() > kMaxPendingOutput) {
        // The client does not read what it asks for. Dropping only some of its output would
        // corrupt the protocol stream; closing tells it plainly, and the process stays bounded.
        core::log::warning(m_name, "connection " + std::to_string(id) + ": more than " +
                                    std::to_string(kMaxPendingOutput) + " bytes of output unread, disconnected");
        c.out.clear();
        c.outSent = 0;
        c.closeAfterFlush = true;
        ++m_overflowed;
        return false;
    }
    if (c.outSent > 0 && c.outSent >= c.out.size() / 2) {
        c.out.erase(0, c.outSent); // compact: amortised O(1) per byte, never a shift per write
        c.outSent = 0;
    }
    c.out.append(bytes);
    m_peakPending = std::max(m_peakPending, c.pending());
    return true;
}

bool TcpServer::send(ConnectionId id, std::string_view bytes) {
    const bool onLoopThread = std::this_thread::get_id() == m_loopThread.load(std::memory_order_relaxed);
    {
        std::lock_guard lock(m_mutex);
        auto it = m_connections.find(id);
        if (it == m_connections.end()) return false;
        auto& c = it->second;
        if (c.closeAfterFlush && c.pending() == 0) return false;
        // A reply made inside onData goes out at once: queueing it would cost a wake-up and a
        // second poll round per request (that is most of a SCPI round trip on loopback).
        if (onLoopThread && c.pending() == 0) {
            ssize_t n = ::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        if (bytes.empty()) return true;
        if (!queueLocked(id, c, bytes)) {
            if (!onLoopThread) wake();
            return false;
        }
    }
    if (!onLoopThread) wake();
    return true;
}

void TcpServer::broadcast(std::string_view bytes, ConnectionId except) {
    {
        std::lock_guard lock(m_mutex);
        for (auto& [id, c] : m_connections)
            if (id != except) queueLocked(id, c, bytes);
    }
    wake();
}

void TcpServer::close(ConnectionId id, bool flush) {
    {
        std::lock_guard lock(m_mutex);
        auto it = m_connections.find(id);
        if (it == m_connections.end()) return;
        it->second.closeAfterFlush = true;
        if (!flush) {
            it->second.out.clear();
            it->second.outSent = 0;
        }
    }
    wake();
}

std::size_t TcpServer::pendingOutput(ConnectionId id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_connections.find(id);
    return it == m_connections.end() ? 0 : it->second.pending();
}

std::size_t TcpServer::peakPendingOutput() const {
    std::lock_guard lock(m_mutex);
    return m_peakPending;
}

std::uint64_t TcpServer::overflowDisconnects() const {
    std::lock_guard lock(m_mutex);
    return m_overflowed;
}

std::uint64_t TcpServer::evictedConnections() const {
    std::lock_guard lock(m_mutex);
    return m_evicted;
}

void TcpServer::acceptClients() {
    while (true) {
        int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) break;
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ConnectionId id;
        ConnectionId evicted = -1;
        {
            std::lock_guard lock(m_mutex);
            if (m_connections.size() >= m_maxConnections) {
                // Full: the client idle the longest makes room (it is closed at once, below).
                auto oldest = m_connections.end();
                for (auto it = m_connections.begin(); it != m_connections.end(); ++it)
                    if (!it->second.closeAfterFlush &&
                        (oldest == m_connections.end() || it->second.lastActive < oldest->second.lastActive))
                        oldest = it;
                if (oldest != m_connections.end()) {
                    evicted = oldest->first;
                    ::close(oldest->second.fd);
                    m_connections.erase(oldest);
                    ++m_evicted;
                }
            }
            id = m_nextId++;
            Connection c;
            c.fd = fd;
            c.lastActive = std::chrono::steady_clock::now();
            m_connections[id] = std::move(c);
        }
        if (evicted >= 0) {
            core::log::warning(m_name, std::to_string(m_maxConnections) + " connections: closed the one idle the longest (" +
                                        std::to_string(evicted) + ") to admit a new client");
            m_handler.onDisconnect(*this, evicted);
        }
        m_handler.onConnect(*this, id);
    }
}

std::vector<ConnectionId> TcpServer::connections() const {
    std::lock_guard lock(m_mutex);
    std::vector<ConnectionId> ids;
    for (const auto& [id, c] : m_connections) ids.push_back(id);
    return ids;
}

void TcpServer::loop() {
    m_loopThread.store(std::this_thread::get_id(), std::memory_order_relaxed);
    auto nextTick = std::chrono::steady_clock::now() + m_tick;
    while (m_running) {
        std::vector<pollfd> fds;
        std::vector<ConnectionId> ids;
        fds.push_back({m_listenFd, POLLIN, 0});
        fds.push_back({m_wakePipe[0], POLLIN, 0});
        {
            std::lock_guard lock(m_mutex);
            for (auto& [id, c] : m_connections) {
                short events = POLLIN;
                if (c.pending() > 0) events |= POLLOUT;
                fds.push_back({c.fd, events, 0});
                ids.push_back(id);
            }
        }
        int timeout = -1;
        if (m_tick.count() > 0) {
            // Round up: a truncated 0 ms timeout would spin until the tick is due.
            auto left = std::chrono::ceil<std::chrono::milliseconds>(nextTick - std::chrono::steady_clock::now()).count();
            timeout = left < 0 ? 0 : static_cast<int>(left);
        }
        int rc = ::poll(fds.data(), fds.size(), timeout);
        if (rc < 0 && errno != EINTR) {
            core::log::error(m_name, std::string("poll failed: ") + std::strerror(errno));
            break;
        }
        if (!m_running) break;
        if (fds[1].revents & POLLIN) {
            char buf[256];
            while (::read(m_wakePipe[0], buf, sizeof buf) > 0) {
            }
        }
        if (fds[0].revents & POLLIN) acceptClients();
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const auto id = ids[i];
            const auto& p = fds[i + 2];
            bool dead = false;
            {
                // Closed by an accept that made room (its fd number may already be reused).
                std::lock_guard lock(m_mutex);
                auto it = m_connections.find(id);
                if (it == m_connections.end() || it->second.fd != p.fd) continue;
            }
            if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
                char buf[65536];
                ssize_t n = ::recv(p.fd, buf, sizeof buf, 0);
                if (n > 0) {
                    {
                        std::lock_guard lock(m_mutex);
                        m_connections[id].lastActive = std::chrono::steady_clock::now();
                    }
                    m_handler.onData(*this, id, std::string_view(buf, static_cast<std::size_t>(n)));
                } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                    dead = true;
                }
            }
            if (!dead && (p.revents & POLLOUT)) {
                std::lock_guard lock(m_mutex);
                auto it = m_connections.find(id);
                if (it != m_connections.end() && it->second.pending() > 0) {
                    auto& c = it->second;
                    ssize_t n = ::send(p.fd, c.out.data() + c.outSent, c.pending(), MSG_NOSIGNAL);
                    if (n > 0) {
                        c.outSent += static_cast<std::size_t>(n);
                        if (c.outSent == c.out.size()) {
                            c.out.clear();
                            c.outSent = 0;
                        }
                    } else if (n < 0 && errno != EAGAIN && errno != EINTR) dead = true;
                }
            }
            bool closeNow = dead;
            {
                std::lock_guard lock(m_mutex);
                auto it = m_connections.find(id);
                if (it != m_connections.end() && it->second.closeAfterFlush && it->second.pending() == 0) closeNow = true;
            }
            if (closeNow) {
                {
                    std::lock_guard lock(m_mutex);
                    auto it = m_connections.find(id);
                    if (it == m_connections.end()) continue;
                    ::close(it->second.fd);
                    m_connections.erase(it);
                }
                m_handler.onDisconnect(*this, id);
            }
        }
        // Connections closed with nothing pending (their fd was not polled for output).
        std::vector<ConnectionId> finished;
        {
            std::lock_guard lock(m_mutex);
            for (auto& [id, c] : m_connections)
                if (c.closeAfterFlush && c.pending() == 0) finished.push_back(id);
            for (auto id : finished) {
                ::close(m_connections[id].fd);
                m_connections.erase(id);
            }
        }
        for (auto id : finished) m_handler.onDisconnect(*this, id);
        if (m_tick.count() > 0 && std::chrono::steady_clock::now() >= nextTick) {
            nextTick += m_tick;
            if (nextTick < std::chrono::steady_clock::now()) nextTick = std::chrono::steady_clock::now() + m_tick;
            m_handler.onTick(*this);
        }
    }
}

} // namespace v2gbench::transports
