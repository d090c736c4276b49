// BmsStateMachine and ChargerStateMachine against each other through an in-memory, zero-latency
// bus stepped in 1 ms of simulated time: a whole session, the CCS period and the BCL timeout.
#include "session_exchange.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <string_view>

using namespace gbt27930_test;

BOOST_AUTO_TEST_SUITE(gbt27930_state_machines)

BOOST_AUTO_TEST_CASE(reaches_charging_within_the_expected_time) {
    Exchange x;
    const double t = x.runUntil([&] { return charging(x); }, 10.0);
    BOOST_TEST_INFO("BMS " << toString(x.bms.state()) << ", charger " << toString(x.charger.state()));
    BOOST_REQUIRE(t >= 0.0);
    // CHM/BHM, CRM, BRM, BCP, CML, BRO, CRO each take at most one 250/500 ms period.
    BOOST_TEST(t < 2.0);
    BOOST_TEST(std::string(toString(x.bms.phase())) == toString(Phase::Charging));
    BOOST_TEST(std::string(toString(x.charger.phase())) == toString(Phase::Charging));
    BOOST_TEST(x.charger.timeouts() == 0u);
    BOOST_TEST(x.bms.timeouts() == 0u);
    // Both recognition answers went out, in order.
    const auto crm = x.sent("CRM");
    BOOST_REQUIRE(!crm.empty());
    BOOST_TEST(crm.front().frame.data[0] == 0x00);
    BOOST_TEST(crm.back().frame.data[0] == 0xAA);
}

BOOST_AUTO_TEST_CASE(bcl_reaches_the_charger_with_the_demand) {
    BmsConfig config;
    config.demandVoltage = 412.3;
    config.demandCurrent = 87.5;
    config.mode = ChargeMode::ConstantCurrent;
    Exchange x(config);
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(0.2);
    BOOST_REQUIRE(x.charger.demand().has_value());
    BOOST_TEST(x.charger.demand()->voltage == 412.3, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(x.charger.demand()->current == 87.5, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(static_cast<int>(x.charger.demand()->mode) == static_cast<int>(ChargeMode::ConstantCurrent));

    x.bms.setDemand(380.0, 42.0, ChargeMode::ConstantVoltage);
    x.runFor(0.1);
    BOOST_TEST(x.charger.demand()->voltage == 380.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(x.charger.demand()->current == 42.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(static_cast<int>(x.charger.demand()->mode) == static_cast<int>(ChargeMode::ConstantVoltage));
    // BCS (multi-packet) arrived too.
    BOOST_TEST(x.charger.vehicleSoc().has_value());
}

BOOST_AUTO_TEST_CASE(ccs_period_is_50_ms_and_carries_the_output) {
    Exchange x;
    x.charger.setOutput(401.5, 63.0);
    const double start = x.runUntil([&] { return charging(x); }, 10.0);
    BOOST_REQUIRE(start >= 0.0);
    x.runFor(1.0);
    const auto ccs = x.sent("CCS");
    BOOST_REQUIRE(ccs.size() >= 19u);
    for (std::size_t i = 1; i < ccs.size(); ++i) BOOST_TEST(std::abs(ccs[i].time - ccs[i - 1].time - 0.05) < 1e-6);
    BOOST_REQUIRE(x.bms.chargerOutput().has_value());
    BOOST_TEST(x.bms.chargerOutput()->voltage == 401.5, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(x.bms.chargerOutput()->current == 63.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(x.bms.chargerOutput()->permitted);
    // BCL at 50 ms too, and no error frames in a healthy session.
    const auto bcl = x.sent("BCL");
    for (std::size_t i = 1; i < bcl.size(); ++i) BOOST_TEST(std::abs(bcl[i].time - bcl[i - 1].time - 0.05) < 1e-6);
    BOOST_TEST(x.sent("BEM").empty());
    BOOST_TEST(x.sent("CEM").empty());
}

BOOST_AUTO_TEST_CASE(normal_stop_ends_with_bsd_and_csd) {
    Exchange x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(0.5);
    const double stopAt = x.now();
    x.bms.stop();
    const double end = x.runUntil(
        [&] { return x.bms.state() == BmsState::Finished && x.charger.state() == ChargerState::Finished; }, stopAt + 5.0);
    BOOST_TEST_INFO("BMS " << toString(x.bms.state()) << ", charger " << toString(x.charger.state()));
    BOOST_REQUIRE(end >= 0.0);
    BOOST_TEST(end - stopAt < 1.0);
    BOOST_TEST(!x.sent("BST", stopAt).empty());
    BOOST_TEST(!x.sent("CST", stopAt).empty());
    const auto bsd = x.sent("BSD", stopAt);
    const auto csd = x.sent("CSD", stopAt);
    BOOST_REQUIRE(!bsd.empty());
    BOOST_REQUIRE(!csd.empty());
    BOOST_TEST(csd.front().time >= bsd.front().time);
    // CST says why: the BMS asked.
    auto cst = x.codec.decode(x.sent("CST", stopAt).front().frame);
    BOOST_REQUIRE(cst.has_value());
    BOOST_TEST(cst->field("stopped by BMS")->raw == 1u);
    BOOST_TEST(std::string(toString(x.bms.phase())) == toString(Phase::End));
    BOOST_TEST(std::string(toString(x.charger.phase())) == toString(Phase::End));
    // Nothing is sent once both are finished.
    const auto before = x.log.size();
    x.runFor(1.0);
    BOOST_TEST(x.log.size() == before);
}

BOOST_AUTO_TEST_CASE(silenced_bcl_makes_the_charger_send_cem_after_one_second) {
    Exchange x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(0.3);
    const double silencedAt = x.now();
    x.drop = [&](const Sent& s) { return !s.fromCharger && x.name(s) == "BCL"; };
    x.runFor(2.0);
    const auto cem = x.sent("CEM", silencedAt);
    BOOST_REQUIRE(!cem.empty());
    // The last BCL got through just before the silence, so the timeout fires 1 s after it.
    const auto bcl = x.sent("BCL");
    double lastDelivered = 0.0;
    for (const auto& s : bcl)
        if (s.time < silencedAt) lastDelivered = s.time;
    BOOST_TEST(std::abs(cem.front().time - (lastDelivered + kBclTimeoutSeconds)) < 2e-3);
    auto decoded = x.codec.decode(cem.front().frame);
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST(decoded->field("BCL timeout")->raw == 1u);
    BOOST_TEST(decoded->field("BCS timeout")->raw == 0u);
    BOOST_TEST(x.charger.lastTimeout() == "BCL timeout");
    BOOST_TEST(x.charger.timeouts() == 1u);
    BOOST_TEST(x.sent("CCS", cem.front().time + 1e-3).empty());
}

BOOST_AUTO_TEST_SUITE_END()
