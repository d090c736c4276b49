// BmsEmulator: each core::EvFault kind against a standard ChargerStateMachine, which must react
// as GB/T 27930 / GB/T 34658 say (CEM with the matching bit, no CRM 0xAA after a broken BRM, ...);
// the validation texts; plug-in / unplug.
#include "v2gbench/protocols/gbt27930/bms_emulator.hpp"

#include "session_exchange.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace gbt27930_test;
using v2gbench::core::EvFault;
using v2gbench::core::EvFaultKind;
using v2gbench::units::Seconds;

namespace {

using EmuExchange = BasicExchange<BmsEmulator>;

EvFault fault(EvFaultKind kind, std::string message) {
    EvFault f;
    f.kind = kind;
    f.message = std::move(message);
    return f;
}

// A plugged-in emulator with `f` applied from the start.
struct Plugged : EmuExchange {
    explicit Plugged(std::optional<EvFault> f = std::nullopt) {
        if (f) bms.addFault(*f);
        bms.plugIn(0.0);
    }
};

bool crmAa(const EmuExchange& x, const Sent& s) {
    return s.fromCharger && x.name(s) == "CRM" && s.frame.data[0] == 0xAA;
}

std::string thrown(BmsEmulator& bms, const EvFault& f) {
    try {
        bms.addFault(f);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(gbt27930_bms_emulator)

BOOST_AUTO_TEST_CASE(without_faults_it_charges_like_the_state_machine) {
    Plugged x;
    BOOST_TEST(x.bms.pluggedIn());
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    BOOST_TEST(x.bms.detail() == "charging");
    BOOST_TEST(x.bms.phase() == Phase::Charging);
    x.charger.setOutput(400.0, 50.0);
    x.runFor(0.2);
    BOOST_REQUIRE(x.bms.chargerOutput().has_value());
    BOOST_TEST(x.bms.chargerOutput()->current == 50.0, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(silenced_brm_gives_cem_brm_timeout_after_five_seconds) {
    Plugged x(fault(EvFaultKind::Silence, "BRM"));
    x.runFor(7.0);
    BOOST_TEST(x.sent("BRM").empty());
    BOOST_TEST(x.indexOf([](const Sent& s) { return bmsTransport(s); }) == -1);
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BRM timeout") == 1u);
    const auto crm = x.sent("CRM");
    BOOST_REQUIRE(!crm.empty());
    BOOST_TEST(std::abs(cem.front().time - crm.front().time - kDefaultTimeoutSeconds) < 2e-3);
    BOOST_TEST(x.indexOf([&](const Sent& s) { return crmAa(x, s); }) == -1);
}

BOOST_AUTO_TEST_CASE(silenced_bcl_gives_cem_bcl_timeout_after_one_second) {
    Plugged x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.runFor(0.2);
    const double silencedAt = x.now();
    x.bms.addFault(fault(EvFaultKind::Silence, "BCL"));
    x.runFor(1.5);
    BOOST_TEST(x.sent("BCL", silencedAt).empty());
    const auto cem = x.sent("CEM", silencedAt);
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BCL timeout") == 1u);
    BOOST_TEST(cem.front().time - silencedAt < 1.0 + 2e-3);
    BOOST_TEST(cem.front().time - silencedAt > 0.9);
}

BOOST_AUTO_TEST_CASE(period_fault_retimes_a_message) {
    EvFault slowBcl = fault(EvFaultKind::Period, "BCL");
    slowBcl.period = Seconds(0.2);
    EvFault slowBcs = fault(EvFaultKind::Period, "BCS");
    slowBcs.period = Seconds(1.0);
    Plugged x;
    x.bms.addFault(slowBcl);
    x.bms.addFault(slowBcs);
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    const double from = x.now();
    x.runFor(3.0);
    const auto bcl = x.sent("BCL", from);
    BOOST_REQUIRE(bcl.size() >= 14u);
    for (std::size_t i = 1; i < bcl.size(); ++i) BOOST_TEST(std::abs(bcl[i].time - bcl[i - 1].time - 0.2) < 1e-6);
    std::vector<double> bcsStarts;
    for (const auto& s : x.log)
        if (s.time >= from && isTpControl(s, TpControl::Rts, "BCS")) bcsStarts.push_back(s.time);
    BOOST_REQUIRE(bcsStarts.size() >= 2u);
    for (std::size_t i = 1; i < bcsStarts.size(); ++i) BOOST_TEST(std::abs(bcsStarts[i] - bcsStarts[i - 1] - 1.0) < 1e-6);
    BOOST_TEST(x.charger.state() == ChargerState::Charging); // 200 ms BCL is still within the 1 s timeout
    BOOST_TEST(x.sent("CEM").empty());
    // Too slow for the charger: BCL every 1.5 s.
    slowBcl.period = Seconds(1.5);
    x.bms.addFault(slowBcl);
    x.runFor(2.0);
    BOOST_TEST(x.charger.lastTimeout() == "BCL timeout");
}

BOOST_AUTO_TEST_CASE(delay_fault_sends_each_frame_late) {
    EvFault late = fault(EvFaultKind::Delay, "BHM");
    late.delay = Seconds(0.3);
    Plugged x(late);
    x.runFor(1.0);
    const auto bhm = x.sent("BHM");
    BOOST_REQUIRE(!bhm.empty());
    BOOST_TEST(std::abs(bhm.front().time - 0.3) < 1e-6);
    // The charger recognised the vehicle only then.
    const auto crm = x.sent("CRM");
    BOOST_REQUIRE(!crm.empty());
    BOOST_TEST(crm.front().time >= 0.3 - 1e-9);
    // Later BHMs keep their 250 ms spacing, shifted.
    for (std::size_t i = 1; i < bhm.size(); ++i) BOOST_TEST(std::abs(bhm[i].time - bhm[i - 1].time - 0.25) < 1e-6);
}

BOOST_AUTO_TEST_CASE(corrupt_fault_writes_the_raw_value_also_inside_tp) {
    EvFault bcp = fault(EvFaultKind::Corrupt, "BCP");
    bcp.field = "max charge voltage";
    bcp.value = 4660; // 466.0 V
    Plugged x(bcp);
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    BOOST_REQUIRE(x.charger.vehicleLimits().maxChargeVoltage.has_value());
    BOOST_TEST(*x.charger.vehicleLimits().maxChargeVoltage == 466.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(*x.charger.vehicleLimits().maxChargeCurrent == x.bms.config().maxChargeCurrent,
               boost::test_tools::tolerance(1e-6)); // neighbours untouched
    // A BSM insulation fault makes the charger stop with CST "fault stop".
    EvFault insulation = fault(EvFaultKind::Corrupt, "BSM");
    insulation.field = "insulation";
    insulation.value = 1;
    const double from = x.now();
    x.bms.addFault(insulation);
    x.runFor(0.5);
    const auto cst = x.sent("CST", from);
    BOOST_REQUIRE(!cst.empty());
    BOOST_TEST(x.bit(cst.front(), "fault stop") == 1u);
}

BOOST_AUTO_TEST_CASE(wrong_dlc_bcl_counts_as_missing) {
    Plugged x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    EvFault shortBcl = fault(EvFaultKind::WrongDlc, "BCL");
    shortBcl.dlc = 3;
    const double from = x.now();
    x.bms.addFault(shortBcl);
    x.runFor(1.5);
    const auto bcl = x.sent("BCL", from);
    BOOST_REQUIRE(!bcl.empty());
    BOOST_TEST(bcl.front().frame.dlc == 3u);
    const auto cem = x.sent("CEM", from);
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BCL timeout") == 1u);
}

BOOST_AUTO_TEST_CASE(broken_brm_transfer_never_gets_crm_aa) {
    for (const char* mode : {"abort", "missing-packet", "wrong-sequence", "no-end"}) {
        BOOST_TEST_CONTEXT("mode " << mode) {
            EvFault broken = fault(EvFaultKind::BreakTransport, "BRM");
            broken.mode = mode;
            Plugged x(broken);
            x.runFor(6.5);
            BOOST_TEST(x.indexOf([&](const Sent& s) { return crmAa(x, s); }) == -1);
            BOOST_TEST(x.charger.lastTimeout() == "BRM timeout");
            const auto cem = x.sent("CEM");
            BOOST_REQUIRE(!cem.empty());
            BOOST_TEST(x.bit(cem.front(), "BRM timeout") == 1u);
            // What the bus saw of the first transfer.
            std::vector<unsigned> sequences;
            bool bmsAbort = false;
            for (const auto& s : x.log) {
                if (s.fromCharger || !bmsTransport(s)) continue;
                if (J1939Id::fromCanId(s.frame.id).pgn == kPgnTpDt) sequences.push_back(s.frame.data[0]);
                else if (isTpControl(s, TpControl::Abort, "BRM")) bmsAbort = true;
                if (sequences.size() >= 7) break;
            }
            const std::string m = mode;
            if (m == "abort") {
                BOOST_TEST(bmsAbort);
                BOOST_TEST(sequences.empty());
            } else {
                BOOST_REQUIRE(!sequences.empty());
                if (m == "missing-packet") BOOST_TEST((sequences.size() >= 2 && sequences[0] == 1 && sequences[1] == 3));
                if (m == "wrong-sequence") BOOST_TEST(sequences[0] == 2u);
                if (m == "no-end") BOOST_TEST((sequences[0] == 1 && (sequences.size() == 1 || sequences[1] == 1)));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(bem_fault_makes_the_charger_restart_the_handshake) {
    Plugged x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    EvFault bem;
    bem.kind = EvFaultKind::SendBem;
    bem.field = "CRO timeout";
    const double from = x.now();
    x.bms.addFault(bem);
    x.runFor(0.6);
    const auto sent = x.sent("BEM", from);
    BOOST_REQUIRE(sent.size() >= 2u);
    BOOST_TEST(x.bit(sent.front(), "CRO timeout") == 1u);
    BOOST_TEST(std::abs(sent[1].time - sent[0].time - 0.25) < 1e-6);
    BOOST_TEST(x.charger.timeouts() == 1u);
    BOOST_TEST(x.charger.lastTimeout() == "BMS BEM");
    const auto crm = x.sent("CRM", from);
    BOOST_REQUIRE(!crm.empty());
    BOOST_TEST(crm.front().frame.data[0] == 0x00u);
}

BOOST_AUTO_TEST_CASE(stop_answering_from_a_phase) {
    EvFault quiet;
    quiet.kind = EvFaultKind::StopAnswering;
    quiet.phase = "configuration";
    Plugged x(quiet);
    x.runFor(7.0);
    BOOST_TEST(x.sent("BCP").empty());
    BOOST_TEST(x.indexOf([](const Sent& s) { return isTpControl(s, TpControl::Rts, "BCP"); }) == -1);
    BOOST_TEST(x.charger.lastTimeout() == "BCP timeout");
    BOOST_TEST(x.bms.detail().find("not answering") == 0u);

    // Already charging: silent at once, the charger misses BCL after 1 s.
    Plugged y;
    BOOST_REQUIRE(y.runUntil([&] { return charging(y); }, 10.0) >= 0.0);
    quiet.phase = "charging";
    const double from = y.now();
    y.bms.addFault(quiet);
    y.runFor(1.5);
    for (const auto& s : y.log)
        if (s.time >= from) BOOST_TEST(s.fromCharger);
    BOOST_TEST(y.charger.lastTimeout() == "BCL timeout");
}

BOOST_AUTO_TEST_CASE(faults_are_validated_with_clear_texts) {
    BmsEmulator bms;
    auto has = [](const std::string& text, const std::string& part) {
        BOOST_TEST_INFO(text);
        BOOST_TEST(text.find(part) != std::string::npos);
    };
    has(thrown(bms, fault(EvFaultKind::Silence, "BXL")), "unknown GB/T 27930 message \"BXL\" (did you mean");
    has(thrown(bms, fault(EvFaultKind::Silence, "BXL")), "BCL");
    has(thrown(bms, fault(EvFaultKind::Silence, "CRM")), "sent by the charger");
    has(thrown(bms, fault(EvFaultKind::Silence, "BMV")), "does not send it");
    EvFault corrupt = fault(EvFaultKind::Corrupt, "BCL");
    corrupt.field = "current demnd";
    has(thrown(bms, corrupt), "unknown field \"current demnd\" (did you mean current demand?)");
    corrupt.field = "mode";
    corrupt.value = 256;
    has(thrown(bms, corrupt), "does not fit");
    EvFault dlc = fault(EvFaultKind::WrongDlc, "BCL");
    dlc.dlc = 9;
    has(thrown(bms, dlc), "dlc must be 0..8");
    dlc.message = "BRM";
    dlc.dlc = 4;
    has(thrown(bms, dlc), "not applicable");
    EvFault tp = fault(EvFaultKind::BreakTransport, "BRM");
    tp.mode = "explode";
    has(thrown(bms, tp), "unknown transport-protocol break mode \"explode\"");
    tp.message = "BCL";
    tp.mode = "abort";
    has(thrown(bms, tp), "not applicable: BCL is a single-frame message");
    EvFault bem;
    bem.kind = EvFaultKind::SendBem;
    bem.field = "CRM timeout";
    has(thrown(bms, bem), "did you mean CRM 0x00 timeout or CRM 0xAA timeout?");
    EvFault quiet;
    quiet.kind = EvFaultKind::StopAnswering;
    quiet.phase = "charge";
    has(thrown(bms, quiet), "(did you mean charging?)");
    EvFault period = fault(EvFaultKind::Period, "BCS");
    period.period = Seconds(0.1);
    has(thrown(bms, period), "not applicable");
    EvFault delay = fault(EvFaultKind::Delay, "BCL");
    has(thrown(bms, delay), "delay must be a positive number");
    BOOST_TEST(bms.faults().empty());
}

BOOST_AUTO_TEST_CASE(a_new_fault_of_the_same_kind_and_message_replaces_the_old) {
    BmsEmulator bms;
    EvFault d = fault(EvFaultKind::Delay, "BCL");
    d.delay = Seconds(0.1);
    bms.addFault(d);
    d.delay = Seconds(0.2);
    bms.addFault(d);
    bms.addFault(fault(EvFaultKind::Silence, "BCL"));
    BOOST_REQUIRE(bms.faults().size() == 2u);
    BOOST_TEST(bms.faults().front().delay.value == 0.2);
    bms.clearFaults();
    BOOST_TEST(bms.faults().empty());
}

BOOST_AUTO_TEST_CASE(unplug_silences_and_plug_in_starts_afresh) {
    Plugged x(fault(EvFaultKind::Silence, "BRM"));
    x.runFor(6.0);
    BOOST_TEST(x.charger.timeouts() == 1u);
    x.bms.unplug(x.now());
    BOOST_TEST(!x.bms.pluggedIn());
    BOOST_TEST(x.bms.state() == BmsState::Unplugged);
    BOOST_TEST(x.bms.detail() == "unplugged");
    BOOST_TEST(x.bms.faults().empty());
    const double from = x.now();
    x.runFor(1.0);
    for (const auto& s : x.log)
        if (s.time >= from) BOOST_TEST(s.fromCharger);
    // Plug in again: a fresh session (the charger is still reconnecting and sends CRM 0x00).
    x.bms.plugIn(x.now());
    BOOST_TEST(x.bms.timeouts() == 0u);
    BOOST_TEST(x.bms.state() == BmsState::WaitingCrm);
    BOOST_TEST(x.runUntil([&] { return charging(x); }, x.now() + 10.0) >= 0.0);
}

BOOST_AUTO_TEST_CASE(pause_and_demand_pass_through) {
    Plugged x;
    BOOST_REQUIRE(x.runUntil([&] { return charging(x); }, 10.0) >= 0.0);
    x.bms.pause();
    x.bms.setDemand(380.0, 30.0, ChargeMode::ConstantCurrent, 20.0);
    x.runFor(0.5);
    BOOST_TEST(x.bms.paused());
    BOOST_TEST(!x.charger.outputPermitted());
    BOOST_TEST(x.charger.demand()->current == 30.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(x.bms.config().maxDischargeCurrent == 20.0);
    x.bms.resume();
    x.runFor(0.5);
    BOOST_TEST(x.charger.outputPermitted());
    x.bms.stop();
    BOOST_TEST(x.runUntil([&] { return x.bms.state() == BmsState::Finished; }, x.now() + 5.0) >= 0.0);
}

BOOST_AUTO_TEST_SUITE_END()

// GB/T 34658 negative cases (issue 12): the wrong message type, a stale message, BRO(0x00) after
// BRO(0xAA); each against the standard charger state machine.
BOOST_AUTO_TEST_SUITE(gbt27930_bms_emulator_34658)

BOOST_AUTO_TEST_CASE(substitute_sends_another_message_in_place_of_bro) {
    EvFault f = fault(EvFaultKind::Substitute, "BRO");
    f.with = "BHM";
    Plugged x(f);
    x.runFor(12.0);
    BOOST_TEST(x.sent("BRO").empty());
    const auto cml = x.sent("CML");
    BOOST_REQUIRE(!cml.empty());
    BOOST_TEST(!x.sent("BHM", cml.front().time).empty()); // BHM where BRO belonged
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BRO timeout") == 1u);
    BOOST_TEST(std::abs(cem.front().time - cml.front().time - kDefaultTimeoutSeconds) < 0.3);
}

BOOST_AUTO_TEST_CASE(substitute_of_a_transfer_replaces_the_whole_transfer) {
    EvFault f = fault(EvFaultKind::Substitute, "BCP");
    f.with = "BHM";
    Plugged x(f);
    x.runFor(8.0);
    BOOST_TEST(x.indexOf([](const Sent& s) { return isTpControl(s, TpControl::Rts, "BCP"); }) == -1);
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BCP timeout") == 1u);
}

BOOST_AUTO_TEST_CASE(stale_bhm_keeps_the_vehicle_at_bhm_and_the_charger_times_out_on_brm) {
    Plugged x(fault(EvFaultKind::Stale, "BHM"));
    x.runFor(9.0);
    BOOST_TEST(x.indexOf([](const Sent& s) { return isTpControl(s, TpControl::Rts, "BRM"); }) == -1);
    const auto crm = x.sent("CRM");
    BOOST_REQUIRE(!crm.empty());
    BOOST_TEST(x.sent("BHM", crm.front().time + 1.0).size() >= 3u); // still BHM after CRM(0x00)
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BRM timeout") == 1u);
    BOOST_TEST(x.sent("BEM").empty()); // a stale vehicle does not time out itself
}

BOOST_AUTO_TEST_CASE(stale_bcl_keeps_the_charging_messages_without_ccs) {
    // DN.3001: only BCL after CRO(0xAA); the vehicle keeps sending it (no CCS timeout of its own).
    Plugged x(fault(EvFaultKind::Stale, "BCL"));
    x.bms.addFault(fault(EvFaultKind::Silence, "BCS"));
    x.runFor(20.0);
    BOOST_TEST(x.sent("CCS").empty());
    BOOST_TEST(x.sent("BEM").empty());
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BCS timeout") == 1u);
    BOOST_TEST(x.bit(cem.front(), "BCL timeout") == 0u);
}

BOOST_AUTO_TEST_CASE(corrupt_after_sends_bro_not_ready_after_ready) {
    EvFault f = fault(EvFaultKind::Corrupt, "BRO");
    f.field = "BMS ready";
    f.value = 0;
    f.after = Seconds(1.0);
    // A charger that never gets its output ready holds CRO(0x00) (GB/T 34658 Amendment No. 1):
    // it repeats CRO(0x00) and takes the error path 5 s after the last BRO(0xAA).
    ChargerConfig holding;
    holding.holdCroForOutput = true;
    EmuExchange x({}, holding);
    x.bms.addFault(f);
    x.bms.plugIn(0.0);
    x.runFor(15.0);
    const auto bro = x.sent("BRO");
    BOOST_REQUIRE(bro.size() >= 6u);
    const auto cem = x.sent("CEM");
    BOOST_REQUIRE(!cem.empty());
    BOOST_TEST(x.bit(cem.front(), "BRO timeout") == 1u);
    double lastReady = 0.0;
    for (const auto& b : bro)
        if (b.frame.data[0] == 0xAA) lastReady = b.time;
    BOOST_TEST(std::abs(cem.front().time - lastReady - 5.0) < 2e-3);
    BOOST_TEST(bro.front().frame.data[0] == 0xAA);
    BOOST_TEST(bro.back().frame.data[0] == 0x00);
    for (const auto& b : bro)
        BOOST_TEST((b.frame.data[0] == 0xAA) == (b.time - bro.front().time < 1.0 - 1e-9));
}

BOOST_AUTO_TEST_CASE(the_new_kinds_are_validated) {
    BmsEmulator bms;
    EvFault f = fault(EvFaultKind::Substitute, "BRO");
    BOOST_TEST(thrown(bms, f).find("no replacement given") != std::string::npos);
    f.with = "BRO";
    BOOST_TEST(thrown(bms, f).find("another message") != std::string::npos);
    f.with = "BCS";
    BOOST_TEST(thrown(bms, f).find("single-frame") != std::string::npos);
    f.with = "CRM";
    BOOST_TEST(thrown(bms, f).find("sent by the charger") != std::string::npos);
    BOOST_TEST(thrown(bms, fault(EvFaultKind::Stale, "BSM")).find("cannot be kept stale") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
