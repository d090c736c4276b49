// GB/T 27930 on the wire: `v2gbench-sim` as a child process, the shipped sim-wire bench profile
// with its real drivers (the EV over SCPI, the can role on can-monitor over socketcand), and
// independent clients on the CAN hub (python-can, our SocketcandChannel with the decoder).
#include "wire_lab.hpp"

#include "v2gbench/app/registration.hpp"
#include "v2gbench/bench/bench_profile.hpp"
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/transports/socketcand_channel.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

using namespace v2gbench;
using namespace std::chrono_literals;
using test::TempDir;

namespace {

struct WireBench {
    TempDir dir;
    test::WireLab lab;
    core::DriverRegistry registry;
    std::unique_ptr<bench::BenchSession> session;

    explicit WireBench(const std::string& name) : dir(name), lab(dir) {
        app::registerAllDrivers(registry);
        session = std::make_unique<bench::BenchSession>(
            registry, bench::loadBenchProfile(lab.benchFile()),
            bench::loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml")),
            std::map<std::string, std::string>{}, nullptr);
    }

    // Grid and battery on, a 20 A demand, plugged in over SCPI; returns once the EV says charging.
    bool charge() {
        session->grid().apply({units::Volts(230.0), units::Hertz(50.0)});
        session->battery().emulate(core::BatteryEmulation{});
        session->ev().demand({units::Volts(450.0), units::Amperes(20.0), core::DemandMode::ConstantCurrent, {}});
        session->ev().connect();
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            if (session->ev().status().phase == core::EvPhase::Charging) return true;
            std::this_thread::sleep_for(20ms); // polled against the deadline
        }
        return false;
    }

    std::unique_ptr<transports::SocketcandChannel> hubClient() const {
        auto c = std::make_unique<transports::SocketcandChannel>(
            transports::SocketcandEndpoint{"127.0.0.1", lab.port("can-hub"), "can0", units::Seconds(2.0)});
        c->open();
        return c;
    }
};

// Decodes what a hub client receives until `done` or the deadline; the messages decoded.
template <class Done>
std::vector<core::BusMessage> listen(transports::SocketcandChannel& channel, std::chrono::milliseconds limit, Done done) {
    std::vector<core::BusMessage> seen;
    protocols::gbt27930::BusMessageDecoder decoder;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline && !done(seen)) {
        auto frame = channel.receive(units::Seconds(0.05));
        if (frame) decoder.feed(*frame, static_cast<double>(frame->timestamp.count()) * 1e-6, seen);
    }
    return seen;
}

