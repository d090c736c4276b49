// Hostile clients against the can-hub (issue 9): a raw-mode client that never reads must not make
// the hub buffer the bus for it (frames for it are dropped at the backlog bound, as socketcand's
// kernel socket queue would), and a delay fault must never put the hub's thread to sleep: other
// clients keep working, clear releases at once, stop() returns at once.
#include "../hostile_client.hpp"
#include "can_test_support.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace std::chrono_literals;
using simwire::can::CanHub;
using test::HubFixture;

namespace {

transports::CanFrame frame(std::uint32_t id) {
    transports::CanFrame f;
    f.id = id;
    f.extended = true;
    f.dlc = 8;
    for (int i = 0; i < 8; ++i) f.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(id + static_cast<std::uint32_t>(i));
    return f;
}

double seconds(test::SteadyClock::time_point since) {
    return std::chrono::duration<double>(test::SteadyClock::now() - since).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(can_hub_hostile_clients)

BOOST_AUTO_TEST_CASE(a_client_that_never_reads_loses_frames_not_the_hub_memory) {
    HubFixture f;
    test::RawClient idle(f.port, 4096);
    idle.write("< open can0 >< rawmode >");
    const auto t0 = test::SteadyClock::now();
    while (f.hub->rawClients() < 1 && seconds(t0) < 2.0) idle.readUntil(">", 10ms);
    BOOST_TEST_REQUIRE(f.hub->rawClients() == 1u);
    const long rssBefore = test::residentKib();
    std::atomic<bool> done{false};
    test::Attack flood([&](std::atomic<bool>& stop) {
        for (std::uint32_t i = 0; i < 400'000 && !stop; ++i) f.hub->send(frame(0x1000 + (i & 0xfff))); // ~18 MB of text
        done = true;
    });
    double worst = 0;
    while (!done) {
        const auto p0 = test::SteadyClock::now();
        auto c = f.client(); // greeting, open, rawmode: three round trips
        worst = std::max(worst, seconds(p0));
    }
    flood.stop();
    const long grown = test::residentKib() - rssBefore;
    BOOST_TEST_MESSAGE("can-hub: " << f.hub->framesDropped() << " frames dropped for the idle client, peak pending "
                                   << f.hub->tcp().peakPendingOutput() << " bytes, RSS +" << grown
                                   << " KiB, worst handshake " << worst * 1000 << " ms");
    BOOST_TEST(f.hub->framesDropped() > 0u);
    BOOST_TEST(f.hub->tcp().peakPendingOutput() <= CanHub::kMaxClientBacklog);
    BOOST_TEST(f.hub->tcp().overflowDisconnects() == 0u); // dropped frames, not the client
    if (test::kResidentSetIsMeaningful) BOOST_TEST(grown < 32 * 1024);                         // was +91 MB
    BOOST_TEST(worst < 2.0);
    // The idle client is still connected and, once it reads, gets what the bus carries now.
    while (!idle.readAvailable().empty()) {
    }
    BOOST_TEST(!idle.closed());
    auto reader = f.client();
    f.hub->send(frame(0x7ff0));
    const auto got = reader->receive(units::Seconds(2));
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST(got->id == 0x7ff0u);
}

BOOST_AUTO_TEST_CASE(a_delay_holds_replies_without_sleeping_and_clear_releases_them) {
    HubFixture f;
    f.context.faults->set("can-hub", {simwire::FaultKind::DelayReplies, 600'000});
    test::RawClient delayed(f.port);
    BOOST_TEST(delayed.readUntil(">", 100ms).empty()); // greeting held
    // The hub's thread is free: a frame sent by a node is handled at once (it is held per client).
    const auto t0 = test::SteadyClock::now();
    f.hub->send(frame(0x100));
    BOOST_TEST(seconds(t0) < 1.0);
    f.context.faults->clear("can-hub");
    const auto c0 = test::SteadyClock::now();
    BOOST_TEST(delayed.readUntil("< hi >", 2000ms).find("< hi >") != std::string::npos);
    BOOST_TEST(seconds(c0) < 1.0);
    // Stopping with a long delay active returns at once (it hung for the whole delay).
    f.context.faults->set("can-hub", {simwire::FaultKind::DelayReplies, 600'000});
    test::RawClient another(f.port);
    another.write("< open can0 >");
    const auto s0 = test::SteadyClock::now();
    f.hub->stop();
    BOOST_TEST(seconds(s0) < 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
