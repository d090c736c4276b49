#pragma once
// The generic SCPI wire server: one simulated instrument on 127.0.0.1, driven by a dialect table
// read in reverse (headers matched in short or long form, optional nodes, numeric suffixes,
// arguments validated against the table's ranges) plus a ScpiModel that acts on the plant.
// Common commands (*IDN?, *RST, *CLS, *OPC?, *OPC, *WAI, *ESR?, *STB?) and SYSTem:ERRor[:NEXT]?
// are served here with a model-correct error queue (-113 Undefined header, -222 Data out of
// range, -102 Syntax error, ...). Accepts "\n", "\r\n" (pyvisa's default) and "\r" line ends.
// Faults for its service name: drop (close at the next request), delay (hold replies), garbage.
#include "v2gbench/simwire/fault_injector.hpp"
#include "v2gbench/simwire/scpi/scpi_message_parser.hpp"
#include "v2gbench/simwire/scpi/scpi_model.hpp"
#include "v2gbench/simwire/wire_service.hpp"
#include "v2gbench/transports/scpi_codec.hpp"
#include "v2gbench/transports/tcp_server.hpp"

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace v2gbench::simwire::scpi {

class ScpiServer final : public WireService, private transports::TcpHandler {
public:
    static constexpr std::size_t kErrorQueueSize = 16;

    ScpiServer(std::string serviceName, std::string protocol, const transports::ScpiDialect& dialect,
               std::unique_ptr<ScpiModel> model, std::shared_ptr<FaultInjector> faults);
    ~ScpiServer() override;

    std::string name() const override { return m_name; }
    std::string protocol() const override { return m_protocol; }
    int start(int port) override;
    void stop() noexcept override;

    const transports::ScpiDialect& dialect() const { return m_dialect; }
    // Executes one program message as if received on the wire; returns the response message
    // without terminator (empty when the message held no query). Thread-safe; used by the
    // socket handler and by tests of the parser.
    std::string process(std::string_view message);
    // Snapshot of the error queue (oldest first), for tests.
    std::deque<transports::scpi::ErrorEntry> errorQueue() const;

private:
    void onData(transports::TcpServer& server, transports::ConnectionId id, std::string_view bytes) override;
    void onDisconnect(transports::TcpServer& server, transports::ConnectionId id) override;
    void onTick(transports::TcpServer& server) override;

    std::string executeUnit(const ScpiProgramUnit& unit);
    std::string executeCommon(const ScpiProgramUnit& unit);
    void pushError(int code, const std::string& text);

    std::string m_name;
    std::string m_protocol;
    const transports::ScpiDialect& m_dialect;
    std::unique_ptr<ScpiModel> m_model;
    std::shared_ptr<FaultInjector> m_faults;
    transports::TcpServer m_server;
    bool m_started = false;

    mutable std::mutex m_mutex; // the model and the error queue
    std::deque<transports::scpi::ErrorEntry> m_errors;

    // Server-thread state.
    std::map<transports::ConnectionId, std::string> m_input;
    struct Delayed {
        std::chrono::steady_clock::time_point due;
        transports::ConnectionId id;
        std::string bytes;
    };
    std::deque<Delayed> m_delayed;
};

} // namespace v2gbench::simwire::scpi
