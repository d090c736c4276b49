#include <boost/test/unit_test.hpp>

#include "sim_rig.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/real_clock.hpp"
#include "v2gbench/sim/register_sim_drivers.hpp"
#include "v2gbench/sim/sim_realtime_clock.hpp"

#include <cmath>
#include <limits>
#include <set>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;
using core::CapabilityError;

namespace {

std::unique_ptr<core::Instrument> create(core::DriverRegistry& reg, core::SessionContext& session, const core::Clock& clock,
                                         const std::string& driver, const std::string& uri = "sim://lab") {
    core::DriverRequest req{driver, core::ConnectionUri::parse(uri), {}, session, clock};
    return reg.createDriver(driver, req);
}

template <class T> T* as(const std::unique_ptr<core::Instrument>& p) {
    auto* t = dynamic_cast<T*>(p.get());
    BOOST_REQUIRE(t != nullptr);
    return t;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_drivers)

BOOST_AUTO_TEST_CASE(grid_refuses_out_of_range_requests) {
    SimRig rig;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    BOOST_CHECK_THROW(rig.grid.apply({Volts(300.1), Hertz(50.0)}), CapabilityError);
    BOOST_CHECK_THROW(rig.grid.apply({Volts(-1.0), Hertz(50.0)}), CapabilityError);
    BOOST_CHECK_THROW(rig.grid.apply({Volts(230.0), Hertz(44.9)}), CapabilityError);
    BOOST_CHECK_THROW(rig.grid.apply({Volts(230.0), Hertz(65.1)}), CapabilityError);
    BOOST_CHECK_THROW(rig.grid.apply({Volts(nan), Hertz(50.0)}), CapabilityError);
    BOOST_TEST(!rig.grid.state().outputOn); // nothing was switched
    BOOST_CHECK_EXCEPTION(rig.grid.apply({Volts(350.0), Hertz(50.0)}), CapabilityError, [](const CapabilityError& e) {
        const std::string m = e.what();
        return m.find("grid") == 0 && m.find("350") != std::string::npos && m.find("0..300 V") != std::string::npos;
    });
    rig.grid.apply({Volts(300.0), Hertz(65.0)}); // the edges are in range
    BOOST_TEST(rig.grid.state().outputOn);
    BOOST_TEST(rig.grid.state().voltage.value == 300.0);
}

BOOST_AUTO_TEST_CASE(battery_ev_and_dut_refuse_out_of_range_requests) {
    SimRig rig;
    auto b = rig.batteryModel();
    b.voltage = Volts(1000.5);
    BOOST_CHECK_THROW(rig.battery.emulate(b), CapabilityError);
    b = rig.batteryModel();
    b.maxChargeCurrent = units::Amperes(301.0);
    BOOST_CHECK_THROW(rig.battery.emulate(b), CapabilityError);
    b = rig.batteryModel();
    b.maxDischargeCurrent = units::Amperes(-1.0);
    BOOST_CHECK_THROW(rig.battery.emulate(b), CapabilityError);
    BOOST_TEST(!rig.battery.read().outputOn);

    BOOST_CHECK_THROW(rig.ev.demand(cc(-1.0)), CapabilityError);
    BOOST_CHECK_THROW(rig.ev.demand(cc(10.0, 500.0, -5.0)), CapabilityError);
    BOOST_TEST(rig.ev.status().demand.current.value == 0.0);

    BOOST_CHECK_THROW(rig.dut.dispatchPower(Watts(120e3 + 1.0)), CapabilityError);
    BOOST_CHECK_THROW(rig.dut.dispatchPower(Watts(-60e3 - 1.0)), CapabilityError);
    BOOST_TEST(!rig.dut.status().dispatchActive);
    rig.dut.dispatchPower(Watts(-60e3));
    BOOST_TEST(rig.dut.status().dispatchActive);

    core::DutRatings oneWay;
    oneWay.bidirectional = false;
    SimRig uni({}, 1, oneWay);
    BOOST_CHECK_EXCEPTION(uni.dut.dispatchPower(Watts(-1e3)), CapabilityError, [](const CapabilityError& e) {
        return std::string(e.what()).find("not bidirectional") != std::string::npos;
    });
    BOOST_TEST(!uni.dut.capabilities().has(core::capability::powerDispatch));
    uni.dut.dispatchPower(Watts(5e3)); // charging dispatch is fine
}

BOOST_AUTO_TEST_CASE(identity_and_capabilities) {
    SimRig rig("slow-current-stop");
    std::set<std::string> serials;
    for (const core::Instrument* i :
         std::initializer_list<const core::Instrument*>{&rig.grid, &rig.battery, &rig.ev, &rig.analyzer, &rig.dut}) {
        const auto id = i->identity();
        BOOST_TEST(id.manufacturer == "v2gbench simulated lab");
        BOOST_TEST(!id.model.empty());
        serials.insert(id.serial);
    }
    BOOST_TEST(serials.size() == 5u);
    BOOST_TEST(rig.grid.identity().serial == "SIM-0001");
    BOOST_TEST(rig.dut.identity().firmware.find("slow-current-stop") != std::string::npos);
    BOOST_TEST(rig.grid.capabilities().has(core::capability::threePhase));
    BOOST_TEST(rig.battery.capabilities().has(core::capability::fourQuadrant));
    BOOST_TEST(rig.ev.capabilities().has(core::capability::demandControl));
    BOOST_TEST(rig.analyzer.capabilities().has(core::capability::acMeasurement));
    BOOST_TEST(rig.analyzer.capabilities().has(core::capability::dcMeasurement));
    BOOST_TEST(rig.dut.capabilities().has(core::capability::powerDispatch));
    BOOST_TEST(rig.dut.ratings().dcMaxCurrent.value == 250.0);
}

BOOST_AUTO_TEST_CASE(make_safe_brings_everything_to_rest) {
    SimRig rig;
    rig.startCharging(cc(0.0, 500.0, 100.0));
    rig.dut.dispatchPower(Watts(-20e3));
    rig.wait(2.0);
    BOOST_TEST(rig.current() < -40.0);
    rig.ev.makeSafe();
    rig.dut.makeSafe();
    rig.battery.makeSafe();
    rig.grid.makeSafe();
    rig.analyzer.makeSafe();
    BOOST_TEST(rig.current() == 0.0);
    BOOST_TEST((rig.ev.status().phase == core::EvPhase::Disconnected));
    BOOST_TEST(rig.ev.status().demand.current.value == 0.0);
    BOOST_TEST(!rig.dut.status().dispatchActive);
    BOOST_TEST(!rig.battery.read().outputOn);
    BOOST_TEST(!rig.grid.state().outputOn);
    rig.wait(1.0);
    const auto r = rig.analyzer.read();
    BOOST_TEST(r.ac.activePower.value == 0.0);
    BOOST_TEST(r.dc.current.value == 0.0);
}

BOOST_AUTO_TEST_CASE(analyzer_timestamp_is_the_clock_time) {
    SimRig rig;
    rig.clock.waitFor(Seconds(12.3456), {});
    BOOST_TEST(std::abs(rig.analyzer.read().timestamp.value - rig.clock.now().value) < 1e-12);
    BOOST_TEST(std::abs(rig.analyzer.read().timestamp.value - 12.3456) < 1e-9);
}

BOOST_AUTO_TEST_CASE(register_sim_drivers_shares_one_lab_per_session) {
    core::DriverRegistry reg;
    registerSimDrivers(reg);
    for (const char* n : {"sim-grid", "sim-battery", "sim-ev", "sim-analyzer", "sim-dut"})
        BOOST_TEST(reg.hasDriver(n), n);
    BOOST_TEST(reg.driverInfo("sim-grid")->role == "grid");
    BOOST_TEST(reg.driverInfo("sim-battery")->role == "battery");
    BOOST_TEST(reg.driverInfo("sim-ev")->role == "ev");
    BOOST_TEST(reg.driverInfo("sim-analyzer")->role == "analyzer");
    BOOST_TEST(reg.driverInfo("sim-dut")->role == "dut");
    BOOST_TEST(reg.hasClock("sim-virtual"));
    BOOST_TEST(reg.hasClock("sim-realtime"));

    core::SessionContext session;
    session.dut.dcMaxCurrent = units::Amperes(125.0);
    session.settings["sim.defect"] = "slow-current-stop";
    session.settings["sim.seed"] = "42";
    auto clock = reg.createClock("sim-virtual", session);
    BOOST_TEST(clock->isVirtual());

    auto grid = create(reg, session, *clock, "sim-grid");
    auto battery = create(reg, session, *clock, "sim-battery");
    auto ev = create(reg, session, *clock, "sim-ev");
    auto analyzer = create(reg, session, *clock, "sim-analyzer");
    auto dut = create(reg, session, *clock, "sim-dut");

    auto lab = SimLab::forSession(session);
    BOOST_TEST(lab->defect() == "slow-current-stop");
    BOOST_TEST(lab->seed() == 42u);
    BOOST_TEST(as<core::ChargerControl>(dut)->ratings().dcMaxCurrent.value == 125.0);

    // One plant: what the grid driver applies, the analyzer measures; the clock drives them all.
    as<core::GridEmulator>(grid)->apply({Volts(230.0), Hertz(50.0)});
    as<core::BatteryEmulator>(battery)->emulate(core::BatteryEmulation{});
    as<core::EvEmulator>(ev)->demand(cc(200.0));
    as<core::EvEmulator>(ev)->connect();
    clock->waitFor(Seconds(5.0), {});
    const auto r = as<core::PowerAnalyzer>(analyzer)->read();
    BOOST_TEST(std::abs(r.ac.voltage.value - 230.0) < 0.1);
    BOOST_TEST(std::abs(r.dc.current.value - 125.0) < 0.1); // the session's DUT rating limits it
    BOOST_TEST(std::abs(r.timestamp.value - 5.0) < 1e-9);
    BOOST_TEST(lab->snapshot().dcCurrent.value > 124.0);
}

BOOST_AUTO_TEST_CASE(drivers_work_on_the_realtime_clock) {
    core::DriverRegistry reg;
    registerSimDrivers(reg);
    core::SessionContext session;
    auto clock = reg.createClock("sim-realtime", session);
    BOOST_TEST(!clock->isVirtual());
    auto grid = create(reg, session, *clock, "sim-grid");
    as<core::GridEmulator>(grid)->apply({Volts(230.0), Hertz(50.0)});
    BOOST_TEST(as<core::GridEmulator>(grid)->state().outputOn);
    BOOST_TEST(SimLab::forSession(session)->followsClock());
}

BOOST_AUTO_TEST_CASE(registry_errors_are_clear) {
    core::DriverRegistry reg;
    registerSimDrivers(reg);
    {
        core::SessionContext session;
        const auto clock = reg.createClock("sim-virtual", session);
        BOOST_CHECK_EXCEPTION(create(reg, session, *clock, "sim-grid", "tcp://127.0.0.1:5025"), std::invalid_argument,
                              [](const std::invalid_argument& e) {
                                  const std::string m = e.what();
                                  return m.find("'tcp'") != std::string::npos && m.find("sim://") != std::string::npos;
                              });
        // The simulated instruments take no options.
        BOOST_CHECK_EXCEPTION(reg.driverOptions("sim-grid", {{"timeout", "1 s"}}), core::OptionError,
                              [](const core::OptionError& e) {
                                  return std::string(e.what()) == "sim-grid takes no options (found 'timeout')";
                              });
    }
    {
        core::SessionContext session; // a clock that does not drive the lab
        const core::RealClock clock;
        BOOST_CHECK_THROW(create(reg, session, clock, "sim-analyzer"), std::invalid_argument);
    }
    {
        core::SessionContext session, other; // the clock of another session's lab
        const auto clock = reg.createClock("sim-virtual", other);
        BOOST_CHECK_THROW(create(reg, session, *clock, "sim-ev"), std::invalid_argument);
    }
    {
        core::SessionContext session;
        session.settings["sim.defect"] = "bogus";
        BOOST_CHECK_THROW(reg.createClock("sim-virtual", session), std::invalid_argument);
    }
    {
        core::SessionContext session;
        session.settings["sim.seed"] = "12x";
        BOOST_CHECK_THROW(reg.createClock("sim-virtual", session), std::invalid_argument);
        session.settings["sim.seed"] = "-3";
        BOOST_CHECK_THROW(reg.createClock("sim-virtual", session), std::invalid_argument);
    }
}

BOOST_AUTO_TEST_SUITE_END()
