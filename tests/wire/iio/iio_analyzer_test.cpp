// Driver iio-analyzer against analyzer-iiod: measurements match the plant, faults become
// InstrumentErrors naming the instrument and the exchange.
#include "iio_rig.hpp"

#include "v2gbench/core/driver_registry.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/iio/iio_analyzer.hpp"
#include "v2gbench/drivers/iio/register_iio_drivers.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using v2gbench::test::IioRig;
using v2gbench::test::near;
using v2gbench::test::RecordingLog;

namespace {

struct DriverRig {
    IioRig& rig;
    core::DriverRegistry registry;
    core::SessionContext session;
    RecordingLog log;
    std::unique_ptr<core::Instrument> instrument;
    core::PowerAnalyzer* analyzer = nullptr;

    DriverRig(IioRig& r, const std::map<std::string, std::string>& options = {}) : rig(r) {
        drivers::iio::registerIioDrivers(registry);
        session.exchanges = &log;
        core::DriverRequest request{"analyzer", core::ConnectionUri::parse(rig.uri()),
                                    registry.driverOptions("iio-analyzer", options), session, *rig.clock};
        instrument = registry.createDriver("iio-analyzer", request);
        analyzer = dynamic_cast<core::PowerAnalyzer*>(instrument.get());
        BOOST_TEST_REQUIRE(analyzer != nullptr);
    }
    drivers::iio::IioAnalyzer& iio() { return dynamic_cast<drivers::iio::IioAnalyzer&>(*instrument); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(iio_analyzer_driver)

BOOST_AUTO_TEST_CASE(registered_as_analyzer_with_identity_from_the_context) {
    IioRig rig(false);
    DriverRig d(rig);
    const auto* info = d.registry.driverInfo("iio-analyzer");
    BOOST_TEST_REQUIRE(info != nullptr);
    BOOST_TEST(info->role == "analyzer");
    const auto id = d.analyzer->identity();
    BOOST_TEST(id.manufacturer == "v2gbench");
    BOOST_TEST(id.model == "AD7606-8 power front-end (simulated)");
    BOOST_TEST(id.serial == "SIM-IIO-0001");
    BOOST_TEST(d.analyzer->capabilities().has(core::capability::acMeasurement));
    BOOST_TEST(d.analyzer->capabilities().has(core::capability::dcMeasurement));
    BOOST_TEST(d.log.contains("PRINT (iio_create_context_from_uri " + rig.uri() + ")"));
    BOOST_TEST(d.log.contains("READ iio:device0 sampling_frequency"));
}

BOOST_AUTO_TEST_CASE(readings_match_the_plant_within_one_percent) {
    IioRig rig(true);
    DriverRig d(rig);
    const auto truth = rig.truth();
    BOOST_TEST_REQUIRE(truth.gridPower > 30e3); // really charging
    for (int i = 0; i < 5; ++i) {
        const auto r = d.analyzer->read();
        BOOST_TEST(near(r.ac.voltage.value, truth.gridVoltage, 0.01));
        BOOST_TEST(near(r.ac.frequency.value, truth.frequency, 0.01));
        BOOST_TEST(near(r.ac.activePower.value, truth.gridPower, 0.01));
        BOOST_TEST(r.ac.activePower.value > 0.0); // grid into the charger
        BOOST_TEST(near(r.ac.current.value, truth.lineCurrentRms(), 0.01));
        BOOST_TEST(near(r.ac.powerFactor.value, truth.powerFactor, 0.01));
        BOOST_TEST(near(r.ac.reactivePower.value, truth.apparent() * std::sqrt(1 - 0.995 * 0.995), 0.02));
        BOOST_TEST(near(r.ac.currentThd.value, truth.thd, 0.01));
        BOOST_TEST(near(r.dc.voltage.value, truth.dcVoltage, 0.01));
        BOOST_TEST(near(r.dc.current.value, truth.dcCurrent, 0.01));
        BOOST_TEST(r.dc.current.value > 0.0); // into the battery
        BOOST_TEST(near(r.dc.power.value, truth.dcVoltage * truth.dcCurrent, 0.01));
    }
    BOOST_TEST(d.iio().lostSamples() == 0);
    BOOST_TEST(d.iio().samplesAcquired() > 0);
    BOOST_TEST(d.log.contains("OPEN iio:device0 100 000001ff"));
    BOOST_TEST(d.log.contains("READBUF iio:device0 2400"));
    // makeSafe stops streaming; the next read starts again.
    d.analyzer->makeSafe();
    BOOST_TEST(d.log.contains("CLOSE iio:device0"));
    BOOST_TEST(near(d.analyzer->read().dc.current.value, truth.dcCurrent, 0.01));
}

BOOST_AUTO_TEST_CASE(sample_rate_option_programs_the_front_end) {
    IioRig rig(true);
    DriverRig d(rig, {{"sample_rate", "20 kHz"}, {"buffer_samples", "500"}});
    BOOST_TEST(d.iio().sampleRate() == 20000.0);
    BOOST_TEST(d.log.contains("WRITE iio:device0 sampling_frequency 20000"));
    const auto r = d.analyzer->read();
    BOOST_TEST(near(r.ac.voltage.value, 230.0, 0.01));
    BOOST_TEST(d.log.contains("OPEN iio:device0 500 000001ff"));
}

BOOST_AUTO_TEST_CASE(bad_connection_or_options_are_refused_with_the_instrument_named) {
    IioRig rig(false);
    core::DriverRegistry registry;
    drivers::iio::registerIioDrivers(registry);
    core::SessionContext session;
    core::DriverRequest wrongScheme{"analyzer", core::ConnectionUri::parse("tcp://127.0.0.1:5025"), {}, session, *rig.clock};
    BOOST_CHECK_EXCEPTION(registry.createDriver("iio-analyzer", wrongScheme), std::invalid_argument,
                          [](const auto& e) { return std::string(e.what()).find("analyzer (iio-analyzer)") == 0; });
    auto optionError = [&registry](const std::map<std::string, std::string>& options) {
        try {
            registry.driverOptions("iio-analyzer", options);
        } catch (const core::OptionError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    BOOST_TEST(optionError({{"sample_rate", "fast"}}).find("option 'sample_rate'") != std::string::npos);
    BOOST_TEST(optionError({{"sample_rate", "20000"}}).find("expected a frequency (Hz) with its unit") != std::string::npos);
    BOOST_TEST(optionError({{"phases", "2"}}).find("'2' is not one of: 1, 3") != std::string::npos);
    BOOST_TEST(optionError({{"buffer_samples", "0"}}).find("'0' is outside 1..4194304") != std::string::npos);
    // A rate the front-end cannot be programmed with is refused, not rounded.
    core::DriverRequest fractional{"analyzer", core::ConnectionUri::parse(rig.uri()),
                                   registry.driverOptions("iio-analyzer", {{"sample_rate", "20.5 Hz"}}), session, *rig.clock};
    BOOST_CHECK_EXCEPTION(registry.createDriver("iio-analyzer", fractional), std::invalid_argument,
                          [](const auto& e) { return std::string(e.what()).find("not a whole number of Hz") != std::string::npos; });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(iio_faults)

BOOST_AUTO_TEST_CASE(every_fault_kind_is_an_instrument_error_naming_the_exchange) {
    const std::pair<simwire::FaultKind, int> faults[] = {{simwire::FaultKind::DropConnection, 0},
                                                         {simwire::FaultKind::DelayReplies, 2000},
                                                         {simwire::FaultKind::Garbage, 0},
                                                         {simwire::FaultKind::StallStream, 0}};
    for (const auto& [kind, value] : faults) {
        BOOST_TEST_CONTEXT("fault " << simwire::toString(kind)) {
            IioRig rig(true);
            DriverRig d(rig, {{"timeout", "300 ms"}});
            BOOST_TEST(near(d.analyzer->read().ac.voltage.value, 230.0, 0.01));
            rig.context.faults->set(simwire::iio::kIiodServiceName, {kind, value});
            try {
                for (int i = 0; i < 100; ++i) d.analyzer->read(); // stale cycles may still be in flight
                BOOST_FAIL("no error");
            } catch (const core::InstrumentError& e) {
                BOOST_TEST(e.instrument() == "analyzer (iio-analyzer)");
                BOOST_TEST(e.exchange().rfind("READBUF iio:device0", 0) == 0u);
                BOOST_TEST(std::string(e.what()).find(rig.uri()) != std::string::npos);
                BOOST_TEST_MESSAGE(simwire::toString(kind) << ": " << e.what());
            }
            // Cleared: the next read reconnects and measures again.
            rig.context.faults->clear(simwire::iio::kIiodServiceName);
            BOOST_TEST(near(d.analyzer->read().ac.voltage.value, 230.0, 0.01));
            d.analyzer->makeSafe(); // returns (bounded), never throws
        }
    }
}

BOOST_AUTO_TEST_CASE(fault_at_connection_names_the_context_exchange) {
    IioRig rig(false);
    rig.context.faults->set(simwire::iio::kIiodServiceName, {simwire::FaultKind::Garbage, 0});
    core::DriverRegistry registry;
    drivers::iio::registerIioDrivers(registry);
    core::SessionContext session;
    core::DriverRequest request{"analyzer", core::ConnectionUri::parse(rig.uri()),
                                registry.driverOptions("iio-analyzer", {{"timeout", "300 ms"}}), session, *rig.clock};
    try {
        registry.createDriver("iio-analyzer", request);
        BOOST_FAIL("no error");
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(e.instrument() == "analyzer (iio-analyzer)");
        BOOST_TEST(e.exchange() == "PRINT");
        BOOST_TEST(std::string(e.what()).find(rig.uri()) != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
