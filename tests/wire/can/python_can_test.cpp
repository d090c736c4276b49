// An independent client no one here wrote — python-can's socketcand interface — on our hub,
// exchanging frames with our own client in both directions.
#include "can_test_support.hpp"

#include "child_process.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

using namespace v2gbench;
using namespace v2gbench::transports;

BOOST_AUTO_TEST_SUITE(can_python_can_client)

BOOST_AUTO_TEST_CASE(python_can_and_our_client_exchange_frames_through_the_hub) {
    test::HubFixture hub;
    test::TempDir dir("python-can");
    auto ours = hub.client();
    // Debian's interpreter: python3-can is installed for it, whatever python3 is first on PATH.
    test::ChildProcess python(
        {"/usr/bin/python3", test::sourcePath("tests/wire/can/python_can_client.py"), std::to_string(hub.port)},
        dir.file("python.stderr"));
    const bool ready = python.waitForLine("ready");
    if (!ready) {
        std::ifstream err(dir.file("python.stderr"));
        std::stringstream text;
        text << err.rdbuf();
        BOOST_FAIL("python-can did not finish the socketcand handshake: " << text.str());
    }
    // Both raw-mode clients are on the bus now (python-can prints after its rawmode < ok >).
    BOOST_TEST(hub.hub->rawClients() == 2u);

    ours->send(CanFrame::make(0x1CEC56F4, true, {0x10, 0x31, 0x00, 0x07, 0xFF, 0x00, 0x02, 0x00}));
    auto received = python.readLine();
    BOOST_REQUIRE(received);
    BOOST_TEST(*received == "received 1CEC56F4 10310007FF000200");

    auto line = python.readLine();
    BOOST_REQUIRE(line);
    BOOST_TEST(*line == "sent");
    auto fromPython = ours->receive(units::Seconds(10));
    BOOST_REQUIRE(fromPython);
    // python-can writes "< send C3956F4 4 5 a0 0 ff >": unpadded, still extended.
    BOOST_TEST(fromPython->id == 0x0C3956F4u);
    BOOST_TEST(fromPython->extended);
    BOOST_TEST(fromPython->dlc == 4);
    BOOST_TEST(fromPython->data[0] == 0x05);
    BOOST_TEST(fromPython->data[1] == 0xA0);
    BOOST_TEST(fromPython->data[2] == 0x00);
    BOOST_TEST(fromPython->data[3] == 0xFF);
    BOOST_TEST(python.wait() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
