// The ea-psb10000 and sunspec-charger drivers against the wire services over a simulated lab.
#include "modbus_rig.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/modbus/ea_psb10000.hpp"
#include "v2gbench/drivers/modbus/register_modbus_drivers.hpp"
#include "v2gbench/drivers/modbus/sunspec_charger.hpp"

#include "v2gbench/core/real_clock.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using drivers::modbus::EaPsb10000;
using drivers::modbus::SunSpecCharger;
using test::ModbusRig;

namespace {

core::BatteryEmulation batteryModel(double volts, double sink, double source) {
    core::BatteryEmulation b;
    b.voltage = units::Volts(volts);
    b.maxChargeCurrent = units::Amperes(sink);
    b.maxDischargeCurrent = units::Amperes(source);
    b.soc = units::Ratio(0.6);
    return b;
}

} // namespace

BOOST_AUTO_TEST_SUITE(ea_psb10000_driver)

BOOST_AUTO_TEST_CASE(identity_and_nominals_come_from_the_device) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort), &rig.log);
    BOOST_TEST(ea.identity().model == "PSB 11000-300 (simulated)");
    BOOST_TEST(ea.identity().manufacturer == "EA Elektro-Automatik (v2gbench sim)");
    BOOST_TEST(ea.identity().serial == "SIM-EA-0001");
    BOOST_TEST(ea.identity().firmware == "KE 3.02 (sim)");
    BOOST_TEST(ea.nominals().voltage == 1000.0);
    BOOST_TEST(ea.nominals().current == 300.0);
    BOOST_TEST(ea.nominals().power == 180000.0);
    BOOST_TEST(ea.capabilities().has(core::capability::fourQuadrant));
    BOOST_TEST(!ea.capabilities().has("internal-resistance"));
}

BOOST_AUTO_TEST_CASE(emulate_writes_scaled_set_values_and_switches_on) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort), &rig.log);
    ea.emulate(batteryModel(400.0, 120.0, 90.0));
    const auto sv = ea.setValues();
    BOOST_TEST(sv.voltage.value == 400.0, boost::test_tools::tolerance(0.02));
    BOOST_TEST(sv.sinkCurrent.value == 120.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(sv.sourceCurrent.value == 90.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(sv.sinkPower.value == 180000.0, boost::test_tools::tolerance(0.001));
    // 400 V of 1000 V nominal = 0.4 * 0xCCCC on the wire.
    BOOST_TEST(rig.log.contains("FC16 write 5 holding registers at 498 = [52428, 20971, 20971, 15728, 52428]"));
    const auto snap = rig.lab->snapshot();
    BOOST_TEST(snap.batteryOn);
    BOOST_TEST(snap.batteryOcv.value == 400.0, boost::test_tools::tolerance(0.01));
    const auto r = ea.read();
    BOOST_TEST(r.outputOn);
    BOOST_TEST(r.voltage.value == 400.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(r.soc.value == 0.6);
    ea.off();
    BOOST_TEST(!rig.lab->snapshot().batteryOn);
    BOOST_TEST(!ea.read().outputOn);
}

BOOST_AUTO_TEST_CASE(sign_convention_sink_is_positive_source_is_negative) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort), &rig.log);
    ea.emulate(batteryModel(400.0, 200.0, 200.0));
    rig.startCharging(50.0);
    rig.advance(3.0);
    const auto charging = ea.read();
    const double truth = rig.lab->withPlant([](sim::Plant& p) { return p.dcCurrent().value; });
    BOOST_TEST(truth > 40.0);
    BOOST_TEST(charging.current.value > 40.0); // sinking: into the battery
    BOOST_TEST(charging.current.value == truth, boost::test_tools::tolerance(0.05));
    // V2G: the charger discharges the battery; the supply sources.
    rig.lab->withPlant([](sim::Plant& p) { p.dispatch(units::Watts(-20000.0)); });
    rig.advance(5.0);
    const auto discharging = ea.read();
    BOOST_TEST(discharging.current.value < -20.0, discharging.current.value);
    BOOST_TEST(rig.log.contains("FC03 read 5 holding registers at 505"));
}

