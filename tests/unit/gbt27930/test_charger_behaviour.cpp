// ChargerStateMachine behaviour beyond the happy path: every ChargerConfig knob (each test fails
// if its knob did nothing, and checks the conforming default next to it), the three-timeout rule,
// BCS timeout, stop reasons and the vehicle limits. The BMS side is a standard BmsStateMachine.
#include "session_exchange.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>

using namespace gbt27930_test;

namespace {

ChargerConfig withKnob(const std::function<void(ChargerConfig&)>& set) {
    ChargerConfig c;
    set(c);
    return c;
}

bool isCrm(const Exchange& x, const Sent& s, unsigned recognition) {
    return s.fromCharger && x.name(s) == "CRM" && s.frame.data[0] == recognition;
}

} // namespace

BOOST_AUTO_TEST_SUITE(gbt27930_charger_behaviour)

BOOST_AUTO_TEST_CASE(ccs_period_knob_changes_the_ccs_period) {
    Exchange x({}, withKnob([](ChargerConfig& c) { c.ccsPeriod = 0.069; }));
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(1.0);
    const auto ccs = x.sent("CCS");
    BOOST_REQUIRE(ccs.size() >= 10u);
    for (std::size_t i = 1; i < ccs.size(); ++i) BOOST_TEST(std::abs(ccs[i].time - ccs[i - 1].time - 0.069) < 1.5e-3);
    BOOST_CHECK_THROW(ChargerStateMachine(withKnob([](ChargerConfig& c) { c.ccsPeriod = 0.0; })), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bcl_timeout_ignored_when_the_knob_is_off) {
    Exchange x({}, withKnob([](ChargerConfig& c) { c.honourBclTimeout = false; }));
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    const double silencedAt = x.now();
    x.drop = [&](const Sent& s) { return !s.fromCharger && x.name(s) == "BCL"; };
    x.runFor(3.0);
    BOOST_TEST(x.sent("CEM", silencedAt).empty());
    BOOST_TEST(x.charger.state() == ChargerState::Charging);
    BOOST_TEST(x.charger.timeouts() == 0u);
}

BOOST_AUTO_TEST_CASE(wrong_cem_bit_when_the_knob_is_off) {
    for (const bool correct : {true, false}) {
        Exchange x({}, withKnob([&](ChargerConfig& c) { c.correctCemBits = correct; }));
        BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
        const double silencedAt = x.now();
        x.drop = [&](const Sent& s) { return !s.fromCharger && x.name(s) == "BCL"; };
        x.runFor(1.5);
        const auto cem = x.sent("CEM", silencedAt);
        BOOST_REQUIRE(!cem.empty());
        BOOST_TEST(x.charger.lastTimeout() == "BCL timeout"); // the charger knows the truth
        BOOST_TEST(x.bit(cem.front(), "BCL timeout") == (correct ? 1u : 0u));
        BOOST_TEST(x.bit(cem.front(), "BST timeout") == (correct ? 0u : 1u)); // the next field in the table
    }
}

BOOST_AUTO_TEST_CASE(crm_aa_before_the_brm_transfer_completes_when_the_knob_is_off) {
    for (const bool afterComplete : {true, false}) {
        Exchange x({}, withKnob([&](ChargerConfig& c) { c.crmAaAfterBrmComplete = afterComplete; }));
        BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
        const long crmAa = x.indexOf([&](const Sent& s) { return isCrm(x, s, 0xAA); });
        const long ack = x.indexOf([](const Sent& s) { return isTpControl(s, TpControl::EndOfMsgAck, "BRM"); });
        BOOST_REQUIRE(crmAa >= 0);
        BOOST_REQUIRE(ack >= 0);
        BOOST_TEST((crmAa > ack) == afterComplete);
    }
    // With the BRM data lost, only the defective charger recognises the vehicle.
    for (const bool afterComplete : {true, false}) {
        Exchange x({}, withKnob([&](ChargerConfig& c) { c.crmAaAfterBrmComplete = afterComplete; }));
        x.drop = [](const Sent& s) { return !s.fromCharger && J1939Id::fromCanId(s.frame.id).pgn == kPgnTpDt; };
        x.runFor(3.0);
        const long crmAa = x.indexOf([&](const Sent& s) { return isCrm(x, s, 0xAA); });
        BOOST_TEST((crmAa >= 0) == !afterComplete);
    }
}

BOOST_AUTO_TEST_CASE(conforming_charger_retries_twice_then_fails) {
    Exchange x;
    // The BRM never arrives: BRM timeout, CEM, reconnect, three times.
    x.drop = [](const Sent& s) { return bmsTransport(s); };
    x.runFor(25.0);
    BOOST_TEST(x.charger.timeouts() == 3u);
    BOOST_TEST(x.charger.state() == ChargerState::Failed);
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BRM timeout") == 1u);
    // After the first two CEM episodes the handshake restarts with CRM 0x00.
    const double firstCem = cem.front().time;
    BOOST_TEST(x.indexOf([&](const Sent& s) { return isCrm(x, s, 0x00); }, firstCem) >= 0);
    // After Failed: silence (one last CEM, then nothing).
    const auto before = x.log.size();
    x.runFor(5.0);
    for (std::size_t i = before; i < x.log.size(); ++i) BOOST_TEST(!x.log[i].fromCharger);
}

BOOST_AUTO_TEST_CASE(no_handshake_restart_when_the_retry_knob_is_off) {
    Exchange x({}, withKnob([](ChargerConfig& c) { c.retryAfterTimeout = false; }));
    x.drop = [](const Sent& s) { return bmsTransport(s); };
    x.runFor(12.0);
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.indexOf([&](const Sent& s) { return isCrm(x, s, 0x00); }, cem.front().time) == -1);
    BOOST_TEST(x.charger.timeouts() == 1u);
    BOOST_TEST(x.charger.state() == ChargerState::Failed);
}

