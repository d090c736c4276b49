// The EV emulator's protocol and connection-circuit commands (sim/wire/scpi/README.md): pause and
// resume, EV:FAULt:ADD carrying every core::EvFault member, refused faults as errors the driver
// turns into CapabilityError, switch S, CC1, and the extended EV:STATus?. Virtual time.
#include "scpi_fixture.hpp"

#include "v2gbench/core/capabilities.hpp"
#include "v2gbench/core/roles/ev_emulator.hpp"
#include "v2gbench/drivers/scpi/scpi_ev_emulator.hpp"
#include "v2gbench/transports/scpi_codec.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace v2gbench;
namespace codec = transports::scpi;

namespace {

struct EvFixture : test::ScpiLabFixture {
    std::unique_ptr<core::EvEmulator> ev = make<core::EvEmulator>("v2gbench-ev-scpi", "ev", tcp("ev-scpi"));
    transports::ScpiSession& raw() { return dynamic_cast<drivers::scpi::ScpiEvEmulator&>(*ev).session(); }
    // Sends a command without the driver's error check; returns SYST:ERR?'s first entry.
    std::string errorAfter(const std::string& command) {
        raw().send(command);
        return raw().query("SYST:ERR?");
    }
    void plugIn() {
        context.lab->withPlant([](sim::Plant& p) {
            p.gridApply(units::Volts(230.0), units::Hertz(50.0));
            p.batteryEmulate(core::BatteryEmulation{});
        });
        ev->demand({units::Volts(450.0), units::Amperes(20.0), core::DemandMode::ConstantCurrent, {}});
        ev->connect();
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

BOOST_FIXTURE_TEST_SUITE(scpi_ev_commands, EvFixture)

BOOST_AUTO_TEST_CASE(the_driver_advertises_the_optional_features) {
    const auto caps = ev->capabilities();
    for (const char* c : {core::capability::evPause, core::capability::protocolFaults, core::capability::connectionCircuit})
        BOOST_TEST(caps.has(c), c);
}

BOOST_AUTO_TEST_CASE(pause_and_resume_show_in_the_status) {
    plugIn();
    for (int i = 0; i < 100 && ev->status().phase != core::EvPhase::Charging; ++i) advance(0.1);
    BOOST_REQUIRE(core::toString(ev->status().phase) == "charging");
    BOOST_TEST(!ev->status().paused);
    ev->pause();
    advance(0.5);
    BOOST_TEST(ev->status().paused);
    ev->resume();
    advance(0.5);
    const auto s = ev->status();
    BOOST_TEST(!s.paused);
    BOOST_TEST(s.protocolState == "charging");
    BOOST_TEST(s.switchSClosed);
    BOOST_TEST(s.cc1Voltage.value == 4.0, boost::test_tools::tolerance(0.05));
    BOOST_TEST(s.timeouts == 0u);
}

BOOST_AUTO_TEST_CASE(status_keeps_the_original_six_fields_first) {
    const auto reply = raw().query("EV:STAT?");
    const auto fields = codec::splitList(reply, ',');
    BOOST_REQUIRE(fields.size() == 13u);
    BOOST_TEST(fields[0] == "disconnected");
    BOOST_TEST(fields[5] == "\"unplugged\"");
    BOOST_TEST(fields[6] == "0");  // CC1: unplugged
    BOOST_TEST(fields[7] == "1");  // S closed
    BOOST_TEST(fields[8] == "0");  // not paused
    BOOST_TEST(fields[9] == "0");  // no timeouts
    BOOST_TEST(fields[10] == "\"unplugged\"");
    BOOST_TEST(fields[11] == "0"); // K5/K6 open
    BOOST_TEST(fields[12] == "0"); // not welded
}

// The vehicle's K5/K6 held closed (GB/T 34657.1 D0.2001 abnormal): set, read back, in the status,
// the battery on the inlet at plug-in, normal again when made safe.
BOOST_AUTO_TEST_CASE(welded_contactors_are_read_back_and_put_the_battery_on_the_inlet) {
    BOOST_TEST(ev->capabilities().has(core::capability::vehicleContactors));
    BOOST_TEST(raw().query("EV:CONT?") == "NORM");
    ev->setContactorsWelded(true);
    BOOST_TEST(raw().query("EV:CONT?") == "WELD");
    plugIn();
    advance(0.2);
    auto s = ev->status();
    BOOST_TEST(s.contactorsWelded);
    BOOST_TEST(s.contactorsClosed);
    ev->makeSafe();
    BOOST_TEST(raw().query("EV:CONT?") == "NORM");
    BOOST_TEST(!ev->status().contactorsWelded);
}

BOOST_AUTO_TEST_CASE(every_fault_member_travels_and_is_listed) {
    BOOST_TEST(raw().query("EV:FAUL:LIST?") == "\"\"");
    core::EvFault corrupt;
    corrupt.kind = core::EvFaultKind::Corrupt;
    corrupt.message = "BCL";
    corrupt.field = "current demand"; // a field name with a space: quoted on the wire
    corrupt.value = 4000;
    ev->injectFault(corrupt);
    BOOST_TEST(log.sent("EV:FAUL:ADD corrupt,\"BCL\",field=\"current demand\",value=4000"));
    core::EvFault period{core::EvFaultKind::Period, "BCL", units::Seconds(0.5)};
    ev->injectFault(period);
    core::EvFault delay;
    delay.kind = core::EvFaultKind::Delay;
    delay.message = "BCS";
    delay.delay = units::Seconds(0.2);
    ev->injectFault(delay);
    core::EvFault dlc;
    dlc.kind = core::EvFaultKind::WrongDlc;
    dlc.message = "BCL";
    dlc.dlc = 3;
    ev->injectFault(dlc);
    core::EvFault tp;
    tp.kind = core::EvFaultKind::BreakTransport;
    tp.message = "BRM";
    tp.mode = "missing-packet";
    ev->injectFault(tp);
    core::EvFault bem;
    bem.kind = core::EvFaultKind::SendBem;
    bem.field = "CRO timeout";
    ev->injectFault(bem);
    core::EvFault stop;
    stop.kind = core::EvFaultKind::StopAnswering;
    stop.phase = "charging";
    ev->injectFault(stop);
    // Typed by hand, lower and upper case, message bare.
    raw().write("EV:FAULT:ADD SILENCE,bsm");

    const auto list = codec::splitList(raw().query("EV:FAUL:LIST?"), ',');
    std::vector<std::string> faults;
    for (const auto& f : list) faults.push_back(codec::unquote(f).value_or("not quoted: " + f));
    const std::vector<std::string> expected{"corrupt,BCL,field=\"current demand\",value=4000",
                                            "period,BCL,period=0.5",
                                            "delay,BCS,delay=0.2",
                                            "dlc,BCL,dlc=3",
                                            "tp_break,BRM,mode=missing-packet",
                                            "bem,field=\"CRO timeout\"",
                                            "stop_answering,phase=charging",
                                            "silence,BSM"};
    BOOST_TEST(faults == expected, boost::test_tools::per_element());

    // Same kind and message: replaced, not added.
    raw().write("EV:FAUL:ADD period,BCL,period=2");
    const auto again = raw().query("EV:FAUL:LIST?");
    BOOST_TEST(contains(again, "period=2"));
    BOOST_TEST(!contains(again, "period=0.5"));
    ev->clearFaults();
    BOOST_TEST(raw().query("EV:FAUL:LIST?") == "\"\"");
}

BOOST_AUTO_TEST_CASE(a_refused_fault_is_a_capability_error_with_the_reason) {
    core::EvFault bad{core::EvFaultKind::Silence, "BXL"};
    try {
        ev->injectFault(bad);
        BOOST_FAIL("an unknown message was accepted");
    } catch (const core::CapabilityError& e) {
        const std::string what = e.what();
        BOOST_TEST(contains(what, "ev (v2gbench-ev-scpi)"), what);
        BOOST_TEST(contains(what, "BXL"), what);
        BOOST_TEST(contains(what, "did you mean BCL"), what);
    }
    // Nothing armed, the queue drained, the conversation goes on.
    BOOST_TEST(raw().query("EV:FAUL:LIST?") == "\"\"");
    BOOST_TEST(raw().query("SYST:ERR?") == "0,\"No error\"");
    BOOST_TEST(core::toString(ev->status().phase) == "disconnected");

    // A message the charger sends, not the EV.
    BOOST_CHECK_THROW(ev->injectFault({core::EvFaultKind::Silence, "CCS"}), core::CapabilityError);
    // Checked before anything is sent.
    core::EvFault negative{core::EvFaultKind::Period, "BCL", units::Seconds(-1.0)};
    BOOST_CHECK_THROW(ev->injectFault(negative), core::CapabilityError);
}

BOOST_AUTO_TEST_CASE(malformed_fault_parameters_are_scpi_errors) {
    BOOST_TEST(contains(errorAfter("EV:FAUL:ADD"), "-109"));
    const auto kind = errorAfter("EV:FAUL:ADD nonsense,BCL");
    BOOST_TEST(contains(kind, "-224"), kind);
    BOOST_TEST(contains(kind, "unknown fault kind"), kind);
    BOOST_TEST(contains(errorAfter("EV:FAUL:ADD period,BCL,period=soon"), "-104"));
    const auto key = errorAfter("EV:FAUL:ADD period,BCL,every=0.5");
    BOOST_TEST(contains(key, "unknown fault parameter 'every'"), key);
    BOOST_TEST(contains(errorAfter("EV:FAUL:ADD dlc,BCL,dlc=2.5"), "-224"));
    // A period fault without its period: the emulator says what is missing.
    const auto missing = errorAfter("EV:FAUL:ADD period,BCL");
    BOOST_TEST(contains(missing, "-224"), missing);
    BOOST_TEST(raw().query("EV:FAUL:LIST?") == "\"\"");
}

BOOST_AUTO_TEST_CASE(switch_s_and_cc1) {
    plugIn();
    advance(0.2);
    BOOST_TEST(raw().query("EV:SWIT:S?") == "CLOS");
    ev->setSwitchS(false);
    BOOST_TEST(raw().query("EV:SWIT:S?") == "OPEN");
    BOOST_TEST(!ev->status().switchSClosed);
    ev->setSwitchS(true);
    BOOST_TEST(ev->status().switchSClosed);

    BOOST_TEST(raw().query("EV:CC1?") == "NORM");
    ev->setCc1({false, units::Volts(6.0)});
    BOOST_TEST(ev->status().cc1Voltage.value == 6.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(raw().queryNumber("EV:CC1:VOLT?") == 6.0, boost::test_tools::tolerance(1e-9));
    ev->setCc1({true, std::nullopt});
    BOOST_TEST(raw().query("EV:CC1?") == "BROK");
    ev->setCc1({});
    BOOST_TEST(raw().query("EV:CC1?") == "NORM");
    BOOST_TEST(ev->status().cc1Voltage.value == 4.0, boost::test_tools::tolerance(0.05));
    BOOST_CHECK_THROW(ev->setCc1({false, units::Volts(13.0)}), core::CapabilityError);

    // Unplugging restores the circuit and clears the faults.
    ev->injectFault({core::EvFaultKind::Silence, "BCL"});
    ev->setSwitchS(false);
    ev->disconnect();
    BOOST_TEST(raw().query("EV:FAUL:LIST?") == "\"\"");
    BOOST_TEST(raw().query("EV:SWIT:S?") == "CLOS");
}

BOOST_AUTO_TEST_CASE(silencing_bcl_makes_the_charger_time_out) {
    plugIn();
    for (int i = 0; i < 100 && ev->status().phase != core::EvPhase::Charging; ++i) advance(0.1);
    BOOST_REQUIRE(core::toString(ev->status().phase) == "charging");
    ev->injectFault({core::EvFaultKind::Silence, "BCL"});
    // The charger's BCL timeout is 1 s; its CEM reaches the EV, which counts the timeout.
    double waited = 0.0;
    core::EvStatus s = ev->status();
    while (s.timeouts == 0 && waited < 3.0) {
        advance(0.05);
        waited += 0.05;
        s = ev->status();
    }
    BOOST_TEST(s.timeouts == 1u);
    BOOST_TEST(contains(s.detail, "BCL timeout"), s.detail);
    BOOST_TEST(waited > 0.9);
    BOOST_TEST(waited < 1.5);
}

BOOST_AUTO_TEST_SUITE_END()
