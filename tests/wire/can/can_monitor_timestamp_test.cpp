// can-monitor on the real clock times frames by the adapter's frame time (socketcand's
// "< frame ID SECS.USECS … >", here the CAN hub on loopback), mapped onto bench time through the
// clock's wall epoch — not by when the monitor read them — and reports 1 µs as its resolution.
#include "can_test_support.hpp"

#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/drivers/can/can_drivers.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using transports::CanFrame;

namespace {

struct TimestampFixture {
    test::HubFixture hub;
    core::DriverRegistry registry;
    core::SessionContext session;
    core::RealClock clock;
    test::TempDir dir{"can-timestamp"};
    test::FrameQueue seen;
    std::unique_ptr<drivers::can::CanBusMonitor> monitor;

    TimestampFixture() {
        drivers::can::registerCanDrivers(registry);
        core::DriverRequest request{"can", core::ConnectionUri::parse("socketcand://127.0.0.1:" + std::to_string(hub.port) + "/can0"),
                                    {}, session, clock};
        auto instrument = registry.createDriver("can-monitor", request);
        monitor.reset(dynamic_cast<drivers::can::CanBusMonitor*>(instrument.release()));
        BOOST_REQUIRE(monitor);
        monitor->setObserver([this](const CanFrame& f, core::Direction) { seen.push(f); });
        monitor->startRecording(dir.file("trace.log"));
    }
    ~TimestampFixture() { monitor->stopRecording(); }

    // A frame as the hub's node puts it on the bus, stamped `benchSeconds` after the clock's epoch.
    void sendAt(double benchSeconds, CanFrame f) {
        const auto wall = *clock.wallEpoch() + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                                   std::chrono::duration<double>(benchSeconds));
        f.timestamp = std::chrono::duration_cast<std::chrono::microseconds>(wall.time_since_epoch());
        hub.hub->send(f);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(can_monitor_timestamps, TimestampFixture)

BOOST_AUTO_TEST_CASE(frames_carry_the_adapters_time_on_the_bench_time_base) {
    BOOST_TEST(monitor->timestampResolution().value == 1e-6);
    // BST then CST, 12.345 ms apart on the bus, both stamped long before the monitor reads them.
    sendAt(3.5, CanFrame::make(0x101956F4, true, {0x00, 0x00, 0xF0, 0xF0}));
    sendAt(3.512345, CanFrame::make(0x101AF456, true, {0x00, 0x00, 0xF0, 0xF0}));
    BOOST_REQUIRE(seen.pop());
    BOOST_REQUIRE(seen.pop());
    std::vector<core::BusMessage> got;
    monitor->readMessages(0, got);
    BOOST_REQUIRE_EQUAL(got.size(), 2u);
    BOOST_TEST(got[0].name == "BST");
    BOOST_TEST(got[1].name == "CST");
    // Exact to the microsecond the wire carries, however late the monitor got them.
    BOOST_TEST(got[0].time == 3.5, boost::test_tools::tolerance(2e-6 / 3.5));
    BOOST_TEST(got[1].time - got[0].time == 0.012345, boost::test_tools::tolerance(2e-6 / 0.012345));
}

BOOST_AUTO_TEST_CASE(a_frame_the_hub_stamps_on_arrival_is_near_the_clocks_now) {
    // A client's frame has no bus time of its own: the hub stamps it with the lab's wall clock,
    // as socketcand's kernel does, which the monitor maps onto bench time.
    auto client = hub.client();
    const double before = clock.now().value;
    client->send(CanFrame::make(0x1812F456, true, {0xA0, 0x0F, 0xD8, 0x0E, 0x03, 0x00, 0xFD}));
    BOOST_REQUIRE(seen.pop());
    const double after = clock.now().value;
    std::vector<core::BusMessage> got;
    monitor->readMessages(0, got);
    BOOST_REQUIRE_EQUAL(got.size(), 1u);
    // Same host, same system clock: between sending and the monitor seeing it (µs truncation aside).
    BOOST_TEST(got[0].time >= before - 1e-3);
    BOOST_TEST(got[0].time <= after + 1e-3);
}

BOOST_AUTO_TEST_SUITE_END()
