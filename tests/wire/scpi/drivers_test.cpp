// The SCPI drivers against their wire servers on ephemeral loopback ports, over one simulated
// plant on virtual time.
#include "scpi_fixture.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"
#include "v2gbench/drivers/scpi/scpi_grid_emulator.hpp"
#include "v2gbench/transports/scpi_dialects.hpp"
#include "v2gbench/transports/scpi_session.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using test::ScpiLabFixture;

BOOST_FIXTURE_TEST_SUITE(scpi_drivers, ScpiLabFixture)

BOOST_AUTO_TEST_CASE(registry_lists_the_five_drivers) {
    const std::map<std::string, std::string> expected{{"chroma-61800", "grid"},
                                                      {"ametek-mx", "grid"},
                                                      {"itech-it6000c", "battery"},
                                                      {"zes-lmg600", "analyzer"},
                                                      {"v2gbench-ev-scpi", "ev"}};
    for (const auto& [name, role] : expected) {
        BOOST_REQUIRE(registry.hasDriver(name));
        BOOST_TEST(registry.driverInfo(name)->role == role);
    }
    // Only scheme tcp.
    core::DriverRequest bad{"grid", core::ConnectionUri::parse("sim://lab"), {}, session, *clock};
    BOOST_CHECK_THROW(registry.createDriver("chroma-61800", bad), std::invalid_argument);
    // Options are typed durations with their unit; the old *_ms spellings are unknown options.
    BOOST_CHECK_THROW(registry.driverOptions("chroma-61800", {{"timeout", "soon"}}), core::OptionError);
    BOOST_CHECK_THROW(registry.driverOptions("chroma-61800", {{"timeout", "500"}}), core::OptionError);
    BOOST_CHECK_THROW(registry.driverOptions("chroma-61800", {{"timeout_ms", "500"}}), core::OptionError);
    // ac_phases and dc_channel are the analyzer's alone.
    BOOST_CHECK_THROW(registry.driverOptions("chroma-61800", {{"ac_phases", "1"}}), core::OptionError);
    BOOST_TEST(registry.driverOptions("zes-lmg600", {{"ac_phases", "1"}}).integer("ac_phases") == 1);
}

BOOST_AUTO_TEST_CASE(options_reach_the_scpi_session_typed) {
    // Defaults as declared, then given values: the session's bounds are what the profile says.
    auto defaults = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"));
    auto* grid = dynamic_cast<drivers::scpi::ScpiGridEmulator*>(defaults.get());
    BOOST_REQUIRE(grid);
    BOOST_TEST(grid->session().options().timeout.value == 2.0);
    BOOST_TEST(grid->session().options().connectTimeout.value == 3.0);
    BOOST_TEST(grid->session().options().checkErrors);
    auto given = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"),
                                          {{"timeout", "250 ms"}, {"connect_timeout", "1.5 s"}, {"check_errors", "false"}});
    grid = dynamic_cast<drivers::scpi::ScpiGridEmulator*>(given.get());
    BOOST_REQUIRE(grid);
    BOOST_TEST(grid->session().options().timeout.value == 0.25, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(grid->session().options().connectTimeout.value == 1.5);
    BOOST_TEST(!grid->session().options().checkErrors);
}

BOOST_AUTO_TEST_CASE(analyzer_readings_carry_the_session_clock) {
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", tcp("analyzer-scpi"));
    advance(1.5);
    BOOST_TEST(clock->now().value == 1.5, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(analyzer->read().timestamp.value == clock->now().value);
}

BOOST_AUTO_TEST_CASE(chroma_sets_230_V_and_the_analyzer_measures_it) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"));
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", tcp("analyzer-scpi"));
    BOOST_TEST(grid->identity().manufacturer == "Chroma ATE");
    BOOST_TEST(grid->identity().model == "61845");
    BOOST_TEST(analyzer->identity().model == "LMG600");
    BOOST_TEST(grid->capabilities().has(core::capability::threePhase));
    BOOST_TEST(grid->capabilities().has(core::capability::listMode));
    grid->apply({units::Volts(230.0), units::Hertz(50.0)});
    advance(0.2);
    const auto state = grid->state();
    BOOST_TEST(state.outputOn);
    BOOST_TEST(state.voltage.value == 230.0);
    BOOST_TEST(state.frequency.value == 50.0);
    const auto r = analyzer->read();
    BOOST_TEST(r.ac.voltage.value == 230.0, boost::test_tools::tolerance(0.001));
    BOOST_TEST(r.ac.frequency.value == 50.0, boost::test_tools::tolerance(0.001));
    // Every line is evidence, under the instrument's name (role and driver).
    BOOST_TEST(log.sent("VOLT:AC 230"));
    bool named = false;
    for (const auto& rec : log.records()) named |= rec.instrument == "grid (chroma-61800)" && rec.payload == "SYST:ERR?";
    BOOST_TEST(named);
    grid->off();
    BOOST_TEST(!grid->state().outputOn);
}

