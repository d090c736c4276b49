// The socketcand messages both our client and our hub read and write, byte for byte.
#include "v2gbench/transports/socketcand_protocol.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench::transports;

BOOST_AUTO_TEST_SUITE(can_socketcand_protocol)

BOOST_AUTO_TEST_CASE(formats_send_with_padded_ids_and_bytes) {
    auto ext = CanFrame::make(0x1CEC56F4, true, {0x10, 0x31, 0x00, 0x07});
    BOOST_TEST(formatSendCommand(ext) == "< send 1CEC56F4 4 10 31 00 07 >");
    auto std = CanFrame::make(0x12, false, {});
    BOOST_TEST(formatSendCommand(std) == "< send 012 0 >");
    auto smallExt = CanFrame::make(0x123, true, {0xFF});
    BOOST_TEST(formatSendCommand(smallExt) == "< send 00000123 1 FF >");
}

BOOST_AUTO_TEST_CASE(formats_frame_with_timestamp_and_unspaced_data) {
    auto f = CanFrame::make(0x182756F4, true, {0xD8, 0x0F});
    f.timestamp = std::chrono::microseconds(1700000000123456LL);
    BOOST_TEST(formatFrameMessage(f) == "< frame 182756F4 1700000000.123456 D80F >");
    auto empty = CanFrame::make(0x123, false, {});
    empty.timestamp = std::chrono::microseconds(1000000);
    // python-can splits on spaces and needs the empty data field.
    BOOST_TEST(formatFrameMessage(empty) == "< frame 123 1.000000  >");
}

BOOST_AUTO_TEST_CASE(parses_what_python_can_sends) {
    // python-can 4.1: unpadded id, {:X} length, {:x} bytes without zero padding.
    auto f = parseSendMessage(parseSocketcandMessage(" send C3956F4 4 5 a0 0 ff "));
    BOOST_TEST(f.id == 0x0C3956F4u);
    BOOST_TEST(f.extended);
    BOOST_TEST(f.dlc == 4);
    BOOST_TEST(f.data[0] == 0x05);
    BOOST_TEST(f.data[1] == 0xA0);
    BOOST_TEST(f.data[2] == 0x00);
    BOOST_TEST(f.data[3] == 0xFF);
    auto s = parseSendMessage(parseSocketcandMessage("send 7FF 0"));
    BOOST_TEST(!s.extended);
    BOOST_TEST(s.dlc == 0);
    BOOST_TEST(parseSendMessage(parseSocketcandMessage("send 00000001 0")).extended);
}

BOOST_AUTO_TEST_CASE(round_trips_frames) {
    auto f = CanFrame::make(0x1CECF456, true, {0x11, 0x07, 0x01, 0xFF, 0xFF, 0x00, 0x02, 0x00});
    f.timestamp = std::chrono::microseconds(42000007);
    const std::string text = formatFrameMessage(f);
    auto chunk = text.substr(0, text.size() - 1);
    auto back = parseFrameMessage(parseSocketcandChunk(chunk));
    BOOST_TEST(back.sameContent(f));
    BOOST_TEST(back.timestamp.count() == 42000007);
    auto sent = parseSendMessage(parseSocketcandChunk(formatSendCommand(f).substr(0, formatSendCommand(f).size() - 1)));
    BOOST_TEST(sent.sameContent(f));
}

BOOST_AUTO_TEST_CASE(rejects_malformed_messages_with_reasons) {
    auto bad = [](const std::string& inner) -> std::string {
        try {
            parseSendMessage(parseSocketcandMessage(inner));
        } catch (const SocketcandSyntaxError& e) {
            return e.what();
        }
        return "accepted";
    };
    BOOST_TEST(bad("send 123 2 11").find("length 2 but 1 data bytes") != std::string::npos);
    BOOST_TEST(bad("send XYZ 0").find("not hexadecimal") != std::string::npos);
    BOOST_TEST(bad("send 123 9 1 2 3 4 5 6 7 8 9").find("above 8") != std::string::npos);
    BOOST_TEST(bad("send 123 1 100").find("data byte") != std::string::npos);
    BOOST_TEST(bad("send 3FFFFFFF 0").find("29 bits") != std::string::npos);
    BOOST_CHECK_THROW(parseFrameMessage(parseSocketcandMessage("frame 123 abc 11")), SocketcandSyntaxError);
    BOOST_CHECK_THROW(parseFrameMessage(parseSocketcandMessage("frame 123 1.0 112")), SocketcandSyntaxError);
    BOOST_CHECK_THROW(parseSocketcandChunk("junk < ok "), SocketcandSyntaxError);
    BOOST_CHECK_THROW(formatSendCommand(CanFrame{0x800, false}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(stream_parser_splits_joins_and_survives_garbage) {
    SocketcandStreamParser p;
    p.feed("< hi >< o");
    auto hi = p.next();
    BOOST_REQUIRE(hi);
    BOOST_TEST(hi->command == "hi");
    BOOST_TEST(!p.next());
    p.feed("k >\r\n< send 123 1 AA >");
    BOOST_TEST(p.next()->command == "ok");
    auto send = p.next();
    BOOST_REQUIRE(send);
    BOOST_TEST(send->args.size() == 3u);
    p.feed("garbage< echo >");
    BOOST_CHECK_THROW(p.next(), SocketcandSyntaxError);
    auto echo = p.next();
    BOOST_REQUIRE(echo);
    BOOST_TEST(echo->command == "echo");
    BOOST_TEST(p.pending() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
