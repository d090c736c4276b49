#include "v2gbench/transports/modbus_server.hpp"

#include "v2gbench/transports/transport_error.hpp"

#include <modbus/modbus.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace v2gbench::transports {

namespace {

modbus_t* ctxOf(void* p) { return static_cast<modbus_t*>(p); }

int be16(const std::uint8_t* p) { return (p[0] << 8) | p[1]; }

// Bytes that are not Modbus TCP: a wrong transaction id and protocol id, and a length that
// promises more than will come, so a client cannot take them for a reply.
constexpr char kGarbage[] = "\xde\xad\xbe\xef garbage, not Modbus\r\n";

} // namespace

ModbusServer::ModbusServer(std::string name, ModbusRequestHandler& handler)
    : m_name(std::move(name)), m_handler(handler) {}

ModbusServer::~ModbusServer() { stop(); }

int ModbusServer::listen(int port) {
    const std::string where = m_name + " on 127.0.0.1:" + std::to_string(port);
    if (m_listenFd >= 0) throw TransportError(TransportError::Kind::Io, where + ": already listening");
    modbus_t* ctx = modbus_new_tcp("127.0.0.1", port);
    if (!ctx) throw TransportError(TransportError::Kind::Io, where + ": cannot create a Modbus context");
    const int fd = modbus_tcp_listen(ctx, 16);
    if (fd < 0) {
        const int err = errno;
        modbus_free(ctx);
        throw TransportError(TransportError::Kind::Io, where + ": cannot listen: " + std::strerror(err));
    }
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 || ::pipe2(m_wakePipe, O_CLOEXEC) != 0) {
        const int err = errno;
        ::close(fd);
        modbus_free(ctx);
        throw TransportError(TransportError::Kind::Io, where + ": " + std::strerror(err));
    }
    m_ctx = ctx;
    m_listenFd = fd;
    m_port = ntohs(addr.sin_port);
    return m_port;
}

void ModbusServer::start() {
    if (m_listenFd < 0) throw TransportError(TransportError::Kind::Io, m_name + ": start() before listen()");
    if (m_running.exchange(true)) return;
    {
        std::lock_guard lock(m_stopMutex);
        m_stopping = false;
    }
    m_thread = std::thread([this] { loop(); });
}

void ModbusServer::stop() noexcept {
    {
        std::lock_guard lock(m_stopMutex);
        m_stopping = true;
    }
    m_stopCv.notify_all();
    if (m_wakePipe[1] >= 0) {
        const char c = 'x';
        [[maybe_unused]] auto n = ::write(m_wakePipe[1], &c, 1);
    }
    if (m_thread.joinable()) m_thread.join();
    m_running = false;
    for (int fd : m_clients) ::close(fd);
    m_clients.clear();
    if (m_ctx) {
        modbus_set_socket(ctxOf(m_ctx), -1); // the sockets are ours; libmodbus must not close them again
        modbus_free(ctxOf(m_ctx));
        m_ctx = nullptr;
    }
    if (m_listenFd >= 0) ::close(m_listenFd);
    m_listenFd = -1;
    for (int& fd : m_wakePipe) {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
}

bool ModbusServer::waitDelay(std::chrono::milliseconds delay) {
    std::unique_lock lock(m_stopMutex);
    return !m_stopCv.wait_for(lock, delay, [this] { return m_stopping; });
}

void ModbusServer::closeClient(int fd) {
    ::close(fd);
    m_clients.erase(std::remove(m_clients.begin(), m_clients.end(), fd), m_clients.end());
}

void ModbusServer::loop() {
    while (true) {
        std::vector<pollfd> fds;
        fds.push_back({m_wakePipe[0], POLLIN, 0});
        fds.push_back({m_listenFd, POLLIN, 0});
        for (int fd : m_clients) fds.push_back({fd, POLLIN, 0});
        const int rc = ::poll(fds.data(), fds.size(), -1);
        if (rc < 0 && errno != EINTR) return;
        {
            std::lock_guard lock(m_stopMutex);
            if (m_stopping) return;
        }
        if (rc <= 0) continue;
        if (fds[1].revents & POLLIN) {
            const int client = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) m_clients.push_back(client);
        }
        for (std::size_t i = 2; i < fds.size(); ++i)
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) serve(fds[i].fd);
    }
}