BOOST_AUTO_TEST_CASE(ametek_per_phase_voltages_and_angles) {
    auto grid = make<core::GridEmulator>("ametek-mx", "grid", tcp("grid-ametek-scpi"), {{"timeout", "1500 ms"}});
    auto* ametek = dynamic_cast<drivers::scpi::ScpiGridEmulator*>(grid.get());
    BOOST_REQUIRE(ametek);
    BOOST_TEST(grid->capabilities().has("phase-angle"));
    BOOST_TEST(!grid->capabilities().has("voltage-slew"));
    grid->apply({units::Volts(220.0), units::Hertz(60.0)});
    ametek->setPhaseVoltages({units::Volts(220.0), units::Volts(230.0), units::Volts(240.0)});
    ametek->setPhaseAngles(units::Degrees(120.0), units::Degrees(240.0));
    // The AMETEK dialect chains the per-phase program into one message.
    BOOST_TEST(log.sent("INST:COUP NONE;:INST:NSEL 1;:VOLT:AC 220;:INST:NSEL 2;:VOLT:AC 230"));
    advance(0.1);
    const auto m = ametek->measurePhase(3);
    BOOST_TEST(m.voltage.value == 240.0, boost::test_tools::tolerance(0.002));
    BOOST_TEST(m.frequency.value == 60.0, boost::test_tools::tolerance(0.001));
    const auto plant = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
    BOOST_TEST(plant.voltage.value == 230.0); // the plant has one voltage: the phases' mean
    BOOST_CHECK_THROW(ametek->setVoltageSlew(1000.0), core::CapabilityError);
}