BOOST_AUTO_TEST_CASE(out_of_range_is_refused_before_anything_is_written) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort), &rig.log);
    const auto before = rig.log.size();
    BOOST_CHECK_THROW(ea.emulate(batteryModel(1001.0, 10.0, 10.0)), core::CapabilityError);
    BOOST_CHECK_THROW(ea.emulate(batteryModel(400.0, 301.0, 10.0)), core::CapabilityError);
    BOOST_CHECK_THROW(ea.emulate(batteryModel(400.0, 10.0, -1.0)), core::CapabilityError);
    BOOST_CHECK_THROW(ea.setSinkPower(units::Watts(200000.0)), core::CapabilityError);
    try {
        ea.setVoltage(units::Volts(1200.0));
    } catch (const core::CapabilityError& e) {
        BOOST_TEST(std::string(e.what()) == "battery: voltage 1200 V is outside 0..1000 V (the supply's nominal rating)");
    }
    BOOST_TEST(rig.log.size() == before); // nothing went on the wire
    BOOST_TEST(!rig.lab->snapshot().batteryOn);
}

BOOST_AUTO_TEST_CASE(set_values_need_remote_control) {
    ModbusRig rig;
    EaPsb10000 ea("battery", ModbusRig::settings(rig.batteryPort), &rig.log);
    try {
        ea.setVoltage(units::Volts(100.0));
        BOOST_FAIL("expected a refusal outside remote control");
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(e.instrument() == "battery");
        BOOST_TEST(e.exchange() == "FC06 write 1 holding register at 500 = [5243]");
        BOOST_TEST(std::string(e.what()).find("Modbus exception 4 (server device failure) writing 1 register at 500") !=
                   std::string::npos, e.what());
    }
    ea.setRemote(true);
    ea.setVoltage(units::Volts(100.0));
    BOOST_TEST(ea.setValues().voltage.value == 100.0, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(registry_creates_the_driver_from_a_uri) {
    ModbusRig rig;
    core::DriverRegistry registry;
    drivers::modbus::registerModbusDrivers(registry);
    BOOST_TEST(registry.driverInfo("ea-psb10000")->role == "battery");
    BOOST_TEST(registry.driverInfo("sunspec-charger")->role == "dut");
    core::SessionContext session;
    core::RealClock clock;
    session.exchanges = &rig.log;
    core::DriverRequest request{"battery", core::ConnectionUri::parse("modbus-tcp://127.0.0.1:" + std::to_string(rig.batteryPort)),
                                {}, session, clock};
    auto instrument = registry.createDriver("ea-psb10000", request);
    BOOST_TEST(dynamic_cast<core::BatteryEmulator*>(instrument.get()) != nullptr);
    BOOST_TEST(instrument->identity().serial == "SIM-EA-0001");
    core::DriverRequest wrong{"battery", core::ConnectionUri::parse("tcp://127.0.0.1:1"), {}, session, clock};
    BOOST_CHECK_THROW(registry.createDriver("ea-psb10000", wrong), std::invalid_argument);
    // Modbus settings travel in the URI's query; the drivers take no bench-profile options.
    BOOST_CHECK_EXCEPTION(registry.driverOptions("ea-psb10000", {{"timeout", "1 s"}}), core::OptionError,
                          [](const core::OptionError& e) { return std::string(e.what()).find("takes no options") != std::string::npos; });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sunspec_charger_driver)

BOOST_AUTO_TEST_CASE(discovers_models_identity_and_ratings) {
    ModbusRig rig;
    core::DutRatings profile;
    profile.dcMinVoltage = units::Volts(150.0);
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort), &rig.log, profile);
    BOOST_TEST(dut.baseAddress() == 40000);
    std::vector<int> ids;
    for (const auto& m : dut.models()) ids.push_back(m.id);
    BOOST_TEST(ids == (std::vector<int>{1, 701, 702, 704, 715}), boost::test_tools::per_element());
    BOOST_TEST(dut.model(704)->address == 40277);
    BOOST_TEST(dut.identity().manufacturer == "v2gbench simulated lab");
    BOOST_TEST(dut.identity().model == "sim-charger");
    BOOST_TEST(dut.identity().serial == "SIM-0005");
    BOOST_TEST(dut.identity().firmware == "1.0+conforming");
    const auto r = dut.ratings();
    const core::DutRatings lab; // what the simulated charger was built with
    BOOST_TEST(r.dcMaxPower.value == lab.dcMaxPower.value);
    BOOST_TEST(r.maxDischargePower.value == lab.maxDischargePower.value);
    BOOST_TEST(r.bidirectional);
    BOOST_TEST(r.acNominalVoltage.value == 230.0);
    BOOST_TEST(r.acPhases == 3);
    BOOST_TEST(r.dcMinVoltage.value == 150.0); // not in SunSpec: the profile's value
    BOOST_TEST(dut.capabilities().has(core::capability::powerDispatch));
}

