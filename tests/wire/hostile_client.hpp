#pragma once
// Tools for the hostile-client tests of v2gbench-sim's services (issue 9): a raw non-blocking
// client that can flood a service or never read, the process's resident memory, and a probe that
// times a well-behaved client's round trip while an attack runs. Nothing sleeps: every wait is a
// poll() with a deadline.
#include "v2gbench/transports/tcp_stream.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace v2gbench::test {

using SteadyClock = std::chrono::steady_clock;

// Under AddressSanitizer freed memory stays in its quarantine (256 MiB by default) and every
// allocation carries redzones and shadow, so the resident set says nothing about what the services
// hold; the RSS bounds are asserted in the normal build (which CI runs too), and the sanitizer build
// checks the same attacks for memory errors.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kResidentSetIsMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kResidentSetIsMeaningful = false;
#else
inline constexpr bool kResidentSetIsMeaningful = true;
#endif
#else
inline constexpr bool kResidentSetIsMeaningful = true;
#endif

// This process's resident set (VmRSS) in KiB; the services under test run in it.
inline long residentKib() {
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmRSS:") {
            long kib = 0;
            in >> kib;
            return kib;
        }
        std::getline(in, key);
    }
    return -1;
}

// A client that does what a hostile one does: writes without reading, holds connections open.
class RawClient {
public:
    explicit RawClient(int port, int receiveBuffer = 0) {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (m_fd < 0) throw std::runtime_error("socket failed");
        // A small receive buffer makes "never reads" show on the server side sooner.
        if (receiveBuffer > 0) ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(port));
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 && errno != EINPROGRESS)
            throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " failed");
        pollfd p{m_fd, POLLOUT, 0};
        if (::poll(&p, 1, 2000) != 1) throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " timed out");
    }
    ~RawClient() {
        if (m_fd >= 0) ::close(m_fd);
    }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    // Writes as much of `bytes` as fits within `wait`; returns the bytes written, or -1 when the
    // server closed the connection.
    long write(std::string_view bytes, std::chrono::milliseconds wait = std::chrono::milliseconds(100)) {
        std::size_t done = 0;
        const auto deadline = SteadyClock::now() + wait;
        while (done < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                done += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return -1;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
            if (left <= 0) break;
            pollfd p{m_fd, POLLOUT, 0};
            ::poll(&p, 1, static_cast<int>(left));
            if (p.revents & (POLLERR | POLLHUP)) return -1;
        }
        return static_cast<long>(done);
    }
    // Reads whatever is there (up to `max`) without waiting; "" when nothing; sets closed().
    std::string readAvailable(std::size_t max = 1 << 16) {
        std::string out(max, '\0');
        const ssize_t n = ::recv(m_fd, out.data(), max, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) m_closed = true;
        out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
        return out;
    }
    // Reads until `terminator` arrives or `wait` passes.
    std::string readUntil(std::string_view terminator, std::chrono::milliseconds wait) {
        std::string got;
        const auto deadline = SteadyClock::now() + wait;
        while (got.find(terminator) == std::string::npos && !m_closed) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
            if (left <= 0) break;
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) == 1) got += readAvailable();
        }
        return got;
    }
    // True once the server has closed the connection (reads what arrives, and discards it).
    bool closedByServer(std::chrono::milliseconds wait) {
        const auto deadline = SteadyClock::now() + wait;
        while (!m_closed) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
            if (left <= 0) return false;
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) == 1) readAvailable();
        }
        return true;
    }
    bool closed() const { return m_closed; }
    int fd() const { return m_fd; }

private:
    int m_fd = -1;
    bool m_closed = false;
};

// Runs `attack` on its own thread until stop() (or its own end); joined on destruction.
class Attack {
public:
    template <class F>
    explicit Attack(F attack) : m_thread([this, attack]() mutable { attack(m_stop); }) {}
    ~Attack() { stop(); }
    void stop() {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// Round trip of one well-behaved request on a fresh connection, in seconds; throws on no reply
// within `timeout` (the drivers' default timeout is 2 s).
inline double roundTrip(int port, const std::string& request, const std::string& terminator = "\n",
                        double timeout = 2.0) {
    const auto t0 = SteadyClock::now();
    auto s = transports::TcpStream::connect("127.0.0.1", port, units::Seconds(timeout));
    s.writeAll(request, units::Seconds(timeout));
    s.readUntil(terminator, units::Seconds(timeout));
    return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

} // namespace v2gbench::test
