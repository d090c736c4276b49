// The Modbus TCP server request path (transports::ModbusServer + libmodbus + the simulated
// charger's SunSpec register map, as `v2gbench-sim` serves it as dut-sunspec). Each input is
// sent raw on a fresh connection, which is then half-closed; the server must answer what it can,
// close the connection within 2 s, and still serve a well-formed request on a new connection.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/simwire/modbus/sunspec_charger_service.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace v2gbench::fuzz {

namespace {

constexpr int kTimeoutMs = 2000;

struct Server {
    simwire::WireContext context;
    std::unique_ptr<simwire::WireService> service;
    int port = 0;
    Server() {
        core::DutRatings ratings;
        context.lab = std::make_shared<sim::SimLab>(ratings);
        context.faults = std::make_shared<simwire::FaultInjector>();
        context.ratings = ratings;
        service = simwire::modbus::makeSunSpecChargerService(context);
        port = service->start(0);
    }
};

Server& server() {
    static Server s; // stopped by its destructor at exit
    return s;
}

int connectTo(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    require(fd >= 0, "modbus harness: socket()");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    require(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "modbus harness: cannot connect");
    return fd;
}

// Reads until the server closes (returns the bytes) or the deadline passes (a finding).
std::string readToEnd(int fd, const char* what) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
    char buf[4096];
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        require(left.count() > 0, std::string("Modbus server: ") + what + ": connection still open 2 s after the client's end");
        pollfd p{fd, POLLIN, 0};
        const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return out; // closed (or reset)
        out.append(buf, static_cast<std::size_t>(n));
        require(out.size() < (1u << 20), std::string("Modbus server: ") + what + ": more than 1 MiB of replies");
    }
}

void sendAll(int fd, const std::uint8_t* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0) return; // the server closed on us: fine
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

} // namespace

int fuzzModbusServer(const std::uint8_t* data, std::size_t size) {
    Server& s = server();
    {
        const int fd = connectTo(s.port);
        sendAll(fd, data, size);
        ::shutdown(fd, SHUT_WR);
        (void)readToEnd(fd, "hostile request");
        ::close(fd);
    }
    // The server still answers: read holding registers 40000..40001 ("SunS").
    {
        const std::uint8_t read[] = {0x12, 0x34, 0, 0, 0, 6, 1, 0x03, 0x9C, 0x40, 0x00, 0x02};
        const int fd = connectTo(s.port);
        sendAll(fd, read, sizeof read);
        ::shutdown(fd, SHUT_WR);
        const std::string reply = readToEnd(fd, "well-formed request after the hostile one");
        ::close(fd);
        require(reply.size() == 13 && reply.substr(9) == "SunS",
                "Modbus server: no SunS reply to a well-formed request after the hostile one (" +
                    std::to_string(reply.size()) + " bytes)");
    }
    return 0;
}

} // namespace v2gbench::fuzz
