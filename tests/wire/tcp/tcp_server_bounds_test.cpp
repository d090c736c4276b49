// The shared TcpServer's bounds (issue 9), which every v2gbench-sim service relies on: a client
// that lets replies pile up unread is disconnected at kMaxPendingOutput, and when the server is
// full a new client takes the place of the one idle the longest.
#include "../hostile_client.hpp"
#include "v2gbench/transports/tcp_server.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace std::chrono_literals;
using transports::ConnectionId;
using transports::TcpHandler;
using transports::TcpServer;

namespace {

// Answers every byte with 64 KiB: a client that does not read soon has megabytes pending.
class Amplifier : public TcpHandler {
public:
    void onData(TcpServer& server, ConnectionId id, std::string_view bytes) override {
        // Stops once the server refuses (the client was disconnected): the bytes the greedy client
        // queued meanwhile would otherwise cost thousands of 64 KiB strings (seconds under TSan).
        for (std::size_t i = 0; i < bytes.size(); ++i)
            if (!server.send(id, std::string(64 << 10, 'r'))) return;
    }
};

class Echo : public TcpHandler {
public:
    void onData(TcpServer& server, ConnectionId id, std::string_view bytes) override { server.send(id, bytes); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_server_bounds)

BOOST_AUTO_TEST_CASE(unread_output_over_the_bound_disconnects_that_client_only) {
    Amplifier amplifier;
    TcpServer server("amplifier", amplifier);
    const int port = server.listen(0);
    server.start();
    test::RawClient greedy(port, 4096);
    const auto deadline = test::SteadyClock::now() + 10s;
    while (server.overflowDisconnects() == 0 && test::SteadyClock::now() < deadline)
        if (greedy.write("x", 50ms) < 0) break;
    BOOST_TEST(greedy.closedByServer(2000ms));
    BOOST_TEST(server.overflowDisconnects() == 1u);
    BOOST_TEST(server.peakPendingOutput() <= TcpServer::kMaxPendingOutput);
    // A client that reads is served as before.
    test::RawClient fine(port);
    fine.write("y");
    std::size_t got = 0;
    while (got < (64u << 10)) {
        const auto chunk = fine.readUntil("never", 200ms);
        if (chunk.empty()) break;
        got += chunk.size();
    }
    BOOST_TEST(got == (64u << 10));
    server.stop();
}

BOOST_AUTO_TEST_CASE(a_full_server_admits_a_new_client_in_place_of_the_longest_idle) {
    Echo echo;
    TcpServer server("echo", echo);
    server.setMaxConnections(4);
    const int port = server.listen(0);
    server.start();
    std::vector<std::unique_ptr<test::RawClient>> idle;
    for (int i = 0; i < 4; ++i) idle.push_back(std::make_unique<test::RawClient>(port));
    // The last three speak (and are answered), so the first is the one idle the longest.
    for (int i = 1; i < 4; ++i) {
        idle[static_cast<std::size_t>(i)]->write("hi\n");
        BOOST_TEST(idle[static_cast<std::size_t>(i)]->readUntil("\n", 2000ms) == "hi\n");
    }
    test::RawClient newcomer(port);
    newcomer.write("new\n");
    BOOST_TEST(newcomer.readUntil("\n", 2000ms) == "new\n");
    BOOST_TEST(idle[0]->closedByServer(2000ms));
    BOOST_TEST(server.evictedConnections() == 1u);
    BOOST_TEST(server.connections().size() == 4u);
    idle[1]->write("still\n");
    BOOST_TEST(idle[1]->readUntil("\n", 2000ms) == "still\n");
    server.stop();
}

BOOST_AUTO_TEST_SUITE_END()
