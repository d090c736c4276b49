// The plant's charger↔EV bus bridged to the CAN hub, in process: a lab following the real clock,
// the ticker stepping it every millisecond, the can-hub service bridged to it, and our socketcand
// client on the hub. The simulated charger's and EV's GB/T 27930 traffic reaches the client with
// the lab's timestamps (the plant step's wall time), and what the client sends reaches the plant's charger.
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/sim/sim_lab.hpp"
#include "v2gbench/simwire/can/plant_bus_bridge.hpp"
#include "v2gbench/simwire/lab_ticker.hpp"
#include "v2gbench/transports/socketcand_channel.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

using namespace v2gbench;
using namespace std::chrono_literals;

namespace {

struct PlantHubRig {
    std::shared_ptr<core::RealClock> clock = std::make_shared<core::RealClock>();
    std::shared_ptr<sim::SimLab> lab = std::make_shared<sim::SimLab>(core::DutRatings{});
    simwire::WireContext context;
    std::unique_ptr<simwire::can::PlantCanHubService> service;
    int port = 0;

    PlantHubRig() {
        lab->followClock(clock);
        context.lab = lab;
        context.faults = std::make_shared<simwire::FaultInjector>();
        context.ticker = std::make_shared<simwire::LabTicker>(lab);
        context.ticker->start();
        service = std::make_unique<simwire::can::PlantCanHubService>(context);
        port = service->start(0);
    }
    ~PlantHubRig() {
        context.ticker->stop();
        service->stop();
        lab->stopFollowing(clock.get());
    }

    std::unique_ptr<transports::SocketcandChannel> client() const {
        auto c = std::make_unique<transports::SocketcandChannel>(
            transports::SocketcandEndpoint{"127.0.0.1", port, "can0", units::Seconds(2.0)});
        c->open();
        return c;
    }

    // Grid and battery on, a 20 A demand, plugged in: the session runs on the ticker from here.
    void plugIn() {
        lab->withPlant([](sim::Plant& p) {
            p.gridApply(units::Volts(230.0), units::Hertz(50.0));
            p.batteryEmulate(core::BatteryEmulation{});
            core::ChargeDemand d;
            d.voltage = units::Volts(450.0);
            d.current = units::Amperes(20.0);
            p.evDemand(d);
            p.evConnect();
        });
    }
};

// Receives and decodes until `done` says so or the deadline passes; returns what it decoded.
struct Seen {
    std::vector<core::BusMessage> messages;
    std::map<std::string, std::vector<double>> hubTimes; // message name -> hub timestamps (s)
    bool has(const std::string& name) const { return hubTimes.count(name) != 0; }
};

template <class Done>
Seen listen(transports::SocketcandChannel& channel, std::chrono::seconds limit, Done done) {
    Seen seen;
    protocols::gbt27930::BusMessageDecoder decoder;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline && !done(seen)) {
        auto frame = channel.receive(units::Seconds(0.2));
        if (!frame) continue;
        const double t = static_cast<double>(frame->timestamp.count()) * 1e-6;
        std::vector<core::BusMessage> out;
        decoder.feed(*frame, t, out);
        for (auto& m : out) {
            seen.hubTimes[m.name].push_back(t);
            seen.messages.push_back(std::move(m));
        }
    }
    return seen;
}

} // namespace

BOOST_AUTO_TEST_SUITE(can_plant_bridge)

