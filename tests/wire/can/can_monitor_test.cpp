// Driver "can-monitor": built through the registry like the bench will, recording a candump
// trace of the hub's bus that parses back.
#include "can_test_support.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/drivers/can/can_bus_monitor.hpp"
#include "v2gbench/drivers/can/can_drivers.hpp"
#include "v2gbench/transports/can_dump_reader.hpp"

#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>
#include <vector>

using namespace v2gbench;
using namespace v2gbench::transports;
using drivers::can::CanBusMonitor;

namespace {

class RecordingLog : public core::ExchangeLog {
public:
    void record(const std::string& instrument, core::Direction direction,
                const std::string& payload) noexcept override {
        std::lock_guard lock(m_mutex);
        entries.push_back(instrument + (direction == core::Direction::ToInstrument ? " > " : " < ") + payload);
    }
    std::vector<std::string> snapshot() {
        std::lock_guard lock(m_mutex);
        return entries;
    }

private:
    std::mutex m_mutex;
    std::vector<std::string> entries;
};

struct MonitorFixture {
    test::HubFixture hub;
    core::DriverRegistry registry;
    core::SessionContext session;
    core::RealClock clock;
    RecordingLog exchanges;
    MonitorFixture() {
        drivers::can::registerCanDrivers(registry);
        session.exchanges = &exchanges;
    }
    std::unique_ptr<CanBusMonitor> create(const std::string& uri, const std::map<std::string, std::string>& options = {}) {
        core::DriverRequest request{"can", core::ConnectionUri::parse(uri), registry.driverOptions("can-monitor", options),
                                    session, clock};
        auto instrument = registry.createDriver("can-monitor", request);
        auto* monitor = dynamic_cast<CanBusMonitor*>(instrument.get());
        BOOST_REQUIRE(monitor);
        instrument.release();
        return std::unique_ptr<CanBusMonitor>(monitor);
    }
    std::string uri() const { return "socketcand://127.0.0.1:" + std::to_string(hub.port) + "/can0"; }
};

std::string instrumentErrorOf(const std::function<void()>& f, core::InstrumentError* out = nullptr) {
    try {
        f();
    } catch (const core::InstrumentError& e) {
        if (out) *out = e;
        return e.what();
    }
    return "no error";
}

} // namespace

BOOST_AUTO_TEST_SUITE(can_monitor)

BOOST_AUTO_TEST_CASE(registered_with_role_can) {
    core::DriverRegistry registry;
    drivers::can::registerCanDrivers(registry);
    BOOST_REQUIRE(registry.hasDriver("can-monitor"));
    BOOST_TEST(registry.driverInfo("can-monitor")->role == "can");
}

BOOST_AUTO_TEST_CASE(records_received_and_sent_frames_to_a_candump_trace) {
    MonitorFixture fx;
    test::TempDir dir("can-monitor");
    auto monitor = fx.create(fx.uri());
    test::FrameQueue observed;
    monitor->setObserver([&](const CanFrame& f, core::Direction) { observed.push(f); });
    const std::string trace = dir.file("can.candump.log");
    monitor->startRecording(trace);
    BOOST_TEST(monitor->isRecording());

    auto ev = fx.hub.client();
    std::vector<CanFrame> sent = {CanFrame::make(0x182756F4, true, {0xD8, 0x0F}),
                                  CanFrame::make(0x1CEC56F4, true, {0x10, 0x31, 0x00, 0x07, 0xFF, 0x00, 0x02, 0x00}),
                                  CanFrame::make(0x123, false, {})};
    for (const auto& f : sent)
        ev->send(f);
    for (const auto& f : sent) {
        auto seen = observed.pop();
        BOOST_REQUIRE(seen);
        BOOST_TEST(seen->sameContent(f));
    }
    auto injected = CanFrame::make(0x1826F456, true, {0x01, 0x01, 0x00});
    monitor->send(injected);
    auto atEv = ev->receive(units::Seconds(5));
    BOOST_REQUIRE(atEv);
    BOOST_TEST(atEv->sameContent(injected));
    BOOST_REQUIRE(observed.pop());
    BOOST_TEST(monitor->framesRecorded() == 4u);

    monitor->makeSafe(); // passive: the trace is evidence until the session ends
    BOOST_TEST(monitor->isRecording());
    monitor->stopRecording();
    BOOST_TEST(!monitor->isRecording());
    BOOST_TEST(monitor->framesRecorded() == 4u);

    auto log = readCanDumpFile(trace);
    BOOST_TEST(log.problems.empty());
    BOOST_REQUIRE(log.records.size() == 4u);
    for (std::size_t i = 0; i < sent.size(); ++i) {
        BOOST_TEST(log.records[i].frame.sameContent(sent[i]));
        BOOST_TEST(log.records[i].interface == "can0");
        BOOST_TEST(log.records[i].frame.timestamp.count() > 0);
    }
    BOOST_TEST(log.records[3].frame.sameContent(injected));

    auto entries = fx.exchanges.snapshot();
    BOOST_REQUIRE(entries.size() == 4u);
    BOOST_TEST(entries[0] == "can (can-monitor) < 182756F4#D80F");
    BOOST_TEST(entries[3] == "can (can-monitor) > 1826F456#010100");
    BOOST_TEST(monitor->identity().serial == fx.uri());
    monitor->makeSafe(); // idempotent
}

