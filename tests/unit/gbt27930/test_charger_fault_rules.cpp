// The charger emulator's declarative faults (role evse, GB/T 34658 BMS side): what it refuses, with
// a text that says why, and what each accepted kind does to the charger's frames.
#include "v2gbench/protocols/gbt27930/charger_fault_rules.hpp"
#include "v2gbench/protocols/gbt27930/j1939_id.hpp"
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

using namespace v2gbench;
using namespace v2gbench::protocols::gbt27930;

namespace {

core::EvFault fault(core::EvFaultKind kind, std::string message) {
    core::EvFault f;
    f.kind = kind;
    f.message = std::move(message);
    return f;
}

std::string refusal(const core::EvFault& f) {
    try {
        validateChargerFault(f);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return {};
}

std::uint32_t pgnOf(const transports::CanFrame& frame) { return J1939Id::fromCanId(frame.id).pgn; }

transports::CanFrame crm(double recognition) {
    Codec codec;
    return codec.encodeFrame("CRM", FieldValues().set("recognition", recognition).set("charger number", 1));
}

} // namespace

BOOST_AUTO_TEST_SUITE(gbt27930_charger_fault_rules)

BOOST_AUTO_TEST_CASE(refuses_what_the_charger_emulator_cannot_apply) {
    using K = core::EvFaultKind;
    BOOST_TEST(refusal(fault(K::Silence, "CRM")).empty());
    BOOST_TEST(refusal(fault(K::Silence, "BHM")).find("not applicable: BHM is not one of") != std::string::npos);
    BOOST_TEST(refusal(fault(K::Silence, "CRN")).find("did you mean") != std::string::npos);
    BOOST_TEST(refusal(fault(K::Silence, "")).find("no message given") != std::string::npos);
    BOOST_TEST(refusal(fault(K::Period, "CRM")).find("is the EV emulator's") != std::string::npos);
    auto sub = fault(K::Substitute, "CRM");
    sub.with = "BHM";
    BOOST_TEST(refusal(sub).find("BHM is not one of") != std::string::npos);
    auto corrupt = fault(K::Corrupt, "CRM");
    corrupt.field = "recogniton";
    BOOST_TEST(refusal(corrupt).find("unknown field \"recogniton\" (did you mean recognition?)") != std::string::npos);
    corrupt.field = "recognition";
    corrupt.value = 256;
    BOOST_TEST(refusal(corrupt).find("does not fit") != std::string::npos);
    auto tp = fault(K::BreakTransport, "BRM");
    tp.mode = "missing-packet";
    BOOST_TEST(refusal(tp).find("unknown mode \"missing-packet\"") != std::string::npos);
    tp.mode = "no-cts";
    BOOST_TEST(refusal(tp).empty());
    tp.message = "CRM";
    BOOST_TEST(refusal(tp).find("not applicable") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(silence_substitute_and_corrupt_act_on_the_charger_frames_only) {
    ChargerFaultFilter filter;
    BOOST_TEST(filter.apply(crm(0xAA)).has_value()); // no fault: unchanged
    auto corrupt = fault(core::EvFaultKind::Corrupt, "CRM");
    corrupt.field = "recognition";
    corrupt.value = 0;
    filter.add(corrupt);
    const auto corrupted = filter.apply(crm(0xAA));
    BOOST_REQUIRE(corrupted.has_value());
    BOOST_TEST(corrupted->data[0] == 0x00);
    BOOST_TEST(corrupted->data[1] == crm(0xAA).data[1]); // the charger number untouched

    auto sub = fault(core::EvFaultKind::Substitute, "CRM");
    sub.with = "CHM";
    filter.add(sub);
    const auto substituted = filter.apply(crm(0x00));
    BOOST_REQUIRE(substituted.has_value());
    BOOST_TEST(pgnOf(*substituted) == findMessage("CHM")->pgn);

    filter.add(fault(core::EvFaultKind::Silence, "CRM"));
    BOOST_TEST(!filter.apply(crm(0x00)).has_value());
    Codec codec;
    const auto bhm = codec.encodeFrame("BHM", FieldValues().set("max charge voltage", 500));
    BOOST_TEST(filter.apply(bhm).has_value()); // the vehicle's frames are not the charger's
    filter.clear();
    BOOST_TEST(filter.apply(crm(0x00)).has_value());
}

BOOST_AUTO_TEST_CASE(dlc_cuts_or_fills_the_charger_frame_and_is_validated) {
    using K = core::EvFaultKind;
    auto dlc = fault(K::WrongDlc, "CRM");
    dlc.dlc = 9;
    BOOST_TEST(refusal(dlc).find("dlc 9 is not a CAN data length (0..8)") != std::string::npos);
    dlc.message = "BRM";
    dlc.dlc = 4;
    BOOST_TEST(refusal(dlc).find("not applicable: BRM is not one of") != std::string::npos);
    dlc.message = "CRM";
    BOOST_TEST(refusal(dlc).empty());

    ChargerFaultFilter filter;
    filter.add(dlc);
    const auto shortCrm = filter.apply(crm(0x00));
    BOOST_REQUIRE(shortCrm.has_value());
    BOOST_TEST(shortCrm->dlc == 4u);
    BOOST_TEST(shortCrm->data[0] == 0x00);
    BOOST_TEST(shortCrm->data[4] == 0x00); // cut off: not sent, zeroed
    Codec codec;
    BOOST_TEST(!codec.decode(*shortCrm)->ok()); // too short for its fields: a receiver takes it as no CRM

    const auto cro = codec.encodeFrame("CRO", FieldValues().set("charger ready", 0xAA));
    dlc.message = "CRO";
    dlc.dlc = 3;
    filter.add(dlc);
    const auto longCro = filter.apply(cro);
    BOOST_REQUIRE(longCro.has_value());
    BOOST_TEST(longCro->dlc == 3u);
    BOOST_TEST(longCro->data[0] == 0xAA);
    BOOST_TEST(longCro->data[1] == 0xFF); // filled as GB/T 27930 fills
    BOOST_TEST(longCro->data[2] == 0xFF);
}

BOOST_AUTO_TEST_CASE(after_lets_the_first_frames_through_then_strikes) {
    using K = core::EvFaultKind;
    auto at = [](transports::CanFrame f, int ms) {
        f.timestamp = std::chrono::milliseconds(ms);
        return f;
    };
    auto period = fault(K::Period, "CRM");
    period.period = units::Seconds(1.0);
    period.after = units::Seconds(1.0);
    BOOST_TEST(refusal(period).find("'after' is applied to silence, substitute, corrupt and dlc only") !=
               std::string::npos);
    auto silence = fault(K::Silence, "CRO");
    silence.after = units::Seconds(-1.0);
    BOOST_TEST(refusal(silence).find("'after' must be a time >= 0") != std::string::npos);

    // A CRO stream that stops 1 s after its first frame (BN.2007).
    silence.after = units::Seconds(1.0);
    ChargerFaultFilter filter;
    filter.add(silence);
    Codec codec;
    const auto cro = codec.encodeFrame("CRO", FieldValues().set("charger ready", 0.0));
    BOOST_TEST(filter.apply(at(cro, 5000)).has_value());
    BOOST_TEST(filter.apply(at(cro, 5750)).has_value());
    BOOST_TEST(!filter.apply(at(cro, 6000)).has_value());
    BOOST_TEST(!filter.apply(at(cro, 9000)).has_value());
    filter.restart(); // a new plug-in: counted from its first CRO again
    BOOST_TEST(filter.apply(at(cro, 20000)).has_value());
    BOOST_TEST(!filter.apply(at(cro, 21000)).has_value());

    // The first CRM(0x00) intact, the ones after it spoilt (BN.1009); other messages uncounted.
    auto corrupt = fault(K::Corrupt, "CRM");
    corrupt.field = "recognition";
    corrupt.value = 0x55;
    corrupt.after = units::Seconds(0.01);
    filter.add(corrupt);
    BOOST_TEST(filter.apply(at(crm(0x00), 1000))->data[0] == 0x00);
    BOOST_TEST(filter.apply(at(crm(0xAA), 1250))->data[0] == 0x55);
    filter.add(corrupt); // set again: counts from the next CRM
    BOOST_TEST(filter.apply(at(crm(0xAA), 1500))->data[0] == 0xAA);
    BOOST_TEST(filter.apply(at(crm(0xAA), 1750))->data[0] == 0x55);
}

BOOST_AUTO_TEST_CASE(tp_break_withholds_or_aborts_the_charger_cts_for_that_message_only) {
    TpConnectionManagement cts;
    cts.control = TpControl::Cts;
    cts.packets = 7;
    cts.nextSequence = 1;
    cts.pgn = findMessage("BRM")->pgn;
    const auto brmCts = makeTpCm(kChargerAddress, kBmsAddress, cts);
    cts.pgn = findMessage("BCP")->pgn;
    const auto bcpCts = makeTpCm(kChargerAddress, kBmsAddress, cts);

    ChargerFaultFilter filter;
    auto tp = fault(core::EvFaultKind::BreakTransport, "BRM");
    tp.mode = "no-cts";
    filter.add(tp);
    BOOST_TEST(!filter.apply(brmCts).has_value());
    BOOST_TEST(filter.apply(bcpCts).has_value());

    tp.mode = "abort"; // replaces the no-cts fault of the same message
    filter.add(tp);
    BOOST_TEST(filter.faults().size() == 1u);
    const auto aborted = filter.apply(brmCts);
    BOOST_REQUIRE(aborted.has_value());
    const auto cm = parseTpCm(*aborted);
    BOOST_REQUIRE(cm.has_value());
    BOOST_TEST((cm->control == TpControl::Abort));
    BOOST_TEST(cm->pgn == findMessage("BRM")->pgn);
}

BOOST_AUTO_TEST_SUITE_END()
