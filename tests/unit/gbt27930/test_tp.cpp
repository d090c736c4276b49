// J1939 transport protocol: sender and receiver against each other, and every error path of the
// receiver and of the passive monitor.
#include "v2gbench/protocols/gbt27930/tp_monitor.hpp"
#include "v2gbench/protocols/gbt27930/tp_receiver.hpp"
#include "v2gbench/protocols/gbt27930/tp_sender.hpp"

#include <boost/test/unit_test.hpp>

#include <numeric>

using namespace v2gbench::protocols::gbt27930;
using v2gbench::transports::CanFrame;
using namespace std::chrono_literals;

namespace {

std::vector<std::uint8_t> payload(std::size_t n) {
    std::vector<std::uint8_t> d(n);
    std::iota(d.begin(), d.end(), std::uint8_t{1});
    return d;
}

CanFrame at(CanFrame f, std::chrono::microseconds t) {
    f.timestamp = t;
    return f;
}

TpConnectionManagement rts(std::uint16_t size, std::uint8_t packets, std::uint32_t pgn = 0x0200) {
    TpConnectionManagement cm;
    cm.control = TpControl::Rts;
    cm.size = size;
    cm.packets = packets;
    cm.pgn = pgn;
    return cm;
}

} // namespace

BOOST_AUTO_TEST_SUITE(transport_protocol)

