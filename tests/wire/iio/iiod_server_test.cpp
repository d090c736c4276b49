// analyzer-iiod speaks the iiod protocol: byte-level replies, and a context libiio itself parses.
#include "iio_rig.hpp"

#include "v2gbench/drivers/iio/iio_client.hpp"
#include "v2gbench/transports/iio_command.hpp"
#include "v2gbench/transports/tcp_stream.hpp"
#include "v2gbench/transports/transport_error.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/roles/daq.hpp"

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace v2gbench;
using v2gbench::test::IioRig;

namespace {
const units::Seconds kTimeout{3.0};

struct RawClient {
    transports::TcpStream s;
    explicit RawClient(int port) : s(transports::TcpStream::connect("127.0.0.1", port, kTimeout)) {}
    std::string line(const std::string& command) {
        s.writeAll(command + "\r\n", kTimeout);
        return s.readUntil("\n", kTimeout);
    }
};
} // namespace

BOOST_AUTO_TEST_SUITE(iio_server)

BOOST_AUTO_TEST_CASE(command_replies_byte_by_byte) {
    IioRig rig(false);
    RawClient c(rig.port);
    BOOST_TEST(c.line("VERSION") == "0.24.c4498c2");
    BOOST_TEST(c.line("ZPRINT") == "-22");
    BOOST_TEST(c.line("BINARY") == "-22");
    BOOST_TEST(c.line("TIMEOUT 2500") == "0");
    BOOST_TEST(c.line("GETTRIG iio:device0") == "-2");
    BOOST_TEST(c.line("GETTRIG iio:device7") == "-19");
    BOOST_TEST(c.line("bogus words") == "-22");
    // Attribute replies count the NUL that stands for sysfs's newline.
    BOOST_TEST(c.line("READ iio:device0 sampling_frequency") == "6");
    BOOST_TEST(c.s.readExactly(7, kTimeout) == std::string("10000\0\n", 7));
    BOOST_TEST(c.line("read ad7606-8 INPUT voltage3 scale") == "10");
    BOOST_TEST(c.s.readExactly(11, kTimeout) == std::string("10.000000\0\n", 11));
    BOOST_TEST(c.line("READ iio:device0 INPUT v_dc scale") == "10");
    BOOST_TEST(c.s.readExactly(11, kTimeout) == std::string("30.000000\0\n", 11));
    BOOST_TEST(c.line("READ iio:device0 INPUT timestamp raw") == "-2");
    // PRINT: length line, XML, newline.
    const long length = std::stol(c.line("PRINT"));
    const std::string xml = c.s.readExactly(static_cast<std::size_t>(length) + 1, kTimeout);
    BOOST_TEST(xml.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE context [", 0) == 0u);
    BOOST_TEST(xml.find("<channel id=\"voltage7\" name=\"i_dc\" type=\"input\" ><scan-element index=\"7\" "
                        "format=\"le:S16/16&gt;&gt;0\" />") != std::string::npos);
    BOOST_TEST(xml.back() == '\n');
    c.s.writeAll("EXIT\r\n", kTimeout);
    BOOST_CHECK_THROW(c.s.readUntil("\n", kTimeout), transports::TransportError);
}

BOOST_AUTO_TEST_CASE(open_readbuf_layout_with_mask_line_and_continuous_timestamps) {
    IioRig rig(true);
    RawClient c(rig.port);
    BOOST_TEST(c.line("READBUF iio:device0 48") == "-9"); // nothing open
    BOOST_TEST(c.line("OPEN iio:device0 64 1ff") == "-22"); // mask must be 8 hex digits
    BOOST_TEST(c.line("OPEN iio:device0 64 000001ff") == "0");
    BOOST_TEST(c.line("OPEN iio:device0 64 000001ff") == "-16");
    std::int64_t expected = -1;
    for (int block = 0; block < 3; ++block) {
        // 8 x S16 + S64 timestamp = 24 bytes per sample; a partial sample is not sent.
        BOOST_TEST(c.line("READBUF iio:device0 2410") == "2400");
        BOOST_TEST(c.s.readUntil("\n", kTimeout) == "000001ff");
        const std::string data = c.s.readExactly(2400, kTimeout);
        for (int n = 0; n < 100; ++n) {
            std::int64_t ts;
            std::memcpy(&ts, data.data() + n * 24 + 16, 8);
            if (expected >= 0) BOOST_TEST(ts == expected);
            expected = ts + 100000; // 10 kS/s
        }
    }
    BOOST_TEST(c.line("CLOSE iio:device0") == "0");
    BOOST_TEST(c.line("CLOSE iio:device0") == "-6");
    // One channel alone: 2 bytes per sample, the mask echoes it.
    BOOST_TEST(c.line("OPEN iio:device0 16 00000001") == "0");
    BOOST_TEST(c.line("READBUF iio:device0 32") == "32");
    BOOST_TEST(c.s.readUntil("\n", kTimeout) == "00000001");
    BOOST_TEST(c.s.readExactly(32, kTimeout).size() == 32u);
}

BOOST_AUTO_TEST_CASE(libiio_parses_the_context) {
    IioRig rig(false);
    drivers::iio::IioClient client(rig.uri(), "analyzer", nullptr, units::Seconds(2.0));
    const auto attrs = client.contextAttributes();
    BOOST_TEST(attrs.at("hw_model") == "AD7606-8 power front-end (simulated)");
    BOOST_TEST(attrs.at("hw_serial") == "SIM-IIO-0001");
    BOOST_TEST(attrs.count("uri") == 1u); // added by libiio's network backend
    const auto devices = client.devices();
    BOOST_TEST_REQUIRE(devices.size() == 2u); // the power front-end and the DAQ (daq_test.cpp)
    BOOST_TEST(devices[1].id == "iio:device1");
    BOOST_TEST(devices[1].name == "v2gbench-daq");
    BOOST_TEST(devices[1].channels.size() == core::daqChannels().size() + 1);
    BOOST_TEST(devices[0].id == "iio:device0");
    BOOST_TEST(devices[0].name == "ad7606-8");
    BOOST_TEST_REQUIRE(devices[0].channels.size() == 9u);
    const char* names[] = {"v_a", "v_b", "v_c", "i_a", "i_b", "i_c", "v_dc", "i_dc"};
    for (std::size_t i = 0; i < 8; ++i) {
        const auto& ch = devices[0].channels[i];
        BOOST_TEST(ch.id == "voltage" + std::to_string(i));
        BOOST_TEST(ch.name == names[i]);
        BOOST_TEST(ch.scanElement);
        BOOST_TEST(ch.index == static_cast<long>(i));
        BOOST_TEST(ch.format == "le:S16/16>>0");
        BOOST_TEST(ch.attributes.size() == 3u);
    }
    BOOST_TEST(devices[0].channels[8].id == "timestamp");
    BOOST_TEST(devices[0].channels[8].format == "le:S64/64>>0");
    BOOST_TEST(devices[0].attributes.size() == 3u);
    BOOST_TEST(client.readChannelAttribute("iio:device0", "v_dc", "scale") == "30.000000");
    // Writable sample rate; read back through the protocol.
    client.writeDeviceAttribute("iio:device0", "sampling_frequency", "20000");
    BOOST_TEST(client.readDeviceAttribute("iio:device0", "sampling_frequency") == "20000");
    BOOST_CHECK_THROW(client.writeDeviceAttribute("iio:device0", "oversampling_ratio", "4"), core::InstrumentError);
    try {
        client.readChannelAttribute("iio:device0", "nonexistent", "raw");
        BOOST_FAIL("no error");
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(std::string(e.what()).find(rig.uri()) != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(unreachable_uri_names_the_uri_and_the_call) {
    int port;
    {
        IioRig rig(false);
        port = rig.port;
    } // stopped: nothing listens there now
    const std::string uri = "ip:127.0.0.1:" + std::to_string(port);
    try {
        drivers::iio::IioClient client(uri, "analyzer", nullptr, units::Seconds(1.0));
        BOOST_FAIL("connected to a closed port");
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(e.instrument() == "analyzer");
        BOOST_TEST(e.exchange() == "PRINT");
        BOOST_TEST(std::string(e.what()).find("iio_create_context_from_uri(\"" + uri + "\")") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
