// Our socketcand client against our CAN hub: the bus, loopback, in-process nodes, faults.
#include "can_test_support.hpp"

#include "v2gbench/transports/tcp_stream.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::transports;
using test::HubFixture;

namespace {

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const TransportError& e) {
        return e.what();
    }
    return "no error";
}

bool contains(const std::string& text, const std::string& part) {
    if (text.find(part) != std::string::npos) return true;
    BOOST_TEST_MESSAGE("'" << text << "' does not contain '" << part << "'");
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(can_hub)

BOOST_AUTO_TEST_CASE(frame_from_one_client_reaches_the_other_not_the_sender) {
    HubFixture hub;
    auto a = hub.client();
    auto b = hub.client();
    BOOST_TEST(hub.hub->rawClients() == 2u);
    const auto before = std::chrono::system_clock::now();
    auto f1 = CanFrame::make(0x1CEC56F4, true, {0x10, 0x31, 0x00, 0x07, 0xFF, 0x00, 0x02, 0x00});
    a->send(f1);
    auto got = b->receive(units::Seconds(5));
    BOOST_REQUIRE(got);
    BOOST_TEST(got->sameContent(f1));
    // Stamped by the hub's clock, in Unix time.
    const auto stamped = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(got->timestamp));
    BOOST_TEST(std::chrono::duration<double>(stamped - before).count() > -1.0);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::system_clock::now() - stamped).count() < 5.0);
    // b answers after it saw f1: without loopback, the first frame a sees is b's, not its own.
    auto f2 = CanFrame::make(0x123, false, {0xAB});
    b->send(f2);
    auto back = a->receive(units::Seconds(5));
    BOOST_REQUIRE(back);
    BOOST_TEST(back->sameContent(f2));
    BOOST_TEST(!back->extended);
    BOOST_TEST(hub.hub->framesForwarded() == 2u);
}

BOOST_AUTO_TEST_CASE(loopback_per_client_and_per_hub) {
    HubFixture hub;
    auto a = hub.client();
    auto b = hub.client();
    a->setLoopback(true);
    auto f = CanFrame::make(0x0C3956F4, true, {0x05, 0xA0, 0x00, 0xFF});
    a->send(f);
    auto own = a->receive(units::Seconds(5));
    BOOST_REQUIRE(own);
    BOOST_TEST(own->sameContent(f));
    auto other = b->receive(units::Seconds(5));
    BOOST_REQUIRE(other);
    BOOST_TEST(other->sameContent(f));

    HubFixture echoing(simwire::can::CanHubOptions{"can0", true});
    auto c = echoing.client();
    c->send(f);
    auto echoed = c->receive(units::Seconds(5));
    BOOST_REQUIRE(echoed);
    BOOST_TEST(echoed->sameContent(f));
    c->setLoopback(false);
    auto d = echoing.client(); // loopback on by the hub's option
    c->send(f);
    auto atD = d->receive(units::Seconds(5));
    BOOST_REQUIRE(atD);
    BOOST_TEST(atD->sameContent(f));
    auto marker = CanFrame::make(0x1, false, {});
    d->send(marker); // handled after c's f: c sees the marker first, so f was not echoed to c
    auto next = c->receive(units::Seconds(5));
    BOOST_REQUIRE(next);
    BOOST_TEST(next->sameContent(marker));
    auto dOwn = d->receive(units::Seconds(5));
    BOOST_REQUIRE(dOwn);
    BOOST_TEST(dOwn->sameContent(marker));
}

BOOST_AUTO_TEST_CASE(in_process_nodes_see_clients_and_each_other) {
    HubFixture hub;
    test::FrameQueue seenByCharger, seenByLogger;
    auto charger = hub.hub->attach([&](const CanFrame& f) { seenByCharger.push(f); });
    auto logger = hub.hub->attach([&](const CanFrame& f) { seenByLogger.push(f); });
    auto ev = hub.client();

    auto bhm = CanFrame::make(0x182756F4, true, {0xD8, 0x0F});
    ev->send(bhm);
    auto atCharger = seenByCharger.pop();
    BOOST_REQUIRE(atCharger);
    BOOST_TEST(atCharger->sameContent(bhm));
    BOOST_TEST(atCharger->timestamp.count() > 0);

    auto chm = CanFrame::make(0x1826F456, true, {0x01, 0x01, 0x00});
    hub.hub->send(chm, charger);
    auto atEv = ev->receive(units::Seconds(5));
    BOOST_REQUIRE(atEv);
    BOOST_TEST(atEv->sameContent(chm));
    auto atLogger = seenByLogger.pop();
    BOOST_REQUIRE(atLogger);
    BOOST_TEST(atLogger->sameContent(bhm));
    atLogger = seenByLogger.pop();
    BOOST_REQUIRE(atLogger);
    BOOST_TEST(atLogger->sameContent(chm));
    // The charger got bhm only: not its own chm.
    BOOST_TEST(seenByCharger.size() == 0u);

    hub.hub->detach(charger);
    ev->send(bhm);
    BOOST_REQUIRE(seenByLogger.pop());
    BOOST_TEST(seenByCharger.size() == 0u);
    BOOST_CHECK_THROW(hub.hub->send(CanFrame{0x800, false}), std::invalid_argument);
    hub.hub->detach(logger);
}