BOOST_AUTO_TEST_CASE(frames_match_the_captures) {
    auto f = makeTpCm(kBmsAddress, kChargerAddress, rts(49, 7));
    BOOST_TEST(f.id == 0x1CEC56F4u);
    BOOST_TEST(v2gbench::transports::toCanUtilsString(f) == "1CEC56F4#10310007FF000200");
    auto cm = parseTpCm(CanFrame::make(0x1CECF456, true, {0x11, 0x07, 0x01, 0xFF, 0xFF, 0x00, 0x02, 0x00}));
    BOOST_REQUIRE(cm.has_value());
    BOOST_TEST((cm->control == TpControl::Cts));
    BOOST_TEST(cm->packets == 7);
    BOOST_TEST(cm->nextSequence == 1);
    BOOST_TEST(cm->pgn == 0x0200u);
    std::string why;
    BOOST_TEST(!parseTpCm(CanFrame::make(0x1CEC56F4, true, {0x42, 0, 0, 0, 0, 0, 2, 0}), &why));
    BOOST_TEST(why.find("unknown control byte 0x42") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sender_and_receiver_reassemble_in_windows) {
    TpSender sender(kBmsAddress);
    TpReceiver receiver(kChargerAddress, {}, 3); // three packets per CTS
    auto data = payload(49);
    auto out = sender.start(kChargerAddress, 0x0200, data, 0us);
    std::vector<CanFrame> toReceiver = out.frames, toSender;
    std::optional<TpMessage> received, acknowledged;
    auto t = 0us;
    for (int round = 0; round < 20 && (!toReceiver.empty() || !toSender.empty()); ++round) {
        t += 1000us;
        std::vector<CanFrame> next;
        for (auto& f : toReceiver) {
            auto o = receiver.onFrame(at(f, t));
            BOOST_TEST(!o.error.has_value());
            if (o.message) received = o.message;
            next.insert(next.end(), o.frames.begin(), o.frames.end());
        }
        toReceiver.clear();
        for (auto& f : next) {
            auto o = sender.onFrame(at(f, t));
            BOOST_TEST(!o.error.has_value());
            if (o.message) acknowledged = o.message;
            toReceiver.insert(toReceiver.end(), o.frames.begin(), o.frames.end());
        }
    }
    BOOST_REQUIRE(received.has_value());
    BOOST_TEST(received->data == data);
    BOOST_TEST(received->packets == 7);
    BOOST_REQUIRE(acknowledged.has_value());
    BOOST_TEST(!sender.busy());
    BOOST_TEST(!receiver.busy());
}

BOOST_AUTO_TEST_CASE(receiver_errors) {
    auto dt = [](std::uint8_t seq) { return makeTpDt(kBmsAddress, kChargerAddress, seq, payload(49)); };
    auto open = [](TpReceiver& r) {
        auto o = r.onFrame(makeTpCm(kBmsAddress, kChargerAddress, rts(49, 7)));
        BOOST_REQUIRE(o.frames.size() == 1u);
        BOOST_TEST(o.frames[0].data[0] == 0x11);
    };
    { // missing packets -> wrong sequence, abort reason 7
        TpReceiver r(kChargerAddress);
        open(r);
        r.onFrame(dt(1));
        auto o = r.onFrame(dt(4));
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST((o.error->kind == TpErrorKind::WrongSequence));
        BOOST_TEST(o.error->message.find("packets 2..3 missing") != std::string::npos);
        BOOST_REQUIRE(o.frames.size() == 1u);
        BOOST_TEST(o.frames[0].data[0] == 0xFF);
        BOOST_TEST(o.frames[0].data[1] == 7);
    }
    { // duplicate
        TpReceiver r(kChargerAddress);
        open(r);
        r.onFrame(dt(1));
        auto o = r.onFrame(dt(1));
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST((o.error->kind == TpErrorKind::DuplicateSequence));
        BOOST_TEST(o.frames[0].data[1] == 8);
    }
    { // size and packet count disagree
        TpReceiver r(kChargerAddress);
        auto o = r.onFrame(makeTpCm(kBmsAddress, kChargerAddress, rts(49, 6)));
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST((o.error->kind == TpErrorKind::SizeMismatch));
        BOOST_TEST(o.frames[0].data[0] == 0xFF);
    }
    { // too large
        TpReceiver r(kChargerAddress);
        auto o = r.onFrame(makeTpCm(kBmsAddress, kChargerAddress, rts(1800, 255)));
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST(o.frames[0].data[1] == 9);
    }
    { // abort from the sender, with its reason
        TpReceiver r(kChargerAddress);
        open(r);
        TpConnectionManagement cm;
        cm.control = TpControl::Abort;
        cm.reason = AbortReason::NoResources;
        cm.pgn = 0x0200;
        auto o = r.onFrame(makeTpCm(kBmsAddress, kChargerAddress, cm));
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST((o.error->kind == TpErrorKind::Aborted));
        BOOST_TEST((o.error->reason == AbortReason::NoResources));
        BOOST_TEST(!r.busy());
    }
    { // T2 then T1 timeouts, clock-agnostic
        TpReceiver r(kChargerAddress);
        open(r);
        BOOST_TEST(!r.poll(1'000'000us).error.has_value());
        auto o = r.poll(1'300'000us);
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST((o.error->kind == TpErrorKind::Timeout));
        BOOST_TEST(o.error->message.find("T2") != std::string::npos);
        BOOST_TEST(o.frames[0].data[1] == 3);
        open(r);
        r.onFrame(at(dt(1), 10'000us));
        BOOST_TEST(!r.poll(700'000us).error.has_value());
        auto o1 = r.poll(800'000us);
        BOOST_REQUIRE(o1.error.has_value());
        BOOST_TEST(o1.error->message.find("T1") != std::string::npos);
    }
    { // data without a connection, new RTS over an open one
        TpReceiver r(kChargerAddress);
        BOOST_TEST((r.onFrame(dt(1)).error->kind == TpErrorKind::UnexpectedData));
        open(r);
        auto o = r.onFrame(makeTpCm(kBmsAddress, kChargerAddress, rts(13, 2, 0x0600)));
        BOOST_REQUIRE(o.error.has_value());
        BOOST_TEST((o.error->kind == TpErrorKind::SessionOverlap));
        BOOST_TEST(o.frames.size() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(sender_errors) {
    TpSender s(kBmsAddress);
    BOOST_CHECK_THROW(s.start(kChargerAddress, 0x0200, payload(8), 0us), std::invalid_argument);
    s.start(kChargerAddress, 0x0200, payload(49), 0us);
    BOOST_CHECK_THROW(s.start(kChargerAddress, 0x0200, payload(49), 0us), std::logic_error);
    auto o = s.poll(1'300'000us);
    BOOST_REQUIRE(o.error.has_value());
    BOOST_TEST(o.error->message.find("T3") != std::string::npos);
    s.start(kChargerAddress, 0x0200, payload(49), 0us);
    TpConnectionManagement cts;
    cts.control = TpControl::Cts;
    cts.packets = 0; // hold
    cts.pgn = 0x0200;
    BOOST_TEST(s.onFrame(makeTpCm(kChargerAddress, kBmsAddress, cts, 10us)).frames.empty());
    BOOST_TEST(s.poll(1'100'000us).error->message.find("T4") != std::string::npos);
    s.start(kChargerAddress, 0x0200, payload(49), 0us);
    cts.packets = 3;
    cts.nextSequence = 6;
    auto bad = s.onFrame(makeTpCm(kChargerAddress, kBmsAddress, cts));
    BOOST_REQUIRE(bad.error.has_value());
    BOOST_TEST((bad.error->kind == TpErrorKind::SizeMismatch));
    s.start(kChargerAddress, 0x0200, payload(49), 0us);
    TpConnectionManagement ack;
    ack.control = TpControl::EndOfMsgAck;
    ack.size = 49;
    ack.packets = 7;
    ack.pgn = 0x0200;
    BOOST_TEST((s.onFrame(makeTpCm(kChargerAddress, kBmsAddress, ack)).error->kind == TpErrorKind::MissingPackets));
}

BOOST_AUTO_TEST_CASE(monitor_follows_both_directions) {
    TpMonitor monitor({}, true);
    std::vector<TpEvent> events;
    auto data = payload(13);
    // charger -> BMS this time: the roles are symmetric.
    monitor.onFrame(makeTpCm(kChargerAddress, kBmsAddress, rts(13, 2, 0x0600), 0us), events);
    TpConnectionManagement cts;
    cts.control = TpControl::Cts;
    cts.packets = 2;
    cts.nextSequence = 1;
    cts.pgn = 0x0600;
    monitor.onFrame(makeTpCm(kBmsAddress, kChargerAddress, cts, 1000us), events);
    monitor.onFrame(makeTpDt(kChargerAddress, kBmsAddress, 1, data, 11000us), events);
    monitor.onFrame(makeTpDt(kChargerAddress, kBmsAddress, 2, data, 21000us), events);
    BOOST_REQUIRE(events.size() == 1u);
    BOOST_REQUIRE(events[0].message.has_value());
    BOOST_TEST(events[0].message->data == data);
    events.clear();
    TpConnectionManagement ack;
    ack.control = TpControl::EndOfMsgAck;
    ack.size = 12; // wrong size
    ack.packets = 2;
    ack.pgn = 0x0600;
    monitor.onFrame(makeTpCm(kBmsAddress, kChargerAddress, ack, 22000us), events);
    BOOST_REQUIRE(events.size() == 1u);
    BOOST_TEST((events[0].error->kind == TpErrorKind::SizeMismatch));
    events.clear();
    // Tr: CTS 300 ms after the RTS; then the transfer is left open at the end of the trace.
    monitor.onFrame(makeTpCm(kChargerAddress, kBmsAddress, rts(13, 2, 0x0600), 1'000'000us), events);
    monitor.onFrame(makeTpCm(kBmsAddress, kChargerAddress, cts, 1'300'000us), events);
    BOOST_REQUIRE(events.size() == 1u);
    BOOST_TEST((events[0].error->kind == TpErrorKind::Timeout));
    events.clear();
    monitor.onFrame(makeTpDt(kChargerAddress, kBmsAddress, 2, data, 1'310'000us), events);
    BOOST_TEST((events.at(0).error->kind == TpErrorKind::WrongSequence));
    events.clear();
    monitor.onFrame(makeTpCm(kChargerAddress, kBmsAddress, rts(13, 2, 0x0600), 2'000'000us), events);
    monitor.finish(events);
    BOOST_REQUIRE(events.size() == 1u);
    BOOST_TEST((events[0].error->kind == TpErrorKind::MissingPackets));
}

BOOST_AUTO_TEST_SUITE_END()
