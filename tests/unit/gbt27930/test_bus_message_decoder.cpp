// BusMessageDecoder: single frames, TP control/data frames and reassembly, broken TP, wrong DLC
// and unknown ids, as a CAN recorder would feed them.
#include "v2gbench/protocols/gbt27930/bus_message_decoder.hpp"
#include "v2gbench/protocols/gbt27930/session_fields.hpp"
#include "v2gbench/protocols/gbt27930/tp_receiver.hpp"
#include "v2gbench/protocols/gbt27930/tp_sender.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace v2gbench::protocols::gbt27930;
using v2gbench::core::BusMessage;
using v2gbench::transports::CanFrame;

namespace {

std::vector<std::string> names(const std::vector<BusMessage>& messages) {
    std::vector<std::string> out;
    for (const auto& m : messages) out.push_back(m.name);
    return out;
}

// A whole BRM transfer between a TpSender (BMS) and a TpReceiver (charger), frames in bus order.
std::vector<CanFrame> brmTransfer(const Codec& codec, bool wrongSequence = false) {
    TpSender sender(kBmsAddress);
    TpReceiver receiver(kChargerAddress);
    const auto payload = codec.encode("BRM", FieldValues().set("BMS protocol version", "V1.1").set("rated voltage", 350.0));
    std::vector<CanFrame> bus, toReceiver = sender.start(kChargerAddress, 0x0200, payload, {}).frames;
    while (!toReceiver.empty()) {
        std::vector<CanFrame> toSender;
        for (auto f : toReceiver) {
            if (wrongSequence && J1939Id::fromCanId(f.id).pgn == kPgnTpDt && f.data[0] == 2) f.data[0] = 3;
            bus.push_back(f);
            for (auto& r : receiver.onFrame(f).frames) toSender.push_back(r);
        }
        toReceiver.clear();
        for (auto& f : toSender) {
            bus.push_back(f);
            for (auto& r : sender.onFrame(f).frames) toReceiver.push_back(r);
        }
    }
    return bus;
}

} // namespace

BOOST_AUTO_TEST_SUITE(gbt27930_bus_message_decoder)

