// The loopback TCP server and client every wire protocol builds on.
#include "v2gbench/transports/tcp_server.hpp"
#include "v2gbench/transports/tcp_stream.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::transports;

namespace {

// Echoes every complete line back in upper case; "big" answers 1 MiB; "bye" closes.
class LineEcho : public TcpHandler {
public:
    void onData(TcpServer& server, ConnectionId id, std::string_view bytes) override {
        auto& buffer = m_buffers[id];
        buffer.append(bytes);
        std::size_t pos;
        while ((pos = buffer.find('\n')) != std::string::npos) {
            std::string line = buffer.substr(0, pos);
            buffer.erase(0, pos + 1);
            if (line == "big") server.send(id, std::string(1 << 20, 'x') + "\n");
            else if (line == "bye") server.close(id);
            else if (line == "silent") {
            } else {
                for (auto& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                server.send(id, line + "\n");
            }
        }
    }
    void onDisconnect(TcpServer&, ConnectionId id) override { m_buffers.erase(id); }

private:
    std::map<ConnectionId, std::string> m_buffers;
};

const units::Seconds kTimeout{2.0};

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_transport)

BOOST_AUTO_TEST_CASE(lines_blocks_and_partial_writes) {
    LineEcho echo;
    TcpServer server("echo", echo);
    const int port = server.listen(0);
    BOOST_TEST(port > 0);
    server.start();
    auto s = TcpStream::connect("127.0.0.1", port, kTimeout);
    s.writeAll("hello\nwor", kTimeout);
    BOOST_TEST(s.readUntil("\n", kTimeout) == "HELLO");
    s.writeAll("ld\n", kTimeout);
    BOOST_TEST(s.readUntil("\n", kTimeout) == "WORLD");
    s.writeAll("big\n", kTimeout);
    BOOST_TEST(s.readExactly(1 << 20, kTimeout).size() == std::size_t(1 << 20));
    BOOST_TEST(s.readUntil("\n", kTimeout).empty());
    server.stop();
}

BOOST_AUTO_TEST_CASE(timeout_close_and_refused_are_distinct_errors) {
    LineEcho echo;
    TcpServer server("echo", echo);
    const int port = server.listen(0);
    server.start();
    auto s = TcpStream::connect("127.0.0.1", port, kTimeout);
    s.writeAll("silent\n", kTimeout);
    try {
        s.readUntil("\n", units::Seconds(0.05));
        BOOST_FAIL("no timeout");
    } catch (const TransportError& e) {
        BOOST_TEST((e.kind() == TransportError::Kind::Timeout));
        BOOST_TEST(std::string(e.what()).find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    }
    s.writeAll("bye\n", kTimeout);
    try {
        s.readUntil("\n", kTimeout);
        BOOST_FAIL("no close");
    } catch (const TransportError& e) {
        BOOST_TEST((e.kind() == TransportError::Kind::Closed));
    }
    server.stop();
    try {
        TcpStream::connect("127.0.0.1", port, kTimeout);
        BOOST_FAIL("connected to a stopped server");
    } catch (const TransportError& e) {
        BOOST_TEST((e.kind() == TransportError::Kind::Refused));
    }
}

BOOST_AUTO_TEST_CASE(broadcast_reaches_every_client_but_the_sender) {
    class Relay : public TcpHandler {
    public:
        void onData(TcpServer& server, ConnectionId id, std::string_view bytes) override { server.broadcast(bytes, id); }
    } relay;
    TcpServer server("relay", relay);
    const int port = server.listen(0);
    server.start();
    auto a = TcpStream::connect("127.0.0.1", port, kTimeout);
    auto b = TcpStream::connect("127.0.0.1", port, kTimeout);
    auto c = TcpStream::connect("127.0.0.1", port, kTimeout);
    // Make sure all three are accepted before sending: each says hello and the others hear it.
    a.writeAll("x\n", kTimeout);
    BOOST_TEST(b.readUntil("\n", kTimeout) == "x");
    BOOST_TEST(c.readUntil("\n", kTimeout) == "x");
    b.writeAll("y\n", kTimeout);
    BOOST_TEST(a.readUntil("\n", kTimeout) == "y");
    BOOST_TEST(c.readUntil("\n", kTimeout) == "y");
    server.stop();
}

BOOST_AUTO_TEST_SUITE_END()
