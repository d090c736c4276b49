// can-monitor on the real clock times frames by the adapter's frame time (socketcand's
// "< frame ID SECS.USECS … >", here the CAN hub on loopback), mapped onto bench time through the
// clock's wall epoch — not by when the monitor read them — and reports 1 µs as its resolution.
#include "can_test_support.hpp"

#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/drivers/can/can_drivers.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

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

namespace {

// A channel whose adapter gives no bus time (timestamp 0): what a socketcand server that sends
// "0.000000" or a driver without timestamps would hand the monitor. One BST, then silence.
class UnstampedChannel final : public transports::CanChannel {
public:
    void open() override { m_open = true; }
    void close() noexcept override { m_open = false; }
    bool isOpen() const override { return m_open; }
    void send(const CanFrame&) override {}
    std::optional<CanFrame> receive(units::Seconds timeout) override {
        if (!m_sent.exchange(true)) return CanFrame::make(0x101956F4, true, {0x00, 0x00, 0xF0, 0xF0});
        std::this_thread::sleep_for(std::chrono::duration<double>(std::min(timeout.value, 0.01)));
        return std::nullopt;
    }
    std::string busName() const override { return "can0"; }
    std::string name() const override { return "unstamped://can0"; }
    units::Seconds timestampResolution() const override { return units::Seconds(1e-6); }
    std::string timestampSource() const override { return "an adapter that stamps nothing"; }

private:
    bool m_open = false;
    std::atomic<bool> m_sent{false};
};

} // namespace

BOOST_AUTO_TEST_SUITE(can_monitor_timestamp_audit)

BOOST_AUTO_TEST_CASE(a_frame_without_a_bus_time_is_counted_as_timed_on_receipt) {
    core::RealClock clock;
    test::TempDir dir{"can-unstamped"};
    test::FrameQueue seen;
    drivers::can::CanBusMonitor monitor("can", std::make_unique<UnstampedChannel>(), nullptr, clock);
    BOOST_TEST(monitor.timestampSource() == "an adapter that stamps nothing");
    monitor.setObserver([&seen](const CanFrame& f, core::Direction) { seen.push(f); });
    BOOST_TEST(monitor.framesTimedOnReceipt() == 0u);
    monitor.startRecording(dir.file("trace.log"));
    BOOST_REQUIRE(seen.pop());
    monitor.stopRecording();
    // Counted, so that a check over it is not judged as if the bus had timed it.
    BOOST_TEST(monitor.framesTimedOnReceipt() == 1u);
}

BOOST_AUTO_TEST_CASE(socketcand_frames_carry_their_own_time) {
    TimestampFixture f;
    BOOST_TEST(f.monitor->timestampSource() == "socketcand frame time (SECONDS.MICROSECONDS)");
    f.sendAt(1.0, CanFrame::make(0x101956F4, true, {0x00, 0x00, 0xF0, 0xF0}));
    BOOST_REQUIRE(f.seen.pop());
    BOOST_TEST(f.monitor->framesTimedOnReceipt() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