BOOST_AUTO_TEST_CASE(negative_dispatch_reaches_the_plant_and_status_reports_discharge) {
    ModbusRig rig;
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort), &rig.log);
    rig.lab->withPlant([](sim::Plant& p) {
        core::BatteryEmulation b;
        b.voltage = units::Volts(400.0);
        p.batteryEmulate(b);
    });
    rig.startCharging(40.0);
    dut.dispatchPower(units::Watts(-20000.0));
    // SunSpec WSet counts injection positive: +20000 W on the wire.
    BOOST_TEST(rig.log.contains("FC16 write 4 holding registers at 40299 = [1, 1, 0, 20000]"));
    const auto plant = rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus(); });
    BOOST_TEST(plant.dispatchActive);
    BOOST_TEST(plant.dispatchSetpoint.value == -20000.0);
    rig.advance(10.0);
    const auto s = dut.status();
    BOOST_TEST(s.dispatchActive);
    BOOST_TEST(s.dispatchSetpoint.value == -20000.0);
    BOOST_TEST(s.reportedPower.value == -20000.0, boost::test_tools::tolerance(0.02));
    BOOST_TEST(s.state == "discharging");
    BOOST_TEST(rig.lab->withPlant([](sim::Plant& p) { return p.dcCurrent().value; }) < 0.0);
    dut.releaseDispatch();
    BOOST_TEST(!rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus().dispatchActive; }));
    rig.advance(10.0);
    const auto after = dut.status();
    BOOST_TEST(!after.dispatchActive);
    BOOST_TEST(after.state == "charging");
    BOOST_TEST(after.reportedPower.value > 10000.0);
}

BOOST_AUTO_TEST_CASE(positive_dispatch_and_heartbeat) {
    ModbusRig rig;
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort), &rig.log);
    dut.dispatchPower(units::Watts(15000.0));
    BOOST_TEST(rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus().dispatchSetpoint.value; }) == 15000.0);
    const auto hb = dut.heartbeat();
    BOOST_TEST(hb >= 2u);
    BOOST_TEST(rig.log.contains("FC16 write 2 holding registers at 40349 = [0, " + std::to_string(hb) + "]"));
    dut.makeSafe();
    BOOST_TEST(!rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus().dispatchActive; }));
}

BOOST_AUTO_TEST_CASE(out_of_range_setpoints_are_refused_before_writing) {
    ModbusRig rig;
    SunSpecCharger dut("dut", ModbusRig::settings(rig.chargerPort), &rig.log);
    const auto before = rig.log.size();
    const core::DutRatings r;
    BOOST_CHECK_THROW(dut.dispatchPower(units::Watts(-r.maxDischargePower.value - 1.0)), core::CapabilityError);
    BOOST_CHECK_THROW(dut.dispatchPower(units::Watts(r.dcMaxPower.value + 1.0)), core::CapabilityError);
    BOOST_CHECK_THROW(dut.dispatchPower(units::Watts(std::nan(""))), core::CapabilityError);
    BOOST_TEST(rig.log.size() == before);
    BOOST_TEST(!rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus().dispatchActive; }));
}

BOOST_AUTO_TEST_CASE(unidirectional_charger_refuses_discharge) {
    core::DutRatings oneWay;
    oneWay.bidirectional = false;
    auto lab = std::make_shared<sim::SimLab>(oneWay);
    simwire::WireContext context{lab, std::make_shared<simwire::FaultInjector>(), oneWay};
    auto service = simwire::modbus::makeSunSpecChargerService(context);
    const int port = service->start(0);
    SunSpecCharger dut("dut", ModbusRig::settings(port), nullptr);
    BOOST_TEST(!dut.ratings().bidirectional);
    BOOST_TEST(!dut.capabilities().has(core::capability::powerDispatch));
    BOOST_CHECK_THROW(dut.dispatchPower(units::Watts(-1000.0)), core::CapabilityError);
    service->stop();
}

BOOST_AUTO_TEST_CASE(server_rejects_an_out_of_range_wset) {
    ModbusRig rig;
    transports::ModbusSession s(ModbusRig::settings(rig.chargerPort), "raw", nullptr);
    const std::uint16_t tooMuch[] = {1, 1, 0x0001, 0x0000}; // 65536 W injected
    try {
        s.writeRegisters(40299, tooMuch);
        BOOST_FAIL("expected an exception reply");
    } catch (const transports::ModbusError& e) {
        BOOST_TEST(e.exceptionCode() == 3);
    }
    BOOST_TEST(!rig.lab->withPlant([](sim::Plant& p) { return p.chargerStatus().dispatchActive; }));
}

BOOST_AUTO_TEST_SUITE_END()
