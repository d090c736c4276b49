#pragma once
// CanChannel over the socketcand protocol in raw mode: the socketcand daemon in front of a real
// SocketCAN interface, or the simulated lab's CAN hub. URI "socketcand://HOST:PORT/BUS".
#include "v2gbench/transports/can_channel.hpp"
#include "v2gbench/transports/socketcand_protocol.hpp"
#include "v2gbench/transports/tcp_stream.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <deque>
#include <mutex>
#include <string>

namespace v2gbench::transports {

inline constexpr int socketcandDefaultPort = 29536;

struct SocketcandEndpoint {
    std::string host = "127.0.0.1";
    int port = socketcandDefaultPort;
    std::string bus = "can0";
    units::Seconds timeout{2.0}; // connect, each handshake reply, each send
};

class SocketcandChannel : public CanChannel {
public:
    explicit SocketcandChannel(SocketcandEndpoint endpoint);
    ~SocketcandChannel() override;

    // Connects, expects "< hi >", opens the bus, switches to raw mode. Throws TransportError
    // naming host:port and the bus: Refused/Timeout/Closed from the link, Protocol when the
    // server answers "< error ... >" or something that is not the protocol.
    void open() override;
    void close() noexcept override;
    bool isOpen() const override { return m_stream.isOpen(); }
    void send(const CanFrame& frame) override;
    // Skips "< ok >"/"< echo >"; "< error ... >" throws Protocol with the server's text.
    std::optional<CanFrame> receive(units::Seconds timeout) override;
    std::string busName() const override { return m_endpoint.bus; }
    std::string name() const override;
    // socketcand's "< frame ID SECONDS.MICROSECONDS DATA >": 1 µs.
    units::Seconds timestampResolution() const override { return units::Seconds(1e-6); }
    std::string timestampSource() const override { return "socketcand frame time (SECONDS.MICROSECONDS)"; }

    // Hub extension (not socketcand): "< loopback on|off >" asks the CAN hub to echo this
    // client's own frames back to it. The real socketcand daemon answers "< error ... >".
    void setLoopback(bool on);

private:
    SocketcandMessage readMessage(units::Seconds timeout); // throws TransportError
    void expectOk(const std::string& command);
    [[noreturn]] void fail(const TransportError& e, const std::string& during) const;

    SocketcandEndpoint m_endpoint;
    TcpStream m_stream;
    std::mutex m_sendMutex;
    std::mutex m_receiveMutex;
    std::deque<CanFrame> m_pending; // frames read while waiting for a command's reply
};

} // namespace v2gbench::transports
