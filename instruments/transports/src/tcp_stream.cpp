#include "v2gbench/transports/tcp_stream.hpp"

#include "v2gbench/transports/transport_error.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace v2gbench::transports {

namespace {

using Clock = std::chrono::steady_clock;

int msLeft(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

Clock::time_point deadlineIn(units::Seconds t) {
    return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(t.value));
}

} // namespace

TcpStream TcpStream::connect(const std::string& host, int port, units::Seconds timeout) {
    const std::string peer = host + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        throw TransportError(TransportError::Kind::Io, peer + ": cannot resolve host: " + gai_strerror(rc));
    std::string lastError = "no address";
    TransportError::Kind kind = TransportError::Kind::Refused;
    const auto deadline = deadlineIn(timeout);
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            rc = ::poll(&p, 1, msLeft(deadline));
            if (rc == 0) {
                ::close(fd);
                kind = TransportError::Kind::Timeout;
                lastError = "connection timed out";
                continue;
            }
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            rc = err == 0 ? 0 : -1;
            errno = err;
        }
        if (rc == 0) {
            int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            ::freeaddrinfo(found);
            TcpStream s;
            s.m_fd = fd;
            s.m_peer = peer;
            return s;
        }
        lastError = std::strerror(errno);
        kind = errno == ECONNREFUSED ? TransportError::Kind::Refused : TransportError::Kind::Io;
        ::close(fd);
    }
    ::freeaddrinfo(found);
    throw TransportError(kind, peer + ": cannot connect: " + lastError);
}

TcpStream::~TcpStream() { close(); }

TcpStream::TcpStream(TcpStream&& other) noexcept
    : m_fd(other.m_fd), m_peer(std::move(other.m_peer)), m_buffer(std::move(other.m_buffer)), m_offset(other.m_offset) {
    other.m_fd = -1;
}

TcpStream& TcpStream::operator=(TcpStream&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = other.m_fd;
        m_peer = std::move(other.m_peer);
        m_buffer = std::move(other.m_buffer);
        m_offset = other.m_offset;
        other.m_fd = -1;
    }
    return *this;
}

void TcpStream::close() noexcept {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
    m_offset = 0;
}

void TcpStream::writeAll(std::string_view bytes, units::Seconds timeout) {
    if (m_fd < 0) throw TransportError(TransportError::Kind::Closed, m_peer + ": not connected");
    const auto deadline = deadlineIn(timeout);
    while (!bytes.empty()) {
        ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{m_fd, POLLOUT, 0};
            if (::poll(&p, 1, msLeft(deadline)) == 0)
                throw TransportError(TransportError::Kind::Timeout, m_peer + ": write timed out");
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        const auto kind = errno == EPIPE || errno == ECONNRESET ? TransportError::Kind::Closed : TransportError::Kind::Io;
        throw TransportError(kind, m_peer + ": write failed: " + std::strerror(errno));
    }
}

bool TcpStream::fill(units::Seconds timeout) {
    if (m_fd < 0) throw TransportError(TransportError::Kind::Closed, m_peer + ": not connected");
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    const auto deadline = deadlineIn(timeout);
    // Wait first: right after a request the reply is almost never there yet, and a recv() that
    // fails with EAGAIN is a wasted system call on every round trip.
    pollfd first{m_fd, POLLIN, 0};
    if (::poll(&first, 1, msLeft(deadline)) == 0) return false;
    while (true) {
        char chunk[65536];
        ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            m_buffer.append(chunk, static_cast<std::size_t>(n));
            return true;
        }
        if (n == 0) throw TransportError(TransportError::Kind::Closed, m_peer + ": connection closed by the instrument");
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            throw TransportError(errno == ECONNRESET ? TransportError::Kind::Closed : TransportError::Kind::Io,
                                 m_peer + ": read failed: " + std::strerror(errno));
        pollfd p{m_fd, POLLIN, 0};
        int rc = ::poll(&p, 1, msLeft(deadline));
        if (rc == 0) return false;
    }
}

std::string TcpStream::readUntil(std::string_view terminator, units::Seconds timeout, std::size_t maxBytes) {
    const auto deadline = deadlineIn(timeout);
    std::size_t scanned = 0; // bytes after m_offset already searched (fill() may move m_offset to 0)
    while (true) {
        auto pos = m_buffer.find(terminator, m_offset + scanned);
        if (pos != std::string::npos) {
            std::string line = m_buffer.substr(m_offset, pos - m_offset);
            m_offset = pos + terminator.size();
            return line;
        }
        const std::size_t pending = m_buffer.size() - m_offset;
        if (pending > maxBytes)
            throw TransportError(TransportError::Kind::Protocol, m_peer + ": no terminator within " +
                                                                     std::to_string(maxBytes) + " bytes");
        scanned = pending >= terminator.size() ? pending - terminator.size() + 1 : 0;
        const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
        if (left <= 0 || !fill(units::Seconds(left)))
            throw TransportError(TransportError::Kind::Timeout, m_peer + ": no reply within " +
                                                                    std::to_string(static_cast<int>(timeout.value * 1000)) + " ms");
    }
}

std::string TcpStream::readExactly(std::size_t count, units::Seconds timeout) {
    const auto deadline = deadlineIn(timeout);
    while (m_buffer.size() - m_offset < count) {
        const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
        if (left <= 0 || !fill(units::Seconds(left)))
            throw TransportError(TransportError::Kind::Timeout, m_peer + ": " + std::to_string(count) +
                                                                    " bytes did not arrive within " +
                                                                    std::to_string(static_cast<int>(timeout.value * 1000)) + " ms");
    }
    std::string out = m_buffer.substr(m_offset, count);
    m_offset += count;
    return out;
}

void TcpStream::drain(units::Seconds quiet) {
    m_buffer.clear();
    m_offset = 0;
    try {
        while (fill(quiet)) {
            m_buffer.clear();
            m_offset = 0;
        }
    } catch (const TransportError&) {
    }
    m_buffer.clear();
    m_offset = 0;
}

} // namespace v2gbench::transports