void ModbusServer::serve(int fd) {
    modbus_t* ctx = ctxOf(m_ctx);
    modbus_set_socket(ctx, fd);
    std::uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    const int length = modbus_receive(ctx, query);
    if (length < 0) {
        // Closed by the client, or bytes that are not Modbus: drop that client.
        closeClient(fd);
        return;
    }
    if (length == 0) return; // not for us
    const int offset = modbus_get_header_length(ctx);
    if (length < offset + 5) {
        modbus_reply_exception(ctx, query, MODBUS_EXCEPTION_ILLEGAL_DATA_VALUE);
        return;
    }
    const std::uint8_t* pdu = query + offset;
    ModbusRequest req;
    req.unit = query[offset - 1];
    req.function = pdu[0];
    req.address = be16(pdu + 1);
    int maxCount = MODBUS_MAX_READ_REGISTERS;
    switch (req.function) {
    case MODBUS_FC_READ_COILS: req.table = ModbusTable::Coils; maxCount = MODBUS_MAX_READ_BITS; break;
    case MODBUS_FC_READ_DISCRETE_INPUTS: req.table = ModbusTable::DiscreteInputs; maxCount = MODBUS_MAX_READ_BITS; break;
    case MODBUS_FC_READ_HOLDING_REGISTERS: req.table = ModbusTable::HoldingRegisters; break;
    case MODBUS_FC_READ_INPUT_REGISTERS: req.table = ModbusTable::InputRegisters; break;
    case MODBUS_FC_WRITE_SINGLE_COIL: req.table = ModbusTable::Coils; req.write = true; break;
    case MODBUS_FC_WRITE_SINGLE_REGISTER: req.table = ModbusTable::HoldingRegisters; req.write = true; break;
    case MODBUS_FC_WRITE_MULTIPLE_COILS: req.table = ModbusTable::Coils; req.write = true; maxCount = MODBUS_MAX_WRITE_BITS; break;
    case MODBUS_FC_WRITE_MULTIPLE_REGISTERS: req.table = ModbusTable::HoldingRegisters; req.write = true; maxCount = MODBUS_MAX_WRITE_REGISTERS; break;
    default: break;
    }
    const bool known = req.function <= MODBUS_FC_WRITE_SINGLE_REGISTER || req.function == MODBUS_FC_WRITE_MULTIPLE_COILS ||
                       req.function == MODBUS_FC_WRITE_MULTIPLE_REGISTERS;
    int exception = known ? 0 : MODBUS_EXCEPTION_ILLEGAL_FUNCTION;
    if (known) {
        if (req.function == MODBUS_FC_WRITE_SINGLE_COIL || req.function == MODBUS_FC_WRITE_SINGLE_REGISTER) {
            req.count = 1;
            const int v = be16(pdu + 3);
            if (req.function == MODBUS_FC_WRITE_SINGLE_COIL && v != 0xFF00 && v != 0) exception = MODBUS_EXCEPTION_ILLEGAL_DATA_VALUE;
            req.values.push_back(static_cast<std::uint16_t>(req.function == MODBUS_FC_WRITE_SINGLE_COIL ? (v ? 1 : 0) : v));
        } else {
            req.count = be16(pdu + 3);
            if (req.count < 1 || req.count > maxCount) exception = MODBUS_EXCEPTION_ILLEGAL_DATA_VALUE;
            else if (req.function == MODBUS_FC_WRITE_MULTIPLE_REGISTERS) {
                if (length < offset + 6 + 2 * req.count) exception = MODBUS_EXCEPTION_ILLEGAL_DATA_VALUE;
                else
                    for (int i = 0; i < req.count; ++i) req.values.push_back(static_cast<std::uint16_t>(be16(pdu + 6 + 2 * i)));
            } else if (req.function == MODBUS_FC_WRITE_MULTIPLE_COILS) {
                if (length < offset + 6 + (req.count + 7) / 8) exception = MODBUS_EXCEPTION_ILLEGAL_DATA_VALUE;
                else
                    for (int i = 0; i < req.count; ++i) req.values.push_back((pdu[6 + i / 8] >> (i % 8)) & 1);
            }
        }
        if (!exception && req.address + req.count > 0x10000) exception = MODBUS_EXCEPTION_ILLEGAL_DATA_ADDRESS;
    }

    const ModbusDisposition d = m_handler.dispose(req);
    if (d.delay.count() > 0 && !waitDelay(d.delay)) return;
    switch (d.action) {
    case ModbusDisposition::Action::Drop: closeClient(fd); return;
    case ModbusDisposition::Action::Garbage:
        if (::send(fd, kGarbage, sizeof kGarbage - 1, MSG_NOSIGNAL) < 0) closeClient(fd);
        return;
    case ModbusDisposition::Action::Exception: {
        const int code = d.exceptionCode >= 1 && d.exceptionCode < MODBUS_EXCEPTION_MAX ? d.exceptionCode
                                                                                       : MODBUS_EXCEPTION_SLAVE_OR_SERVER_FAILURE;
        if (modbus_reply_exception(ctx, query, static_cast<unsigned>(code)) < 0) closeClient(fd);
        return;
    }
    case ModbusDisposition::Action::Serve: break;
    }
    if (exception) {
        if (modbus_reply_exception(ctx, query, static_cast<unsigned>(exception)) < 0) closeClient(fd);
        return;
    }

    // A mapping covering exactly the requested range: libmodbus checks the range and builds the reply.
    const bool bits = req.table == ModbusTable::Coils || req.table == ModbusTable::DiscreteInputs;
    std::vector<std::uint16_t> values(static_cast<std::size_t>(req.count));
    if (req.write) exception = m_handler.write(req.table, req.address, req.values);
    else exception = m_handler.read(req.table, req.address, values);
    if (exception) {
        if (modbus_reply_exception(ctx, query, static_cast<unsigned>(exception)) < 0) closeClient(fd);
        return;
    }
    const auto a = static_cast<unsigned>(req.address);
    const unsigned n = static_cast<unsigned>(req.count);
    modbus_mapping_t* map = nullptr;
    switch (req.table) {
    case ModbusTable::Coils: map = modbus_mapping_new_start_address(a, n, 0, 0, 0, 0, 0, 0); break;
    case ModbusTable::DiscreteInputs: map = modbus_mapping_new_start_address(0, 0, a, n, 0, 0, 0, 0); break;
    case ModbusTable::HoldingRegisters: map = modbus_mapping_new_start_address(0, 0, 0, 0, a, n, 0, 0); break;
    case ModbusTable::InputRegisters: map = modbus_mapping_new_start_address(0, 0, 0, 0, 0, 0, a, n); break;
    }
    if (!map) {
        modbus_reply_exception(ctx, query, MODBUS_EXCEPTION_SLAVE_OR_SERVER_FAILURE);
        return;
    }
    if (!req.write) {
        for (unsigned i = 0; i < n; ++i) {
            if (req.table == ModbusTable::Coils) map->tab_bits[i] = values[i] ? 1 : 0;
            else if (req.table == ModbusTable::DiscreteInputs) map->tab_input_bits[i] = values[i] ? 1 : 0;
            else if (req.table == ModbusTable::HoldingRegisters) map->tab_registers[i] = values[i];
            else map->tab_input_registers[i] = values[i];
        }
    }
    (void)bits;
    const int sent = modbus_reply(ctx, query, length, map);
    modbus_mapping_free(map);
    if (sent < 0) closeClient(fd);
}

} // namespace v2gbench::transports
