// Hostile clients against a Modbus service (issue 9): a client that sends a byte every 0.4 s,
// 200 half-open connections, and one that never reads each stalled every other client of the
// service. Now each connection keeps its own partial frame on a non-blocking server: another
// client is answered within the drivers' timeout throughout, and the buffers stay bounded.
#include "../hostile_client.hpp"
#include "modbus_rig.hpp"
#include "v2gbench/simwire/modbus/modbus_wire_service.hpp"
#include "v2gbench/transports/modbus_server.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace std::chrono_literals;
using test::RawClient;

namespace {

// Read holding registers (FC 3): `count` registers from 0, unit 1.
std::string readRequest(int count, int transaction = 1) {
    const unsigned char frame[] = {static_cast<unsigned char>(transaction >> 8), static_cast<unsigned char>(transaction),
                                   0, 0, 0, 6, 1, 3, 0, 0, 0, static_cast<unsigned char>(count)};
    return {reinterpret_cast<const char*>(frame), sizeof frame};
}

// A fresh well-behaved client's round trip of one request (any reply, exception included).
double probe(int port) {
    const auto t0 = test::SteadyClock::now();
    auto s = transports::TcpStream::connect("127.0.0.1", port, units::Seconds(2));
    s.writeAll(readRequest(1), units::Seconds(2));
    const auto header = s.readExactly(9, units::Seconds(2));
    if (static_cast<unsigned char>(header[7]) != 3 && static_cast<unsigned char>(header[7]) != 0x83)
        throw std::runtime_error("not a reply to FC 3");
    return std::chrono::duration<double>(test::SteadyClock::now() - t0).count();
}

const transports::ModbusServer& serverOf(const simwire::WireService& s) {
    return *dynamic_cast<const simwire::modbus::ModbusWireService&>(s).server();
}

} // namespace

BOOST_AUTO_TEST_SUITE(modbus_hostile_clients)

BOOST_AUTO_TEST_CASE(a_client_sending_a_byte_at_a_time_stalls_nobody) {
    test::ModbusRig rig;
    std::atomic<bool> done{false};
    test::Attack slow([&](std::atomic<bool>& stop) {
        RawClient c(rig.chargerPort);
        const auto request = readRequest(2);
        for (std::size_t i = 0; i < request.size() && !stop; ++i) {
            c.write(request.substr(i, 1));
            c.readUntil("never", 400ms); // the attacker's pace: one byte every 0.4 s
        }
        done = true;
    });
    double worst = 0;
    while (!done) worst = std::max(worst, probe(rig.chargerPort));
    slow.stop();
    BOOST_TEST_MESSAGE("modbus, byte every 0.4 s: worst other client " << worst * 1000 << " ms");
    BOOST_TEST(worst < 0.5); // was: stalled for the whole frame
    BOOST_TEST(serverOf(*rig.charger).peakBufferedInput() <= transports::ModbusServer::kMaxFrameBytes);
}

BOOST_AUTO_TEST_CASE(two_hundred_half_open_connections_lock_nobody_out) {
    test::ModbusRig rig;
    std::vector<std::unique_ptr<RawClient>> halfOpen;
    for (int i = 0; i < 200; ++i) {
        halfOpen.push_back(std::make_unique<RawClient>(rig.chargerPort));
        halfOpen.back()->write(readRequest(1).substr(0, 3)); // a frame begun, never finished
    }
    double worst = 0;
    for (int i = 0; i < 10; ++i) worst = std::max(worst, probe(rig.chargerPort));
    const auto& server = serverOf(*rig.charger);
    BOOST_TEST_MESSAGE("modbus, 200 half-open: worst other client " << worst * 1000 << " ms, "
                                                                     << server.tcp().evictedConnections() << " evicted");
    BOOST_TEST(worst < 2.0);
    BOOST_TEST(server.tcp().connections().size() <= server.tcp().maxConnections());
    BOOST_TEST(server.tcp().evictedConnections() > 0u);
}

BOOST_AUTO_TEST_CASE(a_client_that_never_reads_is_disconnected_at_the_output_bound) {
    test::ModbusRig rig;
    std::atomic<bool> done{false};
    bool disconnected = false;
    const auto& server = serverOf(*rig.charger);
    test::Attack flood([&](std::atomic<bool>& stop) {
        RawClient c(rig.chargerPort, 4096);
        std::string burst;
        for (int i = 0; i < 1000; ++i) burst += readRequest(125, i); // 257-byte replies
        const auto deadline = test::SteadyClock::now() + 30s;
        while (!stop && test::SteadyClock::now() < deadline)
            if (c.write(burst, 200ms) < 0 || server.tcp().overflowDisconnects() > 0) break;
        disconnected = c.closedByServer(5000ms);
        done = true;
    });
    double worst = 0;
    while (!done) worst = std::max(worst, probe(rig.chargerPort));
    flood.stop();
    BOOST_TEST_MESSAGE("modbus, never reads: peak pending " << server.tcp().peakPendingOutput() << " bytes, worst other "
                                                              << worst * 1000 << " ms");
    BOOST_TEST(disconnected);
    BOOST_TEST(server.tcp().overflowDisconnects() == 1u);
    BOOST_TEST(server.tcp().peakPendingOutput() <= transports::TcpServer::kMaxPendingOutput);
    BOOST_TEST(worst < 2.0);
}

BOOST_AUTO_TEST_CASE(a_frame_that_is_not_modbus_tcp_closes_only_its_connection) {
    test::ModbusRig rig;
    RawClient bad(rig.chargerPort);
    const unsigned char notModbus[] = {0, 1, 0, 5, 0xff, 0xff, 1, 3};
    bad.write(std::string(reinterpret_cast<const char*>(notModbus), sizeof notModbus));
    BOOST_TEST(bad.closedByServer(2000ms));
    BOOST_TEST(probe(rig.chargerPort) < 2.0);
}

BOOST_AUTO_TEST_CASE(a_delay_holds_only_replies_and_clear_releases_them) {
    test::ModbusRig rig;
    rig.faults->set("dut-sunspec", {simwire::FaultKind::DelayReplies, 600'000});
    RawClient c(rig.chargerPort);
    c.write(readRequest(1));
    BOOST_TEST(c.readUntil("never", 100ms).empty());
    rig.faults->clear("dut-sunspec");
    const auto t0 = test::SteadyClock::now();
    BOOST_TEST(c.readUntil("never", 300ms).size() >= 9u); // released at the next tick
    BOOST_TEST(std::chrono::duration<double>(test::SteadyClock::now() - t0).count() < 1.0);
    rig.faults->set("dut-sunspec", {simwire::FaultKind::DelayReplies, 600'000});
    c.write(readRequest(1));
    const auto s0 = test::SteadyClock::now();
    rig.charger->stop(); // returns at once; the held reply is dropped
    BOOST_TEST(std::chrono::duration<double>(test::SteadyClock::now() - s0).count() < 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
