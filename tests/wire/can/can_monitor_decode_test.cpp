// Driver "can-monitor" decodes what it records (capability bus-decode): frames it receives and
// frames it sends, stamped with the session's clock (bench seconds, not the hub's Unix time),
// reassembled TP messages, nothing handed over twice.
#include "can_test_support.hpp"

#include "v2gbench/core/capabilities.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/drivers/can/can_drivers.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace v2gbench;
using namespace std::chrono_literals;
using transports::CanFrame;

namespace {

// A bench clock the test sets by hand.
class ManualClock : public core::Clock {
public:
    units::Seconds now() const override { return units::Seconds(m_now.load()); }
    units::Seconds waitFor(units::Seconds d, const std::function<bool()>&) override {
        m_now = m_now + d.value;
        return d;
    }
    bool isVirtual() const override { return true; }
    void set(double t) { m_now = t; }

private:
    std::atomic<double> m_now{0.0};
};

struct DecodeFixture {
    test::HubFixture hub;
    core::DriverRegistry registry;
    core::SessionContext session;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    test::TempDir dir{"can-decode"};
    std::unique_ptr<drivers::can::CanBusMonitor> monitor;

    DecodeFixture() {
        drivers::can::registerCanDrivers(registry);
        core::DriverRequest request{"can", core::ConnectionUri::parse("socketcand://127.0.0.1:" + std::to_string(hub.port) + "/can0"),
                                    {}, session, *clock};
        auto instrument = registry.createDriver("can-monitor", request);
        monitor.reset(dynamic_cast<drivers::can::CanBusMonitor*>(instrument.release()));
        BOOST_REQUIRE(monitor);
    }

    // Reads until `count` messages arrived or 5 s passed.
    std::vector<core::BusMessage> readAtLeast(std::size_t count, std::uint64_t& next) {
        std::vector<core::BusMessage> out;
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (out.size() < count && std::chrono::steady_clock::now() < deadline) {
            next = monitor->readMessages(next, out);
            if (out.size() < count) std::this_thread::sleep_for(2ms); // polled against the deadline
        }
        return out;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(can_monitor_decode, DecodeFixture)

BOOST_AUTO_TEST_CASE(received_and_sent_frames_are_decoded_in_bench_time) {
    BOOST_TEST(monitor->capabilities().has(core::capability::busDecode));
    monitor->startRecording(dir.file("trace.log"));
    auto charger = hub.client();
    clock->set(12.5);
    // CCS, charger 0x56 → EV 0xF4: 400.0 V (0x0FA0), some current, 3 min, charging permitted.
    charger->send(CanFrame::make(0x1812F456, true, {0xA0, 0x0F, 0xD8, 0x0E, 0x03, 0x00, 0xFD}));
    std::uint64_t next = 0;
    auto got = readAtLeast(1, next);
    BOOST_REQUIRE(got.size() == 1u);
    BOOST_TEST(got[0].name == "CCS");
    BOOST_TEST(got[0].sender == "charger");
    BOOST_TEST(got[0].time == 12.5);
    BOOST_REQUIRE(got[0].field("output voltage"));
    BOOST_TEST(got[0].field("output voltage")->value == 400.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(got[0].field("output current") != nullptr);

    // What the monitor itself sends is decoded too: BCL from the EV, at the clock's time then.
    clock->set(13.0);
    monitor->send(CanFrame::make(0x181056F4, true, {0x98, 0x11, 0x70, 0x0F, 0x02}));
    auto sent = readAtLeast(1, next);
    BOOST_REQUIRE(sent.size() == 1u);
    BOOST_TEST(sent[0].name == "BCL");
    BOOST_TEST(sent[0].time == 13.0);
    // Read once: from 0 again gives only what is still unread (nothing).
    std::vector<core::BusMessage> again;
    BOOST_TEST(monitor->readMessages(next, again) == next);
    BOOST_TEST(again.empty());
    monitor->stopRecording();
}

BOOST_AUTO_TEST_CASE(a_tp_transfer_is_reassembled) {
    monitor->startRecording(dir.file("trace.log"));
    auto ev = hub.client();
    auto charger = hub.client();
    clock->set(2.0);
    // BRM over TP (BMS 0xF4 → charger 0x56): RTS for 49 bytes in 7 packets, the charger's CTS,
    // then the packets.
    ev->send(CanFrame::make(0x1CEC56F4, true, {0x10, 0x31, 0x00, 0x07, 0xFF, 0x00, 0x02, 0x00}));
    std::uint64_t next = 0;
    auto got = readAtLeast(1, next);
    charger->send(CanFrame::make(0x1CECF456, true, {0x11, 0x07, 0x01, 0xFF, 0xFF, 0x00, 0x02, 0x00}));
    auto more = readAtLeast(1, next); // the CTS is in before the packets go
    got.insert(got.end(), more.begin(), more.end());
    for (std::uint8_t seq = 1; seq <= 7; ++seq)
        ev->send(CanFrame::make(0x1CEB56F4, true, {seq, 0x01, 0x01, 0x00, 0x03, 0xE8, 0x03, 0x78}));
    more = readAtLeast(8, next); // 7 TP.DT and the reassembled BRM
    got.insert(got.end(), more.begin(), more.end());
    const auto brm = std::find_if(got.begin(), got.end(), [](const auto& m) { return m.name == "BRM"; });
    BOOST_REQUIRE(brm != got.end());
    BOOST_TEST(brm->length == 49u);
    BOOST_TEST(brm->sender == "ev");
    BOOST_TEST(brm->time == 2.0);
    monitor->stopRecording();
}

BOOST_AUTO_TEST_SUITE_END()
