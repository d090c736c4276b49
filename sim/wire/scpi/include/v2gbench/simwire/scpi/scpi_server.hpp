#pragma once
// The generic SCPI wire server: one simulated instrument on 127.0.0.1, driven by a dialect table
// read in reverse (headers matched in short or long form, optional nodes, numeric suffixes,
// arguments validated against the table's ranges) plus a ScpiModel that acts on the plant.
// Common commands (*IDN?, *RST, *CLS, *OPC?, *OPC, *WAI, *ESR?, *STB?) and SYSTem:ERRor[:NEXT]?
// are served here with a model-correct error queue (-113 Undefined header, -222 Data out of
// range, -102 Syntax error, ...). Accepts "\n", "\r\n" (pyvisa's default) and "\r" line ends.
// Faults for its service name: drop (close at the next request), delay (hold replies), garbage,
// stall (no answer until cleared; requests are discarded, as by a hung instrument).
//
// Bounds (issue 9): a program message is at most kMaxMessageBytes and ScpiMessageParser::kMaxUnits
// units; pending output per connection at most TcpServer::kMaxPendingOutput (then disconnected),
// replies held by a delay fault count towards it.
#include "v2gbench/simwire/fault_injector.hpp"
#include "v2gbench/simwire/line_splitter.hpp"
#include "v2gbench/simwire/scpi/scpi_message_parser.hpp"
#include "v2gbench/simwire/scpi/scpi_model.hpp"
#include "v2gbench/simwire/wire_service.hpp"
#include "v2gbench/transports/scpi_codec.hpp"
#include "v2gbench/transports/tcp_server.hpp"

#include <atomic>
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
    // A real instrument parses as bytes arrive and never holds a whole message; this one holds
    // one, so it refuses a longer one as a real instrument refuses data beyond its input buffer:
    // -223 "Too much data" in the error queue, the message discarded up to its terminator, the
    // connection kept (SCPI-99 §21.8.6; R&S and Keysight instruments report an overlong
    // message the same way rather than dropping the link). 64 KiB holds the longest legitimate
    // message (a 100-step list of numbers is ~2 KiB) thirty times over.
    static constexpr std::size_t kMaxMessageBytes = 64u << 10;

    ScpiServer(std::string serviceName, std::string protocol, const transports::ScpiDialect& dialect,
               std::unique_ptr<ScpiModel> model, std::shared_ptr<FaultInjector> faults);
    ~ScpiServer() override;

    std::string name() const override { return m_name; }
    std::string protocol() const override { return m_protocol; }
    int start(int port) override;
    void stop() noexcept override;
    std::vector<FaultKind> faultKinds() const override {
        return {FaultKind::DropConnection, FaultKind::DelayReplies, FaultKind::Garbage, FaultKind::StallStream};
    }

    const transports::ScpiDialect& dialect() const { return m_dialect; }
    // Executes one program message as if received on the wire; returns the response message
    // without terminator (empty when the message held no query). Thread-safe; used by the
    // socket handler and by tests of the parser.
    std::string process(std::string_view message);
    // Snapshot of the error queue (oldest first), for tests.
    std::deque<transports::scpi::ErrorEntry> errorQueue() const;
    // For tests of the bounds: the TCP server (pending output, disconnects) and the most input
    // any connection has had buffered.
    const transports::TcpServer& tcp() const { return m_server; }
    std::size_t peakBufferedInput() const { return m_peakInput.load(); }

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
    std::map<transports::ConnectionId, LineSplitter> m_input;
    struct Delayed {
        std::chrono::steady_clock::time_point due;
        transports::ConnectionId id;
        std::string bytes;
    };
    std::deque<Delayed> m_delayed;
    std::map<transports::ConnectionId, std::size_t> m_delayedBytes;
    std::atomic<std::size_t> m_peakInput{0};

    bool handleLine(transports::TcpServer& server, transports::ConnectionId id, std::string_view line);
    void hold(transports::TcpServer& server, transports::ConnectionId id, std::chrono::steady_clock::time_point due,
              std::string bytes);
};

} // namespace v2gbench::simwire::scpi
