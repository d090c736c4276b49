// Every fault kind of the Modbus wire services becomes a core::InstrumentError that names the
// instrument and the exchange; makeSafe() stays bounded and silent; the drivers recover once the
// fault is cleared.
#include "modbus_rig.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/modbus/ea_psb10000.hpp"
#include "v2gbench/drivers/modbus/sunspec_charger.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>

using namespace v2gbench;
using drivers::modbus::EaPsb10000;
using drivers::modbus::SunSpecCharger;
using simwire::Fault;
using simwire::FaultKind;
using test::ModbusRig;

namespace {

constexpr int kTimeoutMs = 300;

// Runs op, expects an InstrumentError naming `instrument` and `exchange`; returns its message.
std::string expectInstrumentError(const std::function<void()>& op, const std::string& instrument, const std::string& exchange) {
    try {
        op();
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(e.instrument() == instrument);
        BOOST_TEST(e.exchange() == exchange);
        BOOST_TEST(std::string(e.what()).find(instrument + ": ") == 0, e.what());
        BOOST_TEST(std::string(e.what()).find("[" + exchange + "]") != std::string::npos, e.what());
        return e.what();
    }
    BOOST_FAIL("expected an InstrumentError for " + exchange);
    return {};
}

double secondsOf(const std::function<void()>& op) {
    const auto t0 = std::chrono::steady_clock::now();
    op();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(modbus_faults)

BOOST_AUTO_TEST_CASE(modbus_exception_fault) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort, kTimeoutMs), &rig.log);
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort, kTimeoutMs), &rig.log);
    rig.faults->set("battery-modbus", Fault{FaultKind::ModbusException, 6});
    rig.faults->set("dut-sunspec", Fault{FaultKind::ModbusException, 4});
    const auto m = expectInstrumentError([&] { ea.read(); }, "battery", "FC03 read 5 holding registers at 505");
    BOOST_TEST(m.find("Modbus exception 6 (server device busy) reading 5 registers at 505") != std::string::npos, m);
    const auto d = expectInstrumentError([&] { dut.dispatchPower(units::Watts(-1000.0)); }, "dut",
                                         "FC16 write 4 holding registers at 40299 = [1, 1, 0, 1000]");
    BOOST_TEST(d.find("Modbus exception 4 (server device failure) writing 4 registers at 40299") != std::string::npos, d);
    BOOST_TEST(!rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus().dispatchActive; }));
    rig.faults->clearAll();
    BOOST_TEST(!ea.read().outputOn);
    BOOST_TEST(dut.status().state == "idle");
}

BOOST_AUTO_TEST_CASE(dropped_connection_fault) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort, kTimeoutMs), &rig.log);
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort, kTimeoutMs), &rig.log);
    rig.faults->set("battery-modbus", Fault{FaultKind::DropConnection, 0});
    rig.faults->set("dut-sunspec", Fault{FaultKind::DropConnection, 0});
    const auto m = expectInstrumentError([&] { ea.read(); }, "battery", "FC03 read 5 holding registers at 505");
    BOOST_TEST(m.find("lost again after reconnecting") != std::string::npos, m);
    expectInstrumentError([&] { dut.status(); }, "dut", "FC03 read 4 holding registers at 40299");
    BOOST_TEST(ea.session().reconnects() == 1); // one reconnect attempt, then the error
    // makeSafe: bounded and silent on a dead link.
    BOOST_TEST(secondsOf([&] { ea.makeSafe(); dut.makeSafe(); }) < 4.0 * kTimeoutMs / 1000.0 + 0.5);
    rig.faults->clearAll();
    BOOST_TEST(!ea.read().outputOn); // reconnected
    BOOST_TEST(dut.status().state == "idle");
}

BOOST_AUTO_TEST_CASE(delayed_replies_fault) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort, kTimeoutMs), &rig.log);
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort, kTimeoutMs), &rig.log);
    rig.faults->set("battery-modbus", Fault{FaultKind::DelayReplies, 3 * kTimeoutMs});
    rig.faults->set("dut-sunspec", Fault{FaultKind::DelayReplies, 3 * kTimeoutMs});
    std::string m;
    const double took = secondsOf([&] { m = expectInstrumentError([&] { ea.read(); }, "battery", "FC03 read 5 holding registers at 505"); });
    BOOST_TEST(m.find("no reply within 300 ms") != std::string::npos, m);
    BOOST_TEST(took < 2.0 * kTimeoutMs / 1000.0 + 0.2, took);
    expectInstrumentError([&] { dut.releaseDispatch(); }, "dut", "FC16 write 4 holding registers at 40299 = [0, 1, 0, 0]");
    BOOST_TEST(secondsOf([&] { ea.makeSafe(); }) < 2.0 * kTimeoutMs / 1000.0 + 0.2);
    rig.faults->clearAll();
    // A new client with a patient timeout is served once the server has worked off the delays.
    EaPsb10000 patient("battery", ModbusRig::settings(rig.batteryPort, 5000), nullptr);
    BOOST_TEST(!patient.read().outputOn);
}

BOOST_AUTO_TEST_CASE(garbage_fault) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort, kTimeoutMs), &rig.log);
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort, kTimeoutMs), &rig.log);
    rig.faults->set("battery-modbus", Fault{FaultKind::Garbage, 0});
    rig.faults->set("dut-sunspec", Fault{FaultKind::Garbage, 0});
    const auto m = expectInstrumentError([&] { ea.read(); }, "battery", "FC03 read 5 holding registers at 505");
    BOOST_TEST_MESSAGE("garbage: " << m);
    expectInstrumentError([&] { dut.status(); }, "dut", "FC03 read 4 holding registers at 40299");
    rig.faults->clearAll();
    BOOST_TEST(!ea.read().outputOn);
    BOOST_TEST(dut.status().state == "idle");
}

BOOST_AUTO_TEST_CASE(driver_construction_fails_with_the_instrument_named) {
    ModbusRig rig;
    rig.faults->set("dut-sunspec", Fault{FaultKind::ModbusException, 2});
    // Every base address answers "illegal data address": no SunSpec device there.
    const auto m = expectInstrumentError([&] { SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort, kTimeoutMs), nullptr); },
                                         "dut", "FC03 read 2 holding registers at 40000, 0, 50000");
    BOOST_TEST(m.find("no SunSpec marker 'SunS'") != std::string::npos, m);
    rig.faults->set("battery-modbus", Fault{FaultKind::ModbusException, 1});
    expectInstrumentError([&] { EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort, kTimeoutMs), nullptr); }, "battery",
                          "FC03 read 40 holding registers at 1");
}

BOOST_AUTO_TEST_CASE(stall_does_not_apply_to_modbus) {
    ModbusRig rig;
    rig.faults->set("battery-modbus", Fault{FaultKind::StallStream, 0});
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort, kTimeoutMs), nullptr);
    BOOST_TEST(!ea.read().outputOn);
}

BOOST_AUTO_TEST_SUITE_END()
