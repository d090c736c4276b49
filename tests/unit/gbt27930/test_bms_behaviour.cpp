// BmsStateMachine behaviour beyond the happy path, against a standard ChargerStateMachine:
// pause/resume through BSM, the three-retry reconnect on the vehicle side, demand and stop
// validation, and the protocol-event text (detail()).
#include "session_exchange.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace gbt27930_test;

BOOST_AUTO_TEST_SUITE(gbt27930_bms_behaviour)

BOOST_AUTO_TEST_CASE(pause_holds_the_charger_output_and_resume_releases_it) {
    Exchange x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(0.3);
    BOOST_TEST(x.charger.outputPermitted());
    const double pausedAt = x.now();
    x.bms.pause();
    BOOST_TEST(x.bms.paused());
    x.runFor(0.5);
    BOOST_TEST(!x.charger.outputPermitted());
    BOOST_TEST(x.charger.pausedByVehicle());
    BOOST_TEST(x.charger.state() == ChargerState::Charging);
    const auto bsm = x.sent("BSM", pausedAt);
    BOOST_REQUIRE(!bsm.empty());
    BOOST_TEST(x.bit(bsm.back(), "charge permitted") == 0u);
    // CCS keeps flowing and says "paused".
    const auto ccs = x.sent("CCS", pausedAt + 0.3);
    BOOST_REQUIRE(ccs.size() >= 3u);
    BOOST_TEST(x.bit(ccs.back(), "charging permitted") == 0u);
    BOOST_REQUIRE(x.bms.chargerOutput().has_value());
    BOOST_TEST(!x.bms.chargerOutput()->permitted);
    BOOST_TEST(x.sent("CEM").empty());

    const double resumedAt = x.now();
    x.bms.resume();
    x.runFor(0.5);
    BOOST_TEST(x.charger.outputPermitted());
    BOOST_TEST(x.bit(x.sent("BSM", resumedAt).back(), "charge permitted") == 1u);
    BOOST_TEST(x.bms.chargerOutput()->permitted);
}

BOOST_AUTO_TEST_CASE(bms_reconnects_twice_then_fails_after_the_third_timeout) {
    Exchange x;
    // The charger's CCS never reaches the BMS: CCS timeout after 1 s of charging, each time.
    x.drop = [&](const Sent& s) { return s.fromCharger && x.name(s) == "CCS"; };
    unsigned chargingEntries = 0;
    bool wasCharging = false;
    const double failedAt = x.runUntil(
        [&] {
            const bool now = x.bms.state() == BmsState::Charging;
            if (now && !wasCharging) ++chargingEntries;
            wasCharging = now;
            return x.bms.state() == BmsState::Failed;
        },
        30.0);
    BOOST_REQUIRE(failedAt >= 0.0);
    BOOST_TEST(x.bms.timeouts() == 3u);
    BOOST_TEST(chargingEntries == 3u); // charged, reconnected, charged, reconnected, charged
    BOOST_TEST(x.bms.lastTimeout() == "CCS timeout");
    const auto bem = x.sent("BEM");
    BOOST_REQUIRE(!bem.empty());
    for (const auto& s : bem) BOOST_TEST(x.bit(s, "CCS timeout") == 1u);
    BOOST_TEST(x.bms.detail().find("BEM: CCS timeout") == 0u);
    // After Failed the BMS stays silent.
    const auto before = x.log.size();
    x.runFor(3.0);
    for (std::size_t i = before; i < x.log.size(); ++i) BOOST_TEST(x.log[i].fromCharger);
}

BOOST_AUTO_TEST_CASE(demand_keeps_the_discharge_limit_off_the_wire) {
    Exchange a, b;
    BOOST_REQUIRE(a.runUntil([&] { return charging(a); }, 10.0) >= 0.0);
    BOOST_REQUIRE(b.runUntil([&] { return charging(b); }, 10.0) >= 0.0);
    a.bms.setDemand(390.0, 50.0, ChargeMode::ConstantCurrent, 0.0);
    b.bms.setDemand(390.0, 50.0, ChargeMode::ConstantCurrent, 80.0);
    BOOST_TEST(b.bms.config().maxDischargeCurrent == 80.0);
    const double from = a.now();
    a.runFor(0.2);
    b.runFor(0.2);
    const auto bclA = a.sent("BCL", from), bclB = b.sent("BCL", from);
    BOOST_REQUIRE(!bclA.empty());
    BOOST_REQUIRE(!bclB.empty());
    BOOST_TEST(bclA.back().frame.dlc == bclB.back().frame.dlc);
    for (std::size_t i = 0; i < bclA.back().frame.dlc; ++i) BOOST_TEST(bclA.back().frame.data[i] == bclB.back().frame.data[i]);
    BOOST_CHECK_THROW(a.bms.setDemand(390.0, -1.0, ChargeMode::ConstantCurrent), std::invalid_argument);
    BOOST_CHECK_THROW(a.bms.setDemand(390.0, 10.0, ChargeMode::ConstantCurrent, -5.0), std::invalid_argument);
    BOOST_CHECK_THROW(a.bms.stop("tired"), std::invalid_argument);
    BOOST_TEST(a.bms.state() == BmsState::Charging);
}

