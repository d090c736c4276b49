// The can-evse driver (the bench's charger emulator on a CAN channel) against the CAN hub, with
// this test playing the vehicle on a second socketcand client: it answers BHM with CRM, applies
// and refuses faults as sim-evse does, starts a fresh session for a vehicle that starts again,
// is made safe between plans, and says so when its channel fails.
#include "can_test_support.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/can/can_charger_emulator.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>

using namespace v2gbench;
using transports::CanFrame;

namespace {

constexpr std::uint32_t kChm = 0x1826F456, kCrm = 0x1801F456, kBhm = 0x182756F4;
constexpr std::uint32_t kTpCmToCharger = 0x1CEC56F4, kTpDtToCharger = 0x1CEB56F4, kTpCmToBms = 0x1CECF456;

std::unique_ptr<drivers::can::CanChargerEmulator> makeEmulator(const test::HubFixture& hub) {
    return std::make_unique<drivers::can::CanChargerEmulator>("evse", hub.client(), protocols::gbt27930::ChargerConfig{});
}

// The next frame the vehicle's client receives that matches; nullopt after 5 s (a failing test ends).
std::optional<CanFrame> waitFor(transports::CanChannel& vehicle, const std::function<bool(const CanFrame&)>& match) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline)
        if (auto f = vehicle.receive(units::Seconds(0.1)); f && match(*f)) return f;
    return std::nullopt;
}

auto crmWith(std::uint8_t recognition) {
    return [recognition](const CanFrame& f) { return f.id == kCrm && f.dlc >= 1 && f.data[0] == recognition; };
}

// The vehicle's BRM (49 bytes, GB/T 27930-2015) by TP, answering the charger's CTS.
void sendBrm(transports::CanChannel& vehicle) {
    vehicle.send(CanFrame::make(kTpCmToCharger, true, {0x10, 49, 0x00, 7, 0xFF, 0x00, 0x02, 0x00}));
    const auto cts = waitFor(vehicle, [](const CanFrame& f) { return f.id == kTpCmToBms && f.data[0] == 0x11; });
    BOOST_REQUIRE(cts);
    for (std::uint8_t seq = 1; seq <= 7; ++seq)
        vehicle.send(CanFrame::make(kTpDtToCharger, true, {seq, 0x01, 0x01, 0x00, 0x03, 0x10, 0x27, 0x00}));
}

} // namespace

BOOST_AUTO_TEST_SUITE(can_evse_driver)

BOOST_AUTO_TEST_CASE(sends_chm_and_answers_bhm_with_crm_00) {
    test::HubFixture hub;
    auto vehicle = hub.client();
    auto evse = makeEmulator(hub);
    BOOST_TEST(waitFor(*vehicle, [](const CanFrame& f) { return f.id == kChm; }).has_value());
    vehicle->send(CanFrame::make(kBhm, true, {0x4C, 0x1D}));
    BOOST_TEST(waitFor(*vehicle, crmWith(0x00)).has_value());
    BOOST_TEST(evse->sessions() == 1u);
}

BOOST_AUTO_TEST_CASE(faults_apply_and_are_refused_as_sim_evse_does) {
    test::HubFixture hub;
    auto vehicle = hub.client();
    auto evse = makeEmulator(hub);
    // CRM kept at 0x00 even after a complete BRM (GB/T 34658 BN.1003's charger side).
    evse->injectFault({.kind = core::EvFaultKind::Corrupt, .message = "CRM", .field = "recognition", .value = 0});
    BOOST_TEST(evse->status().faults == 1u);
    vehicle->send(CanFrame::make(kBhm, true, {0x4C, 0x1D}));
    BOOST_REQUIRE(waitFor(*vehicle, crmWith(0x00)));
    sendBrm(*vehicle);
    BOOST_TEST(waitFor(*vehicle, [](const CanFrame& f) { return f.id == kTpCmToBms && f.data[0] == 0x13; }).has_value());
    // The charger recognised the vehicle (its machine is past recognition) but CRM says 0x00.
    BOOST_TEST(evse->status().protocolState == "recognised (CRM 0xAA)");
    BOOST_TEST(waitFor(*vehicle, crmWith(0x00)).has_value());
    // A fault of the vehicle's own messages is not the charger emulator's: refused, nothing changes.
    BOOST_CHECK_EXCEPTION(evse->injectFault({.kind = core::EvFaultKind::Silence, .message = "BHM"}), core::CapabilityError,
                          [](const core::CapabilityError& e) { return std::string(e.what()).find("BHM") != std::string::npos; });
    BOOST_TEST(evse->status().faults == 1u);
    evse->clearFaults();
    BOOST_TEST(evse->status().faults == 0u);
}

BOOST_AUTO_TEST_CASE(a_vehicle_that_starts_again_gets_a_fresh_session) {
    test::HubFixture hub;
    auto vehicle = hub.client();
    auto evse = makeEmulator(hub);
    vehicle->send(CanFrame::make(kBhm, true, {0x4C, 0x1D}));
    BOOST_REQUIRE(waitFor(*vehicle, crmWith(0x00)));
    sendBrm(*vehicle);
    BOOST_REQUIRE(waitFor(*vehicle, crmWith(0xAA)));
    // Re-plugged: the vehicle's handshake again. The charger starts over: CRM(0x00) for it.
    vehicle->send(CanFrame::make(kBhm, true, {0x4C, 0x1D}));
    BOOST_TEST(waitFor(*vehicle, crmWith(0x00)).has_value());
    BOOST_TEST(evse->sessions() == 2u);
}

BOOST_AUTO_TEST_CASE(make_safe_clears_the_faults_and_starts_afresh) {
    test::HubFixture hub;
    auto vehicle = hub.client();
    auto evse = makeEmulator(hub);
    evse->injectFault({.kind = core::EvFaultKind::Silence, .message = "CRM"});
    evse->makeSafe();
    BOOST_TEST(evse->status().faults == 0u);
    BOOST_TEST(evse->sessions() == 2u);
    vehicle->send(CanFrame::make(kBhm, true, {0x4C, 0x1D}));
    BOOST_TEST(waitFor(*vehicle, crmWith(0x00)).has_value());
}

BOOST_AUTO_TEST_CASE(a_failed_channel_is_reported_naming_it) {
    test::HubFixture hub;
    auto evse = makeEmulator(hub);
    hub.hub->stop();
    // The worker sees the hub go on its next receive; bounded wait on that condition.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    std::string error;
    while (error.empty() && std::chrono::steady_clock::now() < deadline) {
        try {
            evse->status();
        } catch (const core::InstrumentError& e) {
            error = e.what();
        }
    }
    BOOST_TEST(error.find("socketcand://127.0.0.1:" + std::to_string(hub.port)) != std::string::npos, error);
    BOOST_TEST(error.find("stopped") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(a_channel_that_does_not_open_is_an_instrument_error) {
    int port = 0;
    {
        test::HubFixture gone;
        port = gone.port;
    }
    auto channel = std::make_unique<transports::SocketcandChannel>(
        transports::SocketcandEndpoint{"127.0.0.1", port, "can0", units::Seconds(1.0)});
    BOOST_CHECK_THROW(drivers::can::CanChargerEmulator("evse", std::move(channel), {}), core::InstrumentError);
}

BOOST_AUTO_TEST_SUITE_END()