BOOST_AUTO_TEST_CASE(failures_are_instrument_errors_naming_the_exchange) {
    MonitorFixture fx;
    test::TempDir dir("can-monitor-errors");
    core::InstrumentError e("", "", "");

    auto wrongBus = fx.create("socketcand://127.0.0.1:" + std::to_string(fx.hub.port) + "/can9");
    auto what = instrumentErrorOf([&] { wrongBus->startRecording(dir.file("x.log")); }, &e);
    BOOST_TEST(e.instrument() == "can (can-monitor)");
    BOOST_TEST(e.exchange().find("open socketcand://127.0.0.1:") == 0u);
    BOOST_TEST(what.find("could not open bus 'can9'") != std::string::npos);
    BOOST_TEST(!wrongBus->isRecording());

    auto monitor = fx.create(fx.uri(), {{"timeout", "1 s"}});
    what = instrumentErrorOf([&] { monitor->startRecording(dir.file("no/such/dir/x.log")); }, &e);
    BOOST_TEST(e.exchange().find("start recording") == 0u);
    BOOST_TEST(what.find("cannot create CAN trace") != std::string::npos);

    what = instrumentErrorOf([&] { monitor->send(CanFrame{0x800, false}); }, &e);
    BOOST_TEST(e.exchange().find("send 800#") == 0u);
    BOOST_TEST(what.find("11 bits") != std::string::npos);

    what = instrumentErrorOf([&] { fx.create("tcp://127.0.0.1:1"); }, &e);
    BOOST_TEST(e.exchange() == "configure tcp://127.0.0.1:1");
    BOOST_TEST(what.find("socketcand://HOST:PORT/BUS") != std::string::npos);
    // The timeout is a duration with its unit; the old timeout_s is an unknown option, not ignored.
    BOOST_CHECK_EXCEPTION(fx.create(fx.uri(), {{"timeout", "soon"}}), core::OptionError, [](const core::OptionError& refused) {
        return refused.option() == "timeout" && refused.part() == core::OptionError::Part::Value;
    });
    BOOST_CHECK_EXCEPTION(fx.create(fx.uri(), {{"timeout_s", "1"}}), core::OptionError, [](const core::OptionError& refused) {
        return std::string(refused.what()).find("did you mean 'timeout'?") != std::string::npos;
    });

    fx.hub.hub->stop();
    auto refused = fx.create(fx.uri());
    what = instrumentErrorOf([&] { refused->send(CanFrame::make(1, false, {})); }, &e);
    BOOST_TEST(e.exchange().find("open socketcand://") == 0u);
    BOOST_TEST(what.find("cannot connect") != std::string::npos);
    refused->makeSafe(); // never throws, even never opened
}

BOOST_AUTO_TEST_CASE(socketcan_uri_on_a_kernel_without_can) {
    MonitorFixture fx;
    test::TempDir dir("can-monitor-socketcan");
    auto monitor = fx.create("socketcan://can0?bitrate=250000");
    auto what = instrumentErrorOf([&] { monitor->startRecording(dir.file("x.log")); });
    // Either this kernel lacks CAN (the build machines) or it has no can0: both are named.
    BOOST_TEST(what.find("socketcan://can0") != std::string::npos);
    BOOST_TEST(what.find("[open socketcan://can0]") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
