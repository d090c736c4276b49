#pragma once
// A SCPI conversation with one instrument over a raw TCP socket (VISA "TCPIP0::host::port::SOCKET"
// or "tcp://host:port"): line terminators per dialect, *IDN? identification, SYST:ERR? draining,
// *OPC? synchronisation, definite-length blocks, and every line sent or received recorded in the
// exchange log under the instrument's name.
//
// Failure policy: every failure (refused, timeout, closed, garbage, an instrument error in the
// queue) throws core::InstrumentError naming the instrument and the command. After a link-level
// failure the state of the conversation is unknown (a late reply could be taken for the answer
// to the next query), so the connection is closed and the next call reconnects.
// Not thread-safe: one owner (the driver).
#include "v2gbench/core/exchange_log.hpp"
#include "v2gbench/core/instrument.hpp"
#include "v2gbench/core/units.hpp"
#include "v2gbench/transports/scpi_codec.hpp"
#include "v2gbench/transports/tcp_stream.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::transports {

struct ScpiSessionOptions {
    std::string instrument;          // "grid (chroma-61800)": names errors and exchange records
    std::string host = "127.0.0.1";
    int port = 5025;
    std::string writeTerminator = "\n";
    std::string readTerminator = "\n";
    units::Seconds connectTimeout{3.0};
    units::Seconds timeout{2.0};     // per write and per reply
    bool checkErrors = true;         // drain SYST:ERR? after every write() (commissioning mode)
    int maxErrorsDrained = 32;       // a queue that never empties is itself an error
    core::ExchangeLog* log = nullptr;
};

class ScpiSession {
public:
    explicit ScpiSession(ScpiSessionOptions options); // does not connect yet
    ScpiSession(ScpiSession&&) noexcept = default;
    ScpiSession& operator=(ScpiSession&&) noexcept = default;

    const ScpiSessionOptions& options() const { return m_options; }
    const std::string& instrument() const { return m_options.instrument; }
    void setTimeout(units::Seconds timeout) { m_options.timeout = timeout; }
    void setCheckErrors(bool check) { m_options.checkErrors = check; }

    // Connects if not connected. Throws InstrumentError.
    void connect();
    bool isConnected() const { return m_stream.isOpen(); }
    void disconnect() noexcept { m_stream.close(); }

    // Sends one program message; with checkErrors, then drains the error queue and throws if it
    // held anything but 0,"No error".
    void write(std::string_view message);
    // Sends without looking at the error queue.
    void send(std::string_view message);
    // Sends a query and returns the reply line without its terminator.
    std::string query(std::string_view message);
    double queryNumber(std::string_view message);
    // Reply values separated by `separator` (',' for lists, ';' for chained queries).
    std::vector<double> queryNumbers(std::string_view message, char separator = ',');
    // A query answered with a definite-length block (#<n><len><data>, then the terminator).
    std::string queryBlock(std::string_view message);

    // *IDN? parsed; throws InstrumentError when the reply is not an identification.
    core::InstrumentIdentity identify();
    // SYST:ERR? until 0,"No error"; returns the errors it drained (the "after" command names
    // the exchange in any failure).
    std::vector<scpi::ErrorEntry> drainErrors(std::string_view after = {});
    // Throws InstrumentError naming `command` when the error queue holds anything.
    void checkErrors(std::string_view command);
    // *OPC? must answer 1.
    void synchronise();

    // Closes the link and throws InstrumentError(instrument, exchange, message).
    [[noreturn]] void fail(std::string_view exchange, const std::string& message);

private:
    void sendRaw(std::string_view message, std::string_view exchange);
    std::string readLine(std::string_view exchange);
    void record(core::Direction direction, const std::string& payload) noexcept;

    ScpiSessionOptions m_options;
    TcpStream m_stream;
};

} // namespace v2gbench::transports