BOOST_AUTO_TEST_CASE(charging_session_and_the_sign_convention) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"));
    auto battery = make<core::BatteryEmulator>("itech-it6000c", "battery", visa("battery-scpi"));
    auto ev = make<core::EvEmulator>("v2gbench-ev-scpi", "ev", tcp("ev-scpi"));
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", visa("analyzer-scpi"));
    grid->apply({units::Volts(230.0), units::Hertz(50.0)});
    core::BatteryEmulation model;
    model.voltage = units::Volts(400.0);
    model.maxChargeCurrent = units::Amperes(200.0);
    model.maxDischargeCurrent = units::Amperes(200.0);
    battery->emulate(model);
    BOOST_TEST(log.sent("CURR:LIM:NEG -200"));
    BOOST_TEST(core::toString(ev->status().phase) == "disconnected");
    ev->connect();
    ev->demand({units::Volts(450.0), units::Amperes(30.0), core::DemandMode::ConstantCurrent, units::Amperes(50.0)});
    BOOST_TEST(log.sent("EV:DEM:VOLT 450;CURR 30;MODE CC;DISC 50"));
    advance(3.0);
    const auto s = ev->status();
    BOOST_TEST(core::toString(s.phase) == "charging");
    BOOST_TEST(s.demand.current.value == 30.0);
    BOOST_TEST(s.chargerCurrent.value == 30.0, boost::test_tools::tolerance(0.02));
    BOOST_TEST(s.detail.find("charging") != std::string::npos);
    // Charging: current into the battery and grid power into the charger are positive.
    const auto b = battery->read();
    BOOST_TEST(b.outputOn);
    BOOST_TEST(b.current.value == 30.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(b.voltage.value > 390.0);
    auto r = analyzer->read();
    BOOST_TEST(r.dc.current.value == 30.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(r.dc.power.value > 11000.0);
    BOOST_TEST(r.ac.activePower.value > r.dc.power.value); // losses: the grid supplies more
    BOOST_TEST(r.ac.currentThd.value > 0.0);
    BOOST_TEST(r.ac.currentThd.value < 0.1);
    // V2G discharge (dispatched through the charger's own interface): all signs turn negative.
    context.lab->withPlant([](sim::Plant& p) { p.dispatch(units::Watts(-10000.0)); });
    advance(3.0);
    BOOST_TEST(battery->read().current.value < -10.0);
    r = analyzer->read();
    BOOST_TEST(r.dc.current.value < -10.0);
    BOOST_TEST(r.ac.activePower.value == -10000.0, boost::test_tools::tolerance(0.02));
    ev->stop();
    advance(2.0);
    BOOST_TEST(core::toString(ev->status().phase) == "stopped");
    ev->disconnect();
    BOOST_TEST(core::toString(ev->status().phase) == "disconnected");
    battery->off();
    BOOST_TEST(!battery->read().outputOn);
}

BOOST_AUTO_TEST_CASE(out_of_range_requests_fail_before_anything_is_sent) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"));
    auto battery = make<core::BatteryEmulator>("itech-it6000c", "battery", visa("battery-scpi"));
    auto ev = make<core::EvEmulator>("v2gbench-ev-scpi", "ev", tcp("ev-scpi"));
    const auto before = log.records().size();
    try {
        grid->apply({units::Volts(301.0), units::Hertz(50.0)});
        BOOST_FAIL("no CapabilityError");
    } catch (const core::CapabilityError& e) {
        BOOST_TEST(std::string(e.what()).find("grid (chroma-61800): voltage 301 V is outside 0..300 V") != std::string::npos);
    }
    BOOST_CHECK_THROW(grid->apply({units::Volts(230.0), units::Hertz(20.0)}), core::CapabilityError);
    core::BatteryEmulation model;
    model.maxChargeCurrent = units::Amperes(301.0);
    BOOST_CHECK_THROW(battery->emulate(model), core::CapabilityError);
    model.maxChargeCurrent = units::Amperes(100.0);
    model.voltage = units::Volts(1600.0);
    BOOST_CHECK_THROW(battery->emulate(model), core::CapabilityError);
    BOOST_CHECK_THROW(ev->demand({units::Volts(400.0), units::Amperes(-1.0), core::DemandMode::ConstantCurrent, {}}),
                      core::CapabilityError);
    BOOST_TEST(log.records().size() == before); // nothing went out
    const auto plant = context.lab->withPlant([](sim::Plant& p) { return p.snapshot(); });
    BOOST_TEST(!plant.grid.outputOn);
    BOOST_TEST(!plant.batteryOn);
}

BOOST_AUTO_TEST_CASE(instrument_errors_name_the_command) {
    // A raw session sends what no driver would; the error queue is drained and reported.
    transports::ScpiSessionOptions o;
    o.instrument = "grid (raw)";
    o.port = ports.at("grid-scpi");
    o.log = &log;
    transports::ScpiSession s(o);
    try {
        s.write("VOLT:AC 500");
        BOOST_FAIL("no InstrumentError");
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(e.instrument() == "grid (raw)");
        BOOST_TEST(e.exchange() == "VOLT:AC 500");
        BOOST_TEST(std::string(e.what()).find("-222") != std::string::npos);
    }
    BOOST_TEST(s.isConnected()); // an instrument error leaves the link usable
    s.synchronise();
    BOOST_TEST(s.drainErrors().empty());
    // An instrument of another make is refused at identification.
    core::DriverRequest wrong{"grid", core::ConnectionUri::parse(tcp("battery-scpi")), {}, session, *clock};
    BOOST_CHECK_THROW(registry.createDriver("chroma-61800", wrong), core::InstrumentError);
}

BOOST_AUTO_TEST_CASE(makesafe_switches_everything_off) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"));
    auto battery = make<core::BatteryEmulator>("itech-it6000c", "battery", visa("battery-scpi"));
    auto ev = make<core::EvEmulator>("v2gbench-ev-scpi", "ev", visa("ev-scpi"));
    grid->apply({units::Volts(230.0), units::Hertz(50.0)});
    battery->emulate(core::BatteryEmulation{});
    ev->connect();
    advance(0.5);
    grid->makeSafe();
    battery->makeSafe();
    ev->makeSafe();
    const auto plant = context.lab->withPlant([](sim::Plant& p) { return p.snapshot(); });
    BOOST_TEST(!plant.grid.outputOn);
    BOOST_TEST(!plant.batteryOn);
    BOOST_TEST(core::toString(plant.evPhase) == "disconnected");
}

BOOST_AUTO_TEST_SUITE_END()