BOOST_AUTO_TEST_CASE(detail_names_the_last_protocol_event) {
    Exchange x;
    BOOST_TEST(x.bms.detail().empty());
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    BOOST_TEST(x.bms.detail() == "charging");
    x.charger.stop("connector fault");
    BOOST_REQUIRE(x.runUntil([&] { return x.bms.state() == BmsState::Statistics; }, x.now() + 1.0) >= 0.0);
    BOOST_TEST(x.bms.detail() == "CST received: connector fault");
    BOOST_REQUIRE(x.runUntil([&] { return x.bms.state() == BmsState::Finished; }, x.now() + 5.0) >= 0.0);
    BOOST_TEST(x.bms.detail() == "finished (CSD received)");
}

BOOST_AUTO_TEST_CASE(vehicle_stop_sends_the_named_bst_field) {
    Exchange x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    const double stopAt = x.now();
    x.bms.stop("insulation fault");
    BOOST_REQUIRE(x.runUntil([&] { return x.charger.state() == ChargerState::Finished; }, stopAt + 5.0) >= 0.0);
    const auto bst = x.sent("BST", stopAt);
    BOOST_REQUIRE(!bst.empty());
    BOOST_TEST(x.bit(bst.front(), "insulation fault") == 1u);
    BOOST_TEST(x.bit(x.sent("CST", stopAt).front(), "stopped by BMS") == 1u);
    BOOST_TEST(x.bms.detail() == "finished (CSD received)");
}

// GB/T 34658 BN.1006/1007/1009: a CRM with an invalid code or too few bytes is no CRM for the
// conforming BMS; the defect switches of the simulated BMS (sim/src/defects.cpp) read it.
BOOST_AUTO_TEST_CASE(an_invalid_or_short_crm_is_no_crm_unless_a_defect_switch_reads_it) {
    Codec codec;
    auto crmFrame = [&](double recognition, std::uint8_t dlc = 8) {
        CanFrame f = codec.encodeFrame("CRM", FieldValues().set("recognition", recognition).set("charger number", 1));
        f.dlc = dlc;
        return f;
    };
    auto after = [&](BmsConfig config, std::vector<CanFrame> frames) {
        BmsStateMachine bms(std::move(config));
        bms.poll(0.0);
        double t = 0.1;
        for (const auto& f : frames) {
            bms.onFrame(f, t);
            bms.poll(t += 0.1);
        }
        return bms.state();
    };
    BOOST_TEST(after({}, {crmFrame(0x55)}) == BmsState::WaitingCrm);
    BOOST_TEST(after({}, {crmFrame(0x00, 4)}) == BmsState::WaitingCrm);
    BOOST_TEST(after({}, {crmFrame(0x00), crmFrame(0x55)}) == BmsState::Identifying);
    BOOST_TEST(after({}, {crmFrame(0x00), crmFrame(0xAA)}) == BmsState::Configuring);

    BmsConfig anyCode;
    anyCode.anyCrmStartsBrm = true;
    BOOST_TEST(after(anyCode, {crmFrame(0x55)}) == BmsState::Identifying);
    BmsConfig readsShort;
    readsShort.shortFramesRead = {"CRM"};
    BOOST_TEST(after(readsShort, {crmFrame(0x00, 4)}) == BmsState::Identifying);
    BmsConfig nonZero;
    nonZero.nonZeroCrmIsRecognition = true;
    BOOST_TEST(after(nonZero, {crmFrame(0x55)}) == BmsState::WaitingCrm); // only while sending BRM
    BOOST_TEST(after(nonZero, {crmFrame(0x00), crmFrame(0x55)}) == BmsState::Configuring);
}

// GB/T 34658 BN.1010: the CRM(0xAA) timeout runs on the clock, also when the charger falls silent.
BOOST_AUTO_TEST_CASE(a_silent_charger_is_reported_after_the_receive_timeout) {
    Exchange x;
    bool crmSeen = false;
    x.drop = [&](const Sent& s) {
        if (s.fromCharger && x.name(s) == "CEM") return true; // the charger's own timeout is not this test's
        if (!s.fromCharger || x.name(s) != "CRM") return false;
        const bool first = !crmSeen;
        crmSeen = true;
        return !first; // one CRM(0x00), then the charger's CRMs never arrive
    };
    const double bemAt = x.runUntil([&] { return x.bms.state() == BmsState::Error; }, 20.0);
    BOOST_REQUIRE(bemAt >= 0.0);
    BOOST_TEST(x.bms.lastTimeout() == "CRM 0xAA timeout");

    BmsConfig restarts;
    restarts.silentChargerRestartSeconds = 2.0; // the defect bms-silent-charger-no-bem
    Exchange defective(restarts);
    bool seen = false;
    defective.drop = [&](const Sent& s) {
        if (s.fromCharger && defective.name(s) == "CEM") return true;
        if (!s.fromCharger || defective.name(s) != "CRM") return false;
        const bool first = !seen;
        seen = true;
        return !first;
    };
    BOOST_REQUIRE(defective.runUntil([&] { return defective.bms.state() == BmsState::Identifying; }, 20.0) >= 0.0);
    const double backAt = defective.runUntil([&] { return defective.bms.state() == BmsState::WaitingCrm; }, 20.0);
    BOOST_REQUIRE(backAt >= 0.0);
    BOOST_TEST(backAt < bemAt); // back to BHM before the 5 s, and no BEM on the way
    BOOST_TEST(defective.sent("BEM").empty());
}

BOOST_AUTO_TEST_SUITE_END()