BOOST_AUTO_TEST_CASE(handshake_errors_name_endpoint_and_bus) {
    HubFixture hub;
    const std::string where = "127.0.0.1:" + std::to_string(hub.port);
    auto wrongBus = errorOf([&] { hub.client("can7"); });
    BOOST_TEST(contains(wrongBus, "socketcand bus 'can7'"));
    BOOST_TEST(contains(wrongBus, where));
    BOOST_TEST(contains(wrongBus, "during open can7"));
    BOOST_TEST(contains(wrongBus, "could not open bus 'can7'"));

    SocketcandChannel notOpen(hub.endpoint());
    BOOST_TEST(contains(errorOf([&] { notOpen.send(CanFrame::make(1, false, {})); }), "send before open()"));

    // A raw client that breaks the protocol gets "< error ... >", which our client reports.
    auto raw = TcpStream::connect("127.0.0.1", hub.port, units::Seconds(2));
    BOOST_TEST(raw.readUntil(">", units::Seconds(2)) == "< hi ");
    raw.writeAll("< send 123 1 AA >", units::Seconds(2));
    BOOST_TEST(contains(raw.readUntil(">", units::Seconds(2)), "< error send is accepted in raw mode only"));
    raw.writeAll("< frobnicate >", units::Seconds(2));
    BOOST_TEST(contains(raw.readUntil(">", units::Seconds(2)), "unknown command 'frobnicate'"));

    hub.hub->stop();
    auto refused = errorOf([&] { hub.client(); });
    BOOST_TEST(contains(refused, where));
    BOOST_TEST(contains(refused, "bus 'can0'"));
    BOOST_TEST(contains(refused, "during connect"));
}

BOOST_AUTO_TEST_CASE(malformed_send_is_refused_and_reported_to_the_client) {
    HubFixture hub;
    auto a = hub.client();
    auto raw = TcpStream::connect("127.0.0.1", hub.port, units::Seconds(2));
    raw.readUntil(">", units::Seconds(2));
    raw.writeAll("< open can0 >", units::Seconds(2));
    BOOST_TEST(raw.readUntil(">", units::Seconds(2)) == "< ok ");
    raw.writeAll("< rawmode >", units::Seconds(2));
    BOOST_TEST(raw.readUntil(">", units::Seconds(2)) == "< ok ");
    raw.writeAll("< send 123 2 11 >", units::Seconds(2));
    BOOST_TEST(contains(raw.readUntil(">", units::Seconds(2)), "length 2 but 1 data bytes"));
    // Nothing reached the bus: the next frame a sees is the valid one.
    raw.writeAll("< send 123 1 11 >", units::Seconds(2));
    auto f = a->receive(units::Seconds(5));
    BOOST_REQUIRE(f);
    BOOST_TEST(f->id == 0x123u);
    BOOST_TEST(f->dlc == 1);
}

BOOST_AUTO_TEST_CASE(faults_become_clear_errors) {
    HubFixture hub;
    const std::string where = "127.0.0.1:" + std::to_string(hub.port);
    auto& faults = *hub.context.faults;

    faults.set("can-hub", {simwire::FaultKind::DropConnection, 0});
    auto dropped = errorOf([&] { hub.client(); });
    BOOST_TEST(contains(dropped, where));
    BOOST_TEST(contains(dropped, "during greeting"));
    BOOST_TEST(contains(dropped, "closed"));

    faults.set("can-hub", {simwire::FaultKind::Garbage, 0});
    auto garbage = errorOf([&] { hub.client(); });
    BOOST_TEST(contains(garbage, "not the socketcand protocol"));
    BOOST_TEST(contains(garbage, "bus 'can0'"));

    faults.set("can-hub", {simwire::FaultKind::DelayReplies, 400});
    auto slow = errorOf([&] { hub.client("can0", 0.1); });
    BOOST_TEST(contains(slow, "during greeting"));
    BOOST_TEST(contains(slow, "no reply within 100 ms"));

    // Faults that start mid-session: garbage instead of a forwarded frame, then a drop.
    faults.clearAll();
    auto a = hub.client();
    auto b = hub.client();
    faults.set("can-hub", {simwire::FaultKind::Garbage, 0});
    a->send(CanFrame::make(0x10, false, {1}));
    auto bad = errorOf([&] { b->receive(units::Seconds(5)); });
    BOOST_TEST(contains(bad, "not the socketcand protocol"));
    BOOST_TEST(contains(bad, "receiving"));
    faults.set("can-hub", {simwire::FaultKind::DropConnection, 0});
    a->send(CanFrame::make(0x10, false, {2})); // the hub closes a instead of forwarding
    auto closed = errorOf([&] { a->receive(units::Seconds(5)); });
    BOOST_TEST(contains(closed, "closed"));
    BOOST_TEST(contains(closed, where));
}

BOOST_AUTO_TEST_SUITE_END()
