// The charger emulator's declarative faults (role evse, GB/T 34658 BMS side): what it refuses, with
// a text that says why, and what each accepted kind does to the charger's frames.
#include "v2gbench/protocols/gbt27930/charger_fault_rules.hpp"
#include "v2gbench/protocols/gbt27930/j1939_id.hpp"
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

#include <boost/test/unit_test.hpp>

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
