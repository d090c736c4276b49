// Every injected fault becomes an InstrumentError naming the instrument and the command; the
// driver recovers once the fault is gone; makeSafe() stays bounded and silent on a dead link.
#include "scpi_fixture.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/roles/grid_emulator.hpp"
#include "v2gbench/core/roles/power_analyzer.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace v2gbench;
using test::ScpiLabFixture;

namespace {

void expectInstrumentError(const std::function<void()>& call, const std::string& instrument, const std::string& command) {
    try {
        call();
        BOOST_FAIL("no InstrumentError");
    } catch (const core::InstrumentError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(e.instrument() == instrument);
        BOOST_TEST(what.find(instrument) != std::string::npos);
        BOOST_TEST(what.find(command) != std::string::npos);
    }
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(scpi_faults, ScpiLabFixture)

BOOST_AUTO_TEST_CASE(drop_delay_garbage_on_the_grid) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"), {{"timeout", "300 ms"}});
    const core::GridSetpoint sp{units::Volts(230.0), units::Hertz(50.0)};
    for (auto kind : {simwire::FaultKind::DropConnection, simwire::FaultKind::DelayReplies, simwire::FaultKind::Garbage}) {
        BOOST_TEST_MESSAGE("fault " << simwire::toString(kind));
        context.faults->set("grid-scpi", {kind, 1000});
        expectInstrumentError([&] { grid->apply(sp); }, "grid (chroma-61800)", "INST:EDIT ALL");
        expectInstrumentError([&] { (void)grid->state(); }, "grid (chroma-61800)", "OUTP?");
        context.faults->clear("grid-scpi");
        grid->apply(sp); // reconnects: a late reply of the fault cannot be taken for this one's
        BOOST_TEST(grid->state().voltage.value == 230.0);
        grid->off();
    }
}

BOOST_AUTO_TEST_CASE(faults_on_the_analyzer_name_the_query) {
    auto analyzer = make<core::PowerAnalyzer>("zes-lmg600", "analyzer", tcp("analyzer-scpi"), {{"timeout", "300 ms"}});
    for (auto kind : {simwire::FaultKind::DropConnection, simwire::FaultKind::DelayReplies, simwire::FaultKind::Garbage}) {
        context.faults->set("analyzer-scpi", {kind, 1000});
        expectInstrumentError([&] { (void)analyzer->read(); }, "analyzer (zes-lmg600)", "INIM;UTRMS1?");
        context.faults->clear("analyzer-scpi");
        BOOST_TEST(analyzer->read().ac.voltage.value == 0.0); // grid off
    }
}

BOOST_AUTO_TEST_CASE(a_short_delay_is_only_slow) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"), {{"timeout", "2000 ms"}});
    context.faults->set("grid-scpi", {simwire::FaultKind::DelayReplies, 30});
    const auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST(!grid->state().outputOn);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(ms >= 90); // three queries, each held 30 ms
}

BOOST_AUTO_TEST_CASE(makesafe_is_bounded_and_silent_on_a_dead_link) {
    auto grid = make<core::GridEmulator>("chroma-61800", "grid", visa("grid-scpi"),
                                         {{"timeout", "200 ms"}, {"connect_timeout", "200 ms"}});
    context.faults->set("grid-scpi", {simwire::FaultKind::DelayReplies, 5000});
    auto t0 = std::chrono::steady_clock::now();
    grid->makeSafe(); // never throws
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(ms < 1500);
    context.faults->clear("grid-scpi");
    for (auto& s : services) s->stop(); // the instrument is gone: connection refused
    t0 = std::chrono::steady_clock::now();
    grid->makeSafe();
    ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    BOOST_TEST(ms < 1500);
    expectInstrumentError([&] { grid->off(); }, "grid (chroma-61800)", "connect 127.0.0.1");
}

BOOST_AUTO_TEST_SUITE_END()