BOOST_AUTO_TEST_CASE(single_frame_status_message) {
    Codec codec;
    BusMessageDecoder decoder;
    std::vector<BusMessage> out;
    decoder.feed(codec.encodeFrame("CEM", statusFields("CEM", "BRM timeout")), 12.345, out);
    BOOST_REQUIRE(out.size() == 1u);
    const BusMessage& m = out.front();
    BOOST_TEST(m.name == "CEM");
    BOOST_TEST(m.sender == "charger");
    BOOST_TEST(m.time == 12.345);
    BOOST_TEST(m.length == 4u);
    BOOST_TEST(m.problem.empty());
    BOOST_REQUIRE(m.field("BRM timeout"));
    BOOST_TEST(m.field("BRM timeout")->value == 1.0);
    BOOST_TEST(m.field("BRM timeout")->text == "timeout (01)");
    BOOST_TEST(m.field("BCP timeout")->value == 0.0);
    BOOST_TEST_INFO(m.summary);
    BOOST_TEST(m.summary.find("12.345 s charger→ev CEM  BRM timeout=timeout (01)") == 0u);
    BOOST_TEST(m.summary.find("BCP timeout") == std::string::npos); // normal fields left out

    out.clear();
    decoder.feed(codec.encodeFrame("CST", statusFields("CST", "")), 1.0, out);
    BOOST_TEST(out.front().summary.find("all normal") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(single_frame_numbers_carry_units_and_bench_sign) {
    BusMessageDecoder decoder;
    std::vector<BusMessage> out;
    CanFrame bcl;
    bcl.id = 0x181056F4;
    bcl.extended = true;
    bcl.dlc = 5;
    const std::uint8_t data[] = {0xA5, 0x10, 0xD8, 0x0E, 0x02}; // digest §1.3 test vector
    std::copy(std::begin(data), std::end(data), bcl.data.begin());
    decoder.feed(bcl, 2.0, out);
    BOOST_REQUIRE(out.size() == 1u);
    const BusMessage& m = out.front();
    BOOST_TEST(m.name == "BCL");
    BOOST_TEST(m.sender == "ev");
    BOOST_TEST(m.field("voltage demand")->value == 426.1, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(m.field("voltage demand")->unit == "V");
    BOOST_TEST(m.field("current demand")->value == 20.0, boost::test_tools::tolerance(1e-9)); // charging positive
    BOOST_TEST(m.field("mode")->value == 2.0);                                                 // raw
    BOOST_TEST(m.problem.empty());
}

BOOST_AUTO_TEST_CASE(tp_transfer_is_reassembled_after_its_control_frames) {
    Codec codec;
    BusMessageDecoder decoder;
    std::vector<BusMessage> out;
    const auto bus = brmTransfer(codec);
    for (std::size_t i = 0; i < bus.size(); ++i) decoder.feed(bus[i], 1.0 + 0.01 * static_cast<double>(i), out);
    const std::vector<std::string> expected = {"TP.CM_RTS", "TP.CM_CTS", "TP.DT", "TP.DT", "TP.DT", "TP.DT", "TP.DT",
                                               "TP.DT",     "TP.DT",     "BRM",   "TP.CM_EndOfMsgAck"};
    BOOST_TEST(names(out) == expected, boost::test_tools::per_element());
    BOOST_REQUIRE(out.size() == expected.size());
    const BusMessage& rts = out[0];
    BOOST_TEST(rts.sender == "ev");
    BOOST_TEST(rts.field("size")->value == 49.0);
    BOOST_TEST(rts.field("PGN")->text.find("BRM") == 0u);
    BOOST_TEST(out[1].sender == "charger");
    const BusMessage& brm = out[9];
    BOOST_TEST(brm.time == out[8].time); // the completing TP.DT
    BOOST_TEST(brm.length == 49u);
    BOOST_TEST(brm.sender == "ev");
    BOOST_TEST(brm.field("rated voltage")->value == 350.0, boost::test_tools::tolerance(1e-9));
    for (const auto& m : out) {
        BOOST_TEST_INFO(m.summary);
        BOOST_TEST(m.problem.empty());
    }
    BOOST_TEST(out[2].summary.find("ev→charger TP.DT  sequence 1:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(broken_tp_is_a_problem_and_nothing_is_reassembled) {
    Codec codec;
    BusMessageDecoder decoder;
    std::vector<BusMessage> out;
    for (const auto& f : brmTransfer(codec, true)) decoder.feed(f, 1.0, out);
    bool problem = false;
    for (const auto& m : out) {
        BOOST_TEST(m.name != "BRM");
        if (!m.problem.empty()) {
            problem = true;
            BOOST_TEST_INFO(m.summary);
            BOOST_TEST(m.summary.find(m.problem) != std::string::npos);
        }
    }
    BOOST_TEST(problem);
    const auto all = names(out);
    BOOST_TEST((std::find(all.begin(), all.end(), "TP.Conn_Abort") != all.end()));
}

BOOST_AUTO_TEST_CASE(wrong_dlc_and_unknown_ids) {
    Codec codec;
    BusMessageDecoder decoder;
    std::vector<BusMessage> out;
    CanFrame shortBcl = codec.encodeFrame("BCL", FieldValues().set("voltage demand", 400.0));
    shortBcl.dlc = 3;
    decoder.feed(shortBcl, 1.0, out);
    BOOST_REQUIRE(out.size() == 1u);
    BOOST_TEST(out[0].name == "BCL");
    BOOST_TEST(!out[0].problem.empty());

    CanFrame standard;
    standard.id = 0x123;
    standard.dlc = 2;
    decoder.feed(standard, 2.0, out);
    CanFrame foreign;
    foreign.id = 0x18FF0012;
    foreign.extended = true;
    foreign.dlc = 8;
    decoder.feed(foreign, 3.0, out);
    BOOST_REQUIRE(out.size() == 3u);
    for (std::size_t i = 1; i < 3; ++i) {
        BOOST_TEST(out[i].name == "?");
        BOOST_TEST(out[i].sender == "?");
        BOOST_TEST(out[i].problem.empty());
    }
    BOOST_TEST(out[1].summary.find("id 0x123") != std::string::npos);
    BOOST_TEST(out[2].summary.find("id 0x18FF0012") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
