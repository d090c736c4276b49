// The SocketCAN backend as far as a kernel without CAN allows: its frame encoding, and the clear
// error it gives on such a kernel.
#include "v2gbench/core/connection_uri.hpp"
#include "v2gbench/transports/can_channel_factory.hpp"
#include "v2gbench/transports/socketcan_channel.hpp"
#include "v2gbench/transports/socketcan_frame.hpp"
#include "v2gbench/transports/transport_error.hpp"

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <sys/time.h>
#include <linux/can/error.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace v2gbench;
using namespace v2gbench::transports;

namespace {
bool kernelHasCan() {
    int fd = ::socket(PF_CAN, SOCK_RAW, CAN_RAW);
    if (fd < 0) return false;
    ::close(fd);
    return true;
}
} // namespace

BOOST_AUTO_TEST_SUITE(can_socketcan)

BOOST_AUTO_TEST_CASE(encodes_flags_into_can_id) {
    auto ext = toLinuxCanFrame(CanFrame::make(0x1CEC56F4, true, {1, 2, 3}));
    BOOST_TEST(ext.can_id == (0x1CEC56F4u | CAN_EFF_FLAG));
    BOOST_TEST(ext.len == 3);
    BOOST_TEST(ext.data[2] == 3);
    BOOST_TEST(ext.data[3] == 0); // unused bytes zeroed
    auto std = toLinuxCanFrame(CanFrame::make(0x7FF, false, {}));
    BOOST_TEST(std.can_id == 0x7FFu);
    CanFrame rtr{0x123, false, true};
    rtr.dlc = 2;
    BOOST_TEST(toLinuxCanFrame(rtr).can_id == (0x123u | CAN_RTR_FLAG));
    CanFrame err;
    err.error = true;
    err.id = CAN_ERR_BUSOFF;
    err.dlc = 8;
    BOOST_TEST(toLinuxCanFrame(err).can_id == (CAN_ERR_BUSOFF | CAN_ERR_FLAG));
    BOOST_CHECK_THROW(toLinuxCanFrame(CanFrame{0x800, false}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(decodes_and_round_trips) {
    can_frame raw{};
    raw.can_id = 0x182756F4u | CAN_EFF_FLAG;
    raw.len = 2;
    raw.data[0] = 0xD8;
    raw.data[1] = 0x0F;
    auto f = fromLinuxCanFrame(raw);
    BOOST_TEST(f.extended);
    BOOST_TEST(!f.remote);
    BOOST_TEST(f.id == 0x182756F4u);
    BOOST_TEST(f.dlc == 2);
    BOOST_TEST(f.data[1] == 0x0F);
    for (const auto& frame :
         {CanFrame::make(0x1, false, {9}), CanFrame::make(0x1FFFFFFF, true, {1, 2, 3, 4, 5, 6, 7, 8})})
        BOOST_TEST(fromLinuxCanFrame(toLinuxCanFrame(frame)).sameContent(frame));
    raw.len = 12; // a CAN FD length read as classic
    BOOST_CHECK_THROW(fromLinuxCanFrame(raw), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(uri_selects_backend_and_validates_options) {
    auto c = makeCanChannel(core::ConnectionUri::parse("socketcan://can0?bitrate=250000"));
    BOOST_TEST(c->name() == "socketcan://can0");
    BOOST_TEST(c->busName() == "can0");
    BOOST_TEST(!c->isOpen());
    auto d = makeCanChannel(core::ConnectionUri::parse("socketcand://127.0.0.1:29536/can1"));
    BOOST_TEST(d->name() == "socketcand://127.0.0.1:29536/can1");
    BOOST_TEST(makeCanChannel(core::ConnectionUri::parse("socketcand://localhost"))->name() ==
               "socketcand://localhost:29536/can0");
    BOOST_CHECK_THROW(makeCanChannel(core::ConnectionUri::parse("socketcan://can0?bitrate=fast")),
                      std::invalid_argument);
    BOOST_CHECK_THROW(makeCanChannel(core::ConnectionUri::parse("socketcan://can0?speed=1")), std::invalid_argument);
    BOOST_CHECK_THROW(makeCanChannel(core::ConnectionUri::parse("tcp://127.0.0.1:1")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(clear_error_without_kernel_can_support) {
    if (kernelHasCan()) {
        BOOST_TEST_MESSAGE("this kernel has CAN support; the no-CAN error path cannot be exercised here");
        BOOST_TEST(true);
        return;
    }
    SocketCanChannel channel({"can0", 250000});
    try {
        channel.open();
        BOOST_FAIL("open() succeeded on a kernel without CAN");
    } catch (const TransportError& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("socketcan://can0") != std::string::npos);
        BOOST_TEST(what.find("this kernel has no CAN support (socket(PF_CAN) failed: Address family not supported by "
                             "protocol); use socketcand://") != std::string::npos);
    }
    BOOST_TEST(!channel.isOpen());
    BOOST_CHECK_THROW(channel.send(CanFrame::make(0x1, false, {})), TransportError);
    BOOST_CHECK_THROW(channel.receive(units::Seconds(0.01)), TransportError);
}

namespace {
// recvmsg()'s control messages as the kernel writes them: SCM_TIMESTAMPING (three timespecs:
// software, legacy, raw hardware) and/or SCM_TIMESTAMP (a timeval).
struct Control {
    alignas(cmsghdr) char buffer[CMSG_SPACE(sizeof(timespec) * 3) + CMSG_SPACE(sizeof(timeval))] = {};
    msghdr message{};
    Control() {
        message.msg_control = buffer;
        message.msg_controllen = sizeof buffer;
    }
    cmsghdr* add(cmsghdr* previous, int type, const void* data, std::size_t size) {
        cmsghdr* c = previous ? CMSG_NXTHDR(&message, previous) : CMSG_FIRSTHDR(&message);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = type;
        c->cmsg_len = CMSG_LEN(size);
        std::memcpy(CMSG_DATA(c), data, size);
        message.msg_controllen = static_cast<std::size_t>(reinterpret_cast<char*>(c) - buffer) + CMSG_SPACE(size);
        return c;
    }
};
} // namespace

BOOST_AUTO_TEST_CASE(kernel_and_hardware_timestamps_are_read_from_the_control_messages) {
    using std::chrono::microseconds;
    {
        Control c;
        const timespec ts[3] = {{1700000000, 123456789}, {0, 0}, {1700000001, 987654321}};
        c.add(nullptr, SO_TIMESTAMPING, ts, sizeof ts);
        BOOST_TEST(socketCanTimestamp(c.message)->count() == 1700000001LL * 1000000 + 987654); // hardware first
    }
    {
        Control c;
        const timespec ts[3] = {{1700000000, 123456789}, {0, 0}, {0, 0}};
        c.add(nullptr, SO_TIMESTAMPING, ts, sizeof ts);
        BOOST_TEST(socketCanTimestamp(c.message)->count() == 1700000000LL * 1000000 + 123456); // software
    }
    {
        Control c;
        const timeval tv{1700000002, 250};
        c.add(nullptr, SO_TIMESTAMP, &tv, sizeof tv);
        BOOST_TEST(socketCanTimestamp(c.message)->count() == 1700000002LL * 1000000 + 250);
    }
    {
        Control c;
        c.message.msg_controllen = 0;
        BOOST_TEST(!socketCanTimestamp(c.message)); // none: the channel refuses to invent one
    }
    SocketCanChannel channel({"can0", std::nullopt});
    BOOST_TEST(channel.timestampResolution().value == 1e-6);
}

BOOST_AUTO_TEST_SUITE_END()
