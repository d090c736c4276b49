// Grid list mode on the wire: the chroma-61800 and ametek-mx drivers program a sag, a frequency
// step and a ramp into their SCPI servers, which run the list as a plant schedule (virtual time
// here, real time in v2gbench-sim); the analyzer on the same plant sees it.
#include "scpi_fixture.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using test::ScpiLabFixture;
using units::Hertz;
using units::Seconds;
using units::Volts;

BOOST_FIXTURE_TEST_SUITE(scpi_grid_list, ScpiLabFixture)

BOOST_AUTO_TEST_CASE(chroma_sag_is_seen_by_the_analyzer) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"));
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", tcp("analyzer-scpi"));
    BOOST_TEST(grid->capabilities().has(core::capability::listMode));
    grid->apply({Volts(230.0), Hertz(50.0)});
    advance(0.1);
    grid->runSequence({{Seconds(0.15), Volts(115.0), Hertz(50.0)}, {Seconds(0.01), Volts(230.0), Hertz(50.0)}});
    BOOST_TEST(log.sent("LIST:DWEL 0.15,0.01"));
    BOOST_TEST(log.sent("LIST:VOLT:AC:STAR 115,230"));
    BOOST_TEST(log.sent("LIST:VOLT:AC:END 115,230"));
    BOOST_TEST(log.sent("OUTP:MODE LIST"));
    BOOST_TEST(log.sent("TRIG ON"));
    BOOST_TEST(grid->sequenceRunning());
    advance(0.1);
    BOOST_TEST(analyzer->read().ac.voltage.value == 115.0, boost::test_tools::tolerance(0.005));
    advance(0.1);
    BOOST_TEST(!grid->sequenceRunning());
    BOOST_TEST(analyzer->read().ac.voltage.value == 230.0, boost::test_tools::tolerance(0.005));
    // Back to fixed mode: apply() ends the list mode first.
    grid->apply({Volts(220.0), Hertz(50.0)});
    BOOST_TEST(log.sent("OUTP:MODE FIX"));
    advance(0.05);
    BOOST_TEST(analyzer->read().ac.voltage.value == 220.0, boost::test_tools::tolerance(0.005));
}

BOOST_AUTO_TEST_CASE(ametek_frequency_step_and_ramp) {
    auto grid = make<core::GridEmulator>("ametek-mx", "grid", tcp("grid-ametek-scpi"));
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", tcp("analyzer-scpi"));
    BOOST_TEST(grid->capabilities().has(core::capability::listMode));
    grid->apply({Volts(230.0), Hertz(50.0)});
    grid->runSequence({{Seconds(1.0), Volts(230.0), Hertz(51.0)}, {Seconds(0.01), Volts(230.0), Hertz(50.0)}});
    BOOST_TEST(log.sent("LIST:FREQ 51,50"));
    BOOST_TEST(log.sent(";:INIT"));
    advance(0.5);
    BOOST_TEST(grid->sequenceRunning());
    BOOST_TEST(analyzer->read().ac.frequency.value == 51.0, boost::test_tools::tolerance(0.001));
    advance(0.6);
    BOOST_TEST(!grid->sequenceRunning());
    BOOST_TEST(analyzer->read().ac.frequency.value == 50.0, boost::test_tools::tolerance(0.001));
    // A ramp over a whole step becomes a slew rate of |change| / dwell: 30 V over 1 s = 30 V/s.
    grid->runSequence({{Seconds(1.0), Volts(200.0), Hertz(50.0), true}, {Seconds(0.5), Volts(200.0), Hertz(50.0)}});
    BOOST_TEST(log.sent("LIST:VOLT:SLEW 30,"));
    advance(0.5);
    const auto mid = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
    BOOST_TEST(mid.voltage.value == 215.0, boost::test_tools::tolerance(0.001));
    advance(1.1);
    const auto end = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
    BOOST_TEST(end.voltage.value == 200.0);
    BOOST_TEST(!grid->sequenceRunning());
}

BOOST_AUTO_TEST_CASE(out_of_range_lists_are_refused_before_anything_is_sent) {
    for (const char* driver : {"chroma-61800", "ametek-mx"}) {
        BOOST_TEST_CONTEXT(driver) {
            const std::string service = std::string(driver) == "ametek-mx" ? "grid-ametek-scpi" : "grid-scpi";
            auto grid = make<core::GridEmulator>(driver, "grid", tcp(service));
            grid->apply({Volts(230.0), Hertz(50.0)});
            const auto before = log.records().size();
            // One step more than the dialect's list holds (100).
            std::vector<core::GridSequenceStep> tooMany(101, {Seconds(0.1), Volts(230.0), Hertz(50.0)});
            try {
                grid->runSequence(tooMany);
                BOOST_FAIL("no CapabilityError");
            } catch (const core::CapabilityError& e) {
                BOOST_TEST(std::string(e.what()).find("exceeds") != std::string::npos);
            }
            BOOST_CHECK_THROW(grid->runSequence({{Seconds(0.1), Volts(115.0), Hertz(50.0)},
                                                 {Seconds(0.1), Volts(301.0), Hertz(50.0)}}),
                              core::CapabilityError);
            BOOST_CHECK_THROW(grid->runSequence({{Seconds(0.1), Volts(115.0), Hertz(10.0)}}), core::CapabilityError);
            BOOST_CHECK_THROW(grid->runSequence({{Seconds(0.0), Volts(115.0), Hertz(50.0)}}), core::CapabilityError);
            BOOST_CHECK_THROW(grid->runSequence({}), core::CapabilityError);
            BOOST_TEST(log.records().size() == before); // nothing went out
            const auto plant = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
            BOOST_TEST(plant.voltage.value == 230.0);
            BOOST_TEST(!context.lab->withPlant([](sim::Plant& p) { return p.gridScheduleRunning(); }));
        }
    }
}

BOOST_AUTO_TEST_CASE(makesafe_aborts_a_running_list) {
    for (const char* driver : {"chroma-61800", "ametek-mx"}) {
        BOOST_TEST_CONTEXT(driver) {
            const std::string service = std::string(driver) == "ametek-mx" ? "grid-ametek-scpi" : "grid-scpi";
            auto grid = make<core::GridEmulator>(driver, "grid", tcp(service));
            grid->apply({Volts(230.0), Hertz(50.0)});
            grid->runSequence({{Seconds(5.0), Volts(100.0), Hertz(50.0)}, {Seconds(1.0), Volts(250.0), Hertz(50.0)}});
            advance(0.1);
            grid->makeSafe();
            advance(6.0);
            const auto plant = context.lab->withPlant([](sim::Plant& p) { return p.gridState(); });
            BOOST_TEST(!plant.outputOn);
            BOOST_TEST(!context.lab->withPlant([](sim::Plant& p) { return p.gridScheduleRunning(); }));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
