#pragma once
// A Modbus TCP server on 127.0.0.1 over libmodbus's server API (modbus_tcp_listen,
// modbus_receive, modbus_reply), for the wire-level simulated lab. One thread polls the listening
// socket and every client; each request is parsed, offered to the handler (which may inject a
// fault), then served from the handler's read()/write() through a modbus_mapping that covers
// exactly the requested range, so libmodbus builds every reply. Loopback only, by construction.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <thread>
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
    int exceptionCode = 0;               // for Exception: 1..11
    std::chrono::milliseconds delay{0};  // held before acting (interrupted by stop())
};

// Callbacks run on the server's thread, one at a time.
class ModbusRequestHandler {
public:
    virtual ~ModbusRequestHandler() = default;
    virtual ModbusDisposition dispose(const ModbusRequest&) { return {}; }
    // Fills out (one value per register or bit); returns 0 or a Modbus exception code.
    virtual int read(ModbusTable table, int address, std::span<std::uint16_t> out) = 0;
    // Applies values; returns 0 or a Modbus exception code (then nothing was applied).
    virtual int write(ModbusTable table, int address, std::span<const std::uint16_t> values) = 0;
};

class ModbusServer {
public:
    ModbusServer(std::string name, ModbusRequestHandler& handler);
    ~ModbusServer();
    ModbusServer(const ModbusServer&) = delete;
    ModbusServer& operator=(const ModbusServer&) = delete;

    // Binds 127.0.0.1:port (0 = ephemeral) and listens; returns the bound port.
    // Throws TransportError naming the server and the port.
    int listen(int port);
    void start();          // serves on its own thread
    void stop() noexcept;  // closes every connection and joins; idempotent
    int port() const { return m_port; }
    const std::string& name() const { return m_name; }

private:
    void loop();
    void serve(int fd);
    void closeClient(int fd);
    bool waitDelay(std::chrono::milliseconds delay); // false when stopping

    std::string m_name;
    ModbusRequestHandler& m_handler;
    void* m_ctx = nullptr; // modbus_t*
    int m_listenFd = -1;
    int m_wakePipe[2] = {-1, -1};
    int m_port = 0;
    std::vector<int> m_clients;
    std::atomic<bool> m_running{false};
    std::thread m_thread;
    std::mutex m_stopMutex;
    std::condition_variable m_stopCv;
    bool m_stopping = false;
};

} // namespace v2gbench::transports