bool has(const std::vector<core::BusMessage>& messages, const std::string& name) {
    return std::any_of(messages.begin(), messages.end(), [&](const auto& m) { return m.name == name; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_gbt27930_hub)

BOOST_AUTO_TEST_CASE(python_can_sees_the_charger_and_the_ev_and_a_client_frame_reaches_the_charger) {
    WireBench bench("gbt-hub");
    test::ChildProcess python({"/usr/bin/python3", test::sourcePath("tests/wire/simlab/python_gbt_listener.py"),
                               std::to_string(bench.lab.port("can-hub")), "15", "CHM", "CRM", "CCS", "BHM",
                               "BRM(TP)", "BCL"},
                              bench.dir.file("python.stderr"));
    BOOST_REQUIRE_MESSAGE(python.waitForLine("ready"), "python-can did not join the hub: " << python.output());
    BOOST_REQUIRE(bench.charge());
    std::map<std::string, std::string> senders;
    while (auto line = python.readLine()) {
        if (line->rfind("seen ", 0) == 0) {
            const auto rest = line->substr(5);
            senders[rest.substr(0, rest.find(' '))] = rest.substr(rest.find(' ') + 1);
        }
        if (*line == "all" || line->rfind("missing", 0) == 0) break;
    }
    BOOST_TEST(python.wait() == 0, python.output());
    for (const char* n : {"CHM", "CRM", "CCS"}) BOOST_TEST(senders[n] == "56", n << " from the charger");
    for (const char* n : {"BHM", "BRM(TP)", "BCL"}) BOOST_TEST(senders[n] == "F4", n << " from the EV");

    // A client's BST (EV → charger, "SOC target reached") travels into the plant: the charger
    // answers with CST.
    auto client = bench.hubClient();
    BOOST_TEST(!has(listen(*client, 300ms, [](const auto&) { return false; }), "CST"));
    client->send(transports::CanFrame::make(0x101956F4, true, {0x01, 0x00, 0x00, 0x00}));
    auto answer = listen(*client, 3s, [](const auto& seen) { return has(seen, "CST"); });
    BOOST_TEST(has(answer, "CST"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire_gbt27930_ev_faults)

BOOST_AUTO_TEST_CASE(pause_resume_and_a_silenced_bcl_over_scpi) {
    WireBench bench("gbt-faults");
    auto& ev = bench.session->ev();
    BOOST_REQUIRE(bench.charge());
    ev.pause();
    BOOST_TEST(ev.status().paused);
    ev.resume();
    BOOST_TEST(!ev.status().paused);

    // An unknown message: refused before anything is armed, with the emulator's reason.
    try {
        ev.injectFault({core::EvFaultKind::Silence, "BXL"});
        BOOST_FAIL("an unknown message was accepted");
    } catch (const core::CapabilityError& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("ev (v2gbench-ev-scpi)") != std::string::npos, what);
        BOOST_TEST(what.find("BXL") != std::string::npos, what);
    }

    auto client = bench.hubClient();
    BOOST_REQUIRE(has(listen(*client, 2s, [](const auto& seen) { return has(seen, "BCL"); }), "BCL"));
    ev.injectFault({core::EvFaultKind::Silence, "BCL"});
    const auto silenced = std::chrono::steady_clock::now();
    // The charger's BCL timeout is 1 s: its CEM must be on the hub within ~1.5 s.
    auto isBclTimeout = [](const core::BusMessage& m) {
        const auto* f = m.name == "CEM" ? m.field("BCL timeout") : nullptr;
        return f && f->value == 1.0;
    };
    auto seen = listen(*client, 3s, [&](const auto& s) { return std::any_of(s.begin(), s.end(), isBclTimeout); });
    const auto cem = std::find_if(seen.begin(), seen.end(), isBclTimeout);
    BOOST_REQUIRE_MESSAGE(cem != seen.end(), "no CEM BCL timeout on the hub");
    const double after = std::chrono::duration<double>(std::chrono::steady_clock::now() - silenced).count();
    BOOST_TEST_MESSAGE("CEM BCL timeout on the hub " << after << " s after EV:FAUL:ADD silence,BCL");
    BOOST_TEST(after < 1.5);
    BOOST_TEST(after > 0.9); // the charger waited for its timeout
    // No BCL between the fault and the CEM.
    const auto firstCem = static_cast<std::size_t>(cem - seen.begin());
    for (std::size_t i = 0; i < firstCem; ++i) BOOST_TEST(seen[i].name != "BCL");
    // The EV got the same CEM (at the plant step after it went out): it counts the timeout.
    auto status = ev.status();
    const auto until = std::chrono::steady_clock::now() + 1s;
    while (status.timeouts == 0 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(10ms); // polled against the deadline
        status = ev.status();
    }
    BOOST_TEST(status.timeouts == 1u);
    BOOST_TEST(status.detail.find("BCL timeout") != std::string::npos, status.detail);
    ev.clearFaults();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire_gbt27930_can_monitor)

BOOST_AUTO_TEST_CASE(the_can_role_decodes_ccs_in_bench_time) {
    WireBench bench("gbt-monitor");
    auto& can = bench.session->can();
    const auto caps = can.capabilities();
    BOOST_TEST(caps.has("bus-decode"));
    const auto trace = bench.dir.file("trace.log");
    can.startRecording(trace);
    const double started = bench.session->clock().now().value;
    BOOST_REQUIRE(bench.charge());
    // A second of charging.
    std::vector<core::BusMessage> messages;
    std::uint64_t next = 0;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    auto ccsCount = [&] { return std::count_if(messages.begin(), messages.end(), [](const auto& m) { return m.name == "CCS"; }); };
    while (ccsCount() < 20 && std::chrono::steady_clock::now() < deadline) {
        next = can.readMessages(next, messages);
        std::this_thread::sleep_for(20ms); // polled against the deadline
    }
    const double ended = bench.session->clock().now().value;
    can.stopRecording();
    BOOST_REQUIRE(ccsCount() >= 20);
    std::vector<double> times;
    for (const auto& m : messages) {
        BOOST_TEST(m.time >= started);
        BOOST_TEST(m.time <= ended);
        if (m.name != "CCS") continue;
        BOOST_TEST(m.sender == "charger");
        BOOST_TEST(m.problem.empty(), m.problem);
        BOOST_TEST(m.field("output current") != nullptr, m.summary);
        times.push_back(m.time);
    }
    BOOST_TEST(has(messages, "BRM")); // reassembled from TP
    BOOST_TEST(has(messages, "BCL"));
    const double mean = (times.back() - times.front()) / static_cast<double>(times.size() - 1);
    BOOST_TEST_MESSAGE("CCS as the can-monitor stamps it: " << times.size() << " frames, mean period " << mean * 1e3
                                                            << " ms");
    BOOST_TEST(mean == 0.050, boost::test_tools::tolerance(0.15));
    // Nothing is read twice.
    std::vector<core::BusMessage> again;
    can.readMessages(0, again);
    BOOST_TEST(again.size() < messages.size());
    BOOST_TEST(can.framesRecorded() > 0u);
    BOOST_TEST(std::filesystem::file_size(trace) > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
