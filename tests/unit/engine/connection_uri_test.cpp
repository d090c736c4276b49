#include "v2gbench/core/connection_uri.hpp"
#include "v2gbench/core/quantity.hpp"

#include <boost/test/unit_test.hpp>

using v2gbench::core::ConnectionUri;

BOOST_AUTO_TEST_SUITE(core_connection_uri)

BOOST_AUTO_TEST_CASE(schemes) {
    auto a = ConnectionUri::parse("tcp://127.0.0.1:5025");
    BOOST_TEST(a.scheme == "tcp");
    BOOST_TEST(a.host == "127.0.0.1");
    BOOST_TEST(*a.port == 5025);
    auto v = ConnectionUri::parse("TCPIP0::192.0.2.7::5025::SOCKET");
    BOOST_TEST(v.scheme == "tcp");
    BOOST_TEST(v.host == "192.0.2.7");
    BOOST_TEST(*v.port == 5025);
    auto m = ConnectionUri::parse("modbus-tcp://host:502/x?unit=1&timeout=200");
    BOOST_TEST(m.query.at("unit") == "1");
    BOOST_TEST(m.path == "x");
    auto i = ConnectionUri::parse("ip:127.0.0.1:30431");
    BOOST_TEST(i.scheme == "iio");
    BOOST_TEST(*i.port == 30431);
    auto s = ConnectionUri::parse("sim://lab");
    BOOST_TEST(s.host == "lab");
    BOOST_TEST(!s.port.has_value());
}

BOOST_AUTO_TEST_CASE(errors) {
    BOOST_CHECK_THROW(ConnectionUri::parse(""), std::invalid_argument);
    BOOST_CHECK_THROW(ConnectionUri::parse("localhost:5025"), std::invalid_argument);
    BOOST_CHECK_THROW(ConnectionUri::parse("tcp://host:99999"), std::invalid_argument);
    BOOST_CHECK_THROW(ConnectionUri::parse("tcp://host:50x"), std::invalid_argument);
    BOOST_CHECK_THROW(ConnectionUri::parse("TCPIP0::host::5025::INSTR"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
