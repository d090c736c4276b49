// ModbusSession and ModbusServer: URIs, EA scaling, exception mapping, exchange log, reconnect.
#include "modbus_rig.hpp"

#include "v2gbench/drivers/modbus/ea_scaling.hpp"
#include "v2gbench/transports/modbus_session.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using transports::ModbusError;
using transports::ModbusSession;
using transports::ModbusSettings;
using transports::TransportError;

namespace {
ModbusSettings parse(const std::string& uri) { return ModbusSettings::fromUri(core::ConnectionUri::parse(uri)); }
} // namespace

BOOST_AUTO_TEST_SUITE(modbus_transport)

BOOST_AUTO_TEST_CASE(uris_for_tcp_and_rtu) {
    const auto tcp = parse("modbus-tcp://127.0.0.1:5502?unit=3&timeout_ms=250");
    BOOST_TEST((tcp.mode == ModbusSettings::Mode::Tcp));
    BOOST_TEST(tcp.host == "127.0.0.1");
    BOOST_TEST(tcp.port == 5502);
    BOOST_TEST(tcp.unit == 3);
    BOOST_TEST(tcp.responseTimeout.value == 0.25);
    BOOST_TEST(tcp.byteTimeout.value == 0.25);
    BOOST_TEST(parse("modbus-tcp://host").port == 502);
    const auto rtu = parse("modbus-rtu:///dev/ttyUSB0?baud=115200&unit=7&parity=E");
    BOOST_TEST((rtu.mode == ModbusSettings::Mode::Rtu));
    BOOST_TEST(rtu.device == "/dev/ttyUSB0");
    BOOST_TEST(rtu.baud == 115200);
    BOOST_TEST(rtu.unit == 7);
    BOOST_TEST(rtu.parity == 'E');
    BOOST_TEST(rtu.describe() == "modbus-rtu:///dev/ttyUSB0 115200 8E1 unit 7");
    BOOST_CHECK_THROW(parse("modbus-tcp://h?unit=x"), std::invalid_argument);
    BOOST_CHECK_THROW(parse("modbus-tcp://h?baud=9600"), std::invalid_argument); // RTU-only key
    BOOST_CHECK_THROW(parse("modbus-rtu:///dev/ttyS0?unit=0"), std::invalid_argument);
    BOOST_CHECK_THROW(parse("tcp://h:1"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(rtu_without_a_serial_port_fails_clearly) {
    ModbusSession s(parse("modbus-rtu:///dev/v2gbench-no-such-tty?baud=9600"), "rtu", nullptr);
    try {
        s.readHoldingRegisters(0, 1);
        BOOST_FAIL("expected a ModbusError");
    } catch (const ModbusError& e) {
        BOOST_TEST(std::string(e.what()).find("/dev/v2gbench-no-such-tty") != std::string::npos, e.what());
        BOOST_TEST(e.exchange() == "FC03 read 1 holding registers at 0");
    }
}

BOOST_AUTO_TEST_CASE(ea_scaling_round_trips) {
    namespace ea = drivers::modbus::ea;
    BOOST_TEST(ea::toSetValue(1000.0, 1000.0) == 0xCCCC);
    BOOST_TEST(ea::toSetValue(0.0, 1000.0) == 0);
    BOOST_TEST(ea::toSetValue(1020.0, 1000.0) == 0xD0E5); // 102 %
    BOOST_CHECK_THROW(ea::toSetValue(1021.0, 1000.0), std::out_of_range);
    BOOST_CHECK_THROW(ea::toSetValue(-1.0, 1000.0), std::out_of_range);
    for (double nominal : {80.0, 300.0, 1000.0, 180000.0})
        for (double fraction : {0.0, 0.001, 0.123, 0.5, 0.75, 0.999, 1.0}) {
            const double v = fraction * nominal;
            const double back = ea::fromSetValue(ea::toSetValue(v, nominal), nominal);
            BOOST_TEST(std::abs(back - v) <= ea::resolution(nominal) / 2 + 1e-9, v << " of " << nominal << " -> " << back);
        }
    BOOST_TEST(ea::fromActualValue(0xFFFF, 100.0) == 125.0, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(exception_reply_is_mapped_and_logged) {
    test::ModbusRig rig;
    ModbusSession s(test::ModbusRig::settings(rig.batteryPort), "battery", &rig.log);
    try {
        s.readHoldingRegisters(555, 10); // the map ends at 559
        BOOST_FAIL("expected a Modbus exception");
    } catch (const ModbusError& e) {
        BOOST_TEST(e.exceptionCode() == 2);
        BOOST_TEST(std::string(e.what()) == "Modbus exception 2 (illegal data address) reading 10 registers at 555");
        BOOST_TEST(e.exchange() == "FC03 read 10 holding registers at 555");
    }
    BOOST_TEST(rig.log.contains("battery > unit 1 FC03 read 10 holding registers at 555"));
    BOOST_TEST(rig.log.contains("battery < FC03 at 555: exception 2 (illegal data address)"));
    // The connection is still good after an exception reply.
    BOOST_TEST(s.readHoldingRegisters(121, 2).size() == 2u);
    BOOST_TEST(s.reconnects() == 0);
    BOOST_TEST(transports::modbusExceptionName(4) == "server device failure");
    BOOST_TEST(transports::modbusExceptionName(99) == "unknown exception");
}

BOOST_AUTO_TEST_CASE(requests_and_replies_are_logged_with_values) {
    test::ModbusRig rig;
    ModbusSession s(test::ModbusRig::settings(rig.batteryPort), "battery", &rig.log);
    s.writeCoil(402, true);
    const std::uint16_t v[] = {100, 200};
    s.writeRegisters(499, v);
    const auto back = s.readHoldingRegisters(499, 2);
    BOOST_TEST(back[0] == 100);
    BOOST_TEST(back[1] == 200);
    BOOST_TEST(s.readCoils(402, 1)[0] == true);
    BOOST_TEST(rig.log.contains("battery > unit 1 FC05 write 1 coil at 402 = ON"));
    BOOST_TEST(rig.log.contains("battery > unit 1 FC16 write 2 holding registers at 499 = [100, 200]"));
    BOOST_TEST(rig.log.contains("battery < FC03 at 499: [100, 200]"));
    BOOST_TEST(rig.log.contains("battery < FC01 at 402: [1]"));
}

BOOST_AUTO_TEST_CASE(reconnects_once_after_the_server_dropped_the_connection) {
    test::ModbusRig rig;
    ModbusSession s(test::ModbusRig::settings(rig.batteryPort), "battery", &rig.log);
    BOOST_TEST(s.readHoldingRegisters(121, 2).size() == 2u);
    // A server restart closes every connection; the session notices at its next request.
    rig.battery->stop();
    BOOST_TEST(rig.battery->start(rig.batteryPort) == rig.batteryPort);
    BOOST_TEST(s.readHoldingRegisters(121, 2).size() == 2u);
    BOOST_TEST(s.reconnects() == 1);
    BOOST_TEST(rig.log.contains("reconnecting"));
}

BOOST_AUTO_TEST_CASE(refused_connection_names_the_endpoint) {
    test::ModbusRig rig;
    const int port = rig.batteryPort;
    rig.battery->stop();
    ModbusSession s(test::ModbusRig::settings(port), "battery", nullptr);
    try {
        s.readHoldingRegisters(0, 1);
        BOOST_FAIL("expected a refused connection");
    } catch (const ModbusError& e) {
        BOOST_TEST((e.kind() == TransportError::Kind::Refused));
        BOOST_TEST(std::string(e.what()).find("127.0.0.1:" + std::to_string(port)) != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