BOOST_AUTO_TEST_CASE(cst_repeats_every_10_ms_unless_the_knob_is_off) {
    for (const bool repeat : {true, false}) {
        Exchange x({}, withKnob([&](ChargerConfig& c) { c.repeatCst = repeat; }));
        BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
        // The BMS answers with BST but its BSD is lost, so the charger stays in Stopping.
        x.drop = [&](const Sent& s) { return !s.fromCharger && x.name(s) == "BSD"; };
        const double stopAt = x.now();
        x.charger.stop("manual stop");
        x.runFor(1.0);
        const auto cst = x.sent("CST", stopAt);
        BOOST_REQUIRE(!cst.empty());
        if (repeat) {
            BOOST_TEST(cst.size() >= 99u);
            for (std::size_t i = 1; i < cst.size(); ++i) BOOST_TEST(std::abs(cst[i].time - cst[i - 1].time - 0.01) < 1e-6);
        } else {
            BOOST_TEST(cst.size() == 1u);
        }
        BOOST_TEST(x.bit(cst.front(), "manual stop") == 1u);
    }
}

BOOST_AUTO_TEST_CASE(stop_reason_names_the_cst_field) {
    Exchange x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    BOOST_CHECK_THROW(x.charger.stop("connector on fire"), std::invalid_argument);
    BOOST_TEST(x.charger.state() == ChargerState::Charging);
    const double stopAt = x.now();
    x.charger.stop("connector fault");
    const double end = x.runUntil([&] { return x.charger.state() == ChargerState::Finished; }, stopAt + 5.0);
    BOOST_REQUIRE(end >= 0.0);
    const auto cst = x.sent("CST", stopAt);
    BOOST_REQUIRE(!cst.empty());
    BOOST_TEST(x.bit(cst.front(), "connector fault") == 1u);
    BOOST_TEST(x.bit(cst.front(), "manual stop") == 0u);
    BOOST_TEST(x.charger.stopReason() == "connector fault");
    BOOST_TEST(!x.sent("CSD", stopAt).empty());
    BOOST_TEST(x.bms.state() == BmsState::Finished);
}

BOOST_AUTO_TEST_CASE(silenced_bcs_makes_the_charger_send_cem_after_five_seconds) {
    Exchange x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(0.1);
    const double silencedAt = x.now();
    x.drop = [](const Sent& s) { return bmsTransport(s); };
    x.runFor(6.0);
    const auto cem = x.sent("CEM", silencedAt);
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(cem.front().time - silencedAt > 4.7);
    BOOST_TEST(cem.front().time - silencedAt < 5.01);
    BOOST_TEST(x.bit(cem.front(), "BCS timeout") == 1u);
    BOOST_TEST(x.bit(cem.front(), "BCL timeout") == 0u);
}

BOOST_AUTO_TEST_CASE(vehicle_limits_come_from_bhm_and_bcp) {
    BmsConfig config;
    config.maxChargeVoltage = 432.1;
    config.maxChargeCurrent = 123.4;
    Exchange x(config);
    BOOST_TEST(!x.charger.vehicleLimits().maxAllowedVoltage.has_value());
    BOOST_TEST(!x.charger.outputPermitted());
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    const VehicleLimits& limits = x.charger.vehicleLimits();
    BOOST_REQUIRE(limits.maxAllowedVoltage.has_value());
    BOOST_REQUIRE(limits.maxChargeVoltage.has_value());
    BOOST_REQUIRE(limits.maxChargeCurrent.has_value());
    BOOST_TEST(*limits.maxAllowedVoltage == 432.1, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(*limits.maxChargeVoltage == 432.1, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(*limits.maxChargeCurrent == 123.4, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(x.charger.outputPermitted());
}

BOOST_AUTO_TEST_SUITE_END()