BOOST_AUTO_TEST_CASE(the_simulated_charger_and_ev_talk_on_the_hub) {
    PlantHubRig rig;
    auto client = rig.client();
    rig.plugIn();
    const std::vector<std::string> wanted{"CHM", "BHM", "CRM", "BRM", "BCP", "CML", "BRO", "CRO", "BCL", "BCS", "CCS"};
    auto seen = listen(*client, 15s, [&](const Seen& s) {
        return std::all_of(wanted.begin(), wanted.end(), [&](const auto& n) { return s.has(n); }) &&
               s.hubTimes.at("CCS").size() >= 41;
    });
    for (const auto& n : wanted) BOOST_TEST(seen.has(n), n << " seen on the hub");
    // Senders as the decoder reads them from the source addresses.
    for (const auto& m : seen.messages) {
        if (m.name == "CCS" || m.name == "CHM" || m.name == "CRM") BOOST_TEST(m.sender == "charger");
        if (m.name == "BCL" || m.name == "BHM" || m.name == "BRM") BOOST_TEST(m.sender == "ev");
        BOOST_TEST(m.problem.empty(), m.summary << ": " << m.problem);
    }
    BOOST_TEST(rig.service->bridge()->framesToHub() > 0u);

    // CCS every 50 ms in plant time.
    BOOST_REQUIRE(seen.hubTimes.count("CCS"));
    const auto& t = seen.hubTimes.at("CCS");
    BOOST_REQUIRE(t.size() >= 21u);
    double lo = 1e9, hi = 0;
    for (std::size_t i = 1; i < t.size(); ++i) {
        lo = std::min(lo, t[i] - t[i - 1]);
        hi = std::max(hi, t[i] - t[i - 1]);
    }
    const double mean = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
    BOOST_TEST_MESSAGE("CCS on the hub: " << t.size() << " frames, period mean " << mean * 1e3 << " ms, min "
                                          << lo * 1e3 << " ms, max " << hi * 1e3 << " ms; ticker late by at most "
                                          << rig.context.ticker->maxLatenessMicros() << " us");
    BOOST_TEST(mean == 0.050, boost::test_tools::tolerance(0.1));
    // The hub's frame time is the lab's: the wall time of the plant step that sent the frame, not
    // of the moment a late ticker delivered it, so every interval is the plant's 50 ms to within
    // one plant step (1 ms) and the 1 µs the wire carries, however the threads were scheduled.
    BOOST_TEST(lo >= 0.050 - 0.001 - 2e-6);
    BOOST_TEST(hi <= 0.050 + 0.001 + 2e-6);
}

BOOST_AUTO_TEST_CASE(a_frame_a_client_sends_reaches_the_plant_charger) {
    PlantHubRig rig;
    auto client = rig.client();
    rig.plugIn();
    auto charging = listen(*client, 15s, [](const Seen& s) { return s.has("CCS"); });
    BOOST_REQUIRE(charging.has("CCS"));
    BOOST_TEST(!charging.has("CST"));
    // A BST from outside (the EV's own stop message, PGN 0x1900, priority 4, EV → charger: "SOC
    // target reached"): the plant's charger decodes it and answers with CST.
    client->send(transports::CanFrame::make(0x101956F4, true, {0x01, 0x00, 0x00, 0x00}));
    auto answer = listen(*client, 5s, [](const Seen& s) { return s.has("CST"); });
    BOOST_TEST(answer.has("CST"));
    BOOST_TEST(rig.service->bridge()->framesToPlant() >= 1u);
}

BOOST_AUTO_TEST_CASE(stopping_the_service_detaches_from_the_plant) {
    PlantHubRig rig;
    rig.plugIn();
    // Frames flow with nobody listening; stop() must return promptly and leave the plant stepping.
    const auto before = rig.context.ticker->ticks();
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (rig.context.ticker->ticks() < before + 200 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(2ms); // polled against the deadline
    BOOST_TEST(rig.context.ticker->ticks() >= before + 200);
    rig.service->stop();
    BOOST_TEST(rig.service->bridge() == nullptr);
    const auto sent = rig.lab->withPlant([](sim::Plant& p) { return p.bus().framesSent(); });
    const auto deadline2 = std::chrono::steady_clock::now() + 5s;
    while (rig.lab->withPlant([](sim::Plant& p) { return p.bus().framesSent(); }) == sent &&
           std::chrono::steady_clock::now() < deadline2)
        std::this_thread::sleep_for(2ms); // polled against the deadline
    BOOST_TEST(rig.lab->withPlant([](sim::Plant& p) { return p.bus().framesSent(); }) > sent);
}

BOOST_AUTO_TEST_SUITE_END()
