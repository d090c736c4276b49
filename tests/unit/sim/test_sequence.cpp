// The charger's hardware sequence in the plant (GB/T 18487.1-2015 Annex B, GB/T 34657.1-2017
// D0.1001..D0.6001): every step is watched through the plant's acquisition (DaqValues) at every
// plant step, so orders and times are exact to 1 ms.
#include "sequence_watch.hpp"

#include "v2gbench/protocols/gbt27930/j1939_id.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <vector>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

BOOST_AUTO_TEST_SUITE(sim_sequence)

BOOST_AUTO_TEST_CASE(conforming_start_in_the_order_of_annex_b) {
    SimRig rig;
    Watch w{rig, {}};
    plugIn(rig);
    const auto charging = w.until([](const DaqValues& v) { return v[Current] > 50.0; }, 5.0);
    BOOST_REQUIRE(charging);
    const auto lock = w.firstTime([](const DaqValues& v) { return v[Lock] > 0.5; });
    const auto aux = w.firstTime([](const DaqValues& v) { return v[K3K4] > 0.5; });
    const auto testVoltage = w.firstTime([](const DaqValues& v) { return v[Output] > 100.0; });
    BOOST_REQUIRE(lock && aux && testVoltage);
    BOOST_TEST(*lock <= *aux);          // lock engaged before K3/K4 and CHM
    BOOST_TEST(*lock < *testVoltage);   // ... and before any insulation voltage (D0.1001)
    BOOST_TEST(w.samples.front().second[Cc1] == 4.0, boost::test_tools::tolerance(1e-9)); // state 3
    BOOST_TEST(w.samples.front().second[Cc2] == 6.0, boost::test_tools::tolerance(1e-9));
    // Insulation test voltage: min(BHM max 750 V (nmc-750v default vehicle), rated 750 V).
    BOOST_TEST(w.peak(Output, 0.0, *charging) <= 751.0);
    BOOST_TEST(w.peak(Output, 0.0, *charging) >= 740.0);
    // The self-check's K1/K2 closure ends with the output below 60 V, then K1/K2 open.
    const auto selfCheckOpen =
        w.firstTime([](const DaqValues& v) { return v[K1K2] < 0.5; }, *testVoltage);
    BOOST_REQUIRE(selfCheckOpen);
    const auto atOpen = w.firstTime([](const DaqValues&) { return true; }, *selfCheckOpen);
    for (const auto& [t, v] : w.samples)
        if (t == *atOpen) BOOST_TEST(v[Output] < 60.0);
    // Discharge from the test voltage to < 60 V within 1 s (D0.2001).
    const auto dischargeStart = w.firstTime([](const DaqValues& v) { return v[Output] < 740.0; }, *testVoltage + 0.2);
    const auto below60 = w.firstTime([](const DaqValues& v) { return v[Output] < 60.0; }, *testVoltage + 0.2);
    BOOST_REQUIRE(dischargeStart && below60);
    BOOST_TEST(*below60 - *dischargeStart < 1.0);
    // K5/K6 close before K1/K2 close for charging; pre-charge 1..10 V below the inlet (D0.3001).
    const auto k5k6 = w.firstTime([](const DaqValues& v) { return v[K5K6] > 0.5; });
    const auto k1k2 = w.firstTime([](const DaqValues& v) { return v[K1K2] > 0.5; }, *selfCheckOpen);
    BOOST_REQUIRE(k5k6 && k1k2);
    BOOST_TEST(*k5k6 < *k1k2);
    double offset = 0.0;
    for (const auto& [t, v] : w.samples)
        if (t < *k1k2) offset = v[Across];
    BOOST_TEST(offset <= -1.0);
    BOOST_TEST(offset >= -10.0);
    // Inrush at the closure: 5 V over the 1 ohm loop, well under 20 A (D0.3101).
    BOOST_TEST(w.peak(Current, *k1k2, *k1k2 + 0.05) < 20.0);
    BOOST_TEST((rig.ev.status().phase == core::EvPhase::Charging));
}

BOOST_AUTO_TEST_CASE(normal_end_k1k2_at_5a_then_discharge_then_k3k4_after_csd) {
    SimRig rig;
    Watch w{rig, {}};
    plugIn(rig);
    BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 99.0; }, 5.0));
    std::optional<double> csdAt;
    rig.lab->withPlant([&](Plant& p) {
        p.bus().addListener([&](const transports::CanFrame& f, SimCanBus::NodeId, double t) {
            if (f.extended && protocols::gbt27930::J1939Id::fromCanId(f.id).pgn == 0x1D00 && !csdAt) csdAt = t;
        });
    });
    rig.ev.stop();
    const double stopAt = w.time();
    const auto open = w.until([](const DaqValues& v) { return v[K1K2] < 0.5; }, 3.0);
    BOOST_REQUIRE(open);
    // K1/K2 opened with the current at or below 5 A.
    double before = 1e9;
    for (const auto& [t, v] : w.samples)
        if (t < *open) before = v[Current];
    BOOST_TEST(before <= 5.0);
    BOOST_TEST(*open - stopAt < 1.0);
    const auto discharged = w.until([](const DaqValues& v) { return v[Output] < 60.0; }, 2.0);
    BOOST_REQUIRE(discharged);
    BOOST_TEST(*discharged - *open < 1.0);
    const auto auxOff = w.until([](const DaqValues& v) { return v[K3K4] < 0.5; }, 12.0);
    BOOST_REQUIRE(auxOff);
    BOOST_REQUIRE(csdAt);
    BOOST_TEST(*auxOff >= *csdAt);
    const auto unlocked = w.until([](const DaqValues& v) { return v[Lock] < 0.5; }, 1.0);
    BOOST_TEST(unlocked.has_value());
}

BOOST_AUTO_TEST_CASE(insulation_fault_refuses_warning_continues) {
    {
        SimRig rig;
        // 750 V test voltage: 50 kOhm = 67 ohm/V → fault, refuse.
        rig.lab->withPlant([](Plant& p) { p.faultBoxSetInsulation(core::InsulationFaultPlace::PositiveToPe, 50e3); });
        plugIn(rig);
        rig.wait(5.0);
        BOOST_TEST((rig.ev.status().phase != core::EvPhase::Charging));
        BOOST_TEST(chargerState(rig).find("insulation fault") != std::string::npos);
        const auto snap = rig.lab->withPlant([](Plant& p) { return p.snapshot(); });
        BOOST_TEST(snap.insulationVerdict == "fault");
        BOOST_TEST(!snap.k1k2Closed);
        BOOST_TEST(snap.converterVoltage < 60.0);
        BOOST_TEST(!snap.lockEngaged); // the lock releases after the refusal (D0.2501)
    }
    {
        SimRig rig;
        // 225 kOhm at 750 V = 300 ohm/V → warning, charging goes on.
        rig.lab->withPlant([](Plant& p) { p.faultBoxSetInsulation(core::InsulationFaultPlace::NegativeToPe, 225e3); });
        plugIn(rig);
        rig.waitUntil([&] { return rig.ev.status().phase == core::EvPhase::Charging; }, 5.0);
        BOOST_TEST(rig.lab->withPlant([](Plant& p) { return p.snapshot().insulationVerdict; }) == "warning");
    }
}

BOOST_AUTO_TEST_CASE(refusals_before_the_insulation_check) {
    {
        SimRig rig; // welded vehicle contactors: the battery is on the inlet before the check
        rig.lab->withPlant([](Plant& p) { p.evSetContactorsWelded(true); });
        plugIn(rig);
        rig.wait(5.0);
        BOOST_TEST((rig.ev.status().phase != core::EvPhase::Charging));
        BOOST_TEST(chargerState(rig).find("battery-side voltage") != std::string::npos);
    }
    {
        SimRig rig("ignores-residual-voltage"); // goes on: K1/K2 close onto the battery
        Watch w{rig, {}};
        rig.lab->withPlant([](Plant& p) { p.evSetContactorsWelded(true); });
        plugIn(rig);
        BOOST_TEST(w.until([](const DaqValues& v) { return v[K1K2] > 0.5 && v[Inlet] >= 10.0; }, 5.0).has_value());
        BOOST_TEST(chargerState(rig).find("battery-side voltage") == std::string::npos);
    }
    {
        SimRig rig; // BHM max 150 V below the charger's 200 V minimum
        auto config = rig.lab->withPlant([](Plant& p) { return p.evConfig(); });
        config.maxChargeVoltage = 150.0;
        rig.lab->withPlant([&](Plant& p) { p.evConfigure(config); });
        plugIn(rig);
        rig.wait(5.0);
        BOOST_TEST(chargerState(rig).find("below the charger's minimum") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(battery_voltage_mismatch_holds_cro_00) {
    SimRig rig;
    plugIn(rig);
    // The BCP reports the battery as plugged (400 V); the supply then moves to 440 V (+10 %).
    rig.battery.emulate(rig.batteryModel(440.0));
    rig.wait(5.0);
    BOOST_TEST((rig.ev.status().phase != core::EvPhase::Charging));
    const auto snap = rig.lab->withPlant([](Plant& p) { return p.snapshot(); });
    BOOST_TEST(snap.k5k6Closed);
    BOOST_TEST(!snap.k1k2Closed);
}

BOOST_AUTO_TEST_CASE(pe_loss_and_declared_fault_cut_within_100ms) {
    for (int which = 0; which < 2; ++which) {
        SimRig rig;
        Watch w{rig, {}};
        plugIn(rig);
        BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 99.0; }, 5.0));
        std::optional<double> cstAt;
        rig.lab->withPlant([&](Plant& p) {
            p.bus().addListener([&](const transports::CanFrame& f, SimCanBus::NodeId, double t) {
                if (f.extended && protocols::gbt27930::J1939Id::fromCanId(f.id).pgn == 0x1A00 && !cstAt) cstAt = t;
            });
            if (which == 0) p.faultBoxSetLine(core::CouplerLine::Pe, core::LineState::Open);
            else p.setDeclaredFault(core::DeclaredFault::EmergencyStop);
        });
        const double t0 = w.time();
        const auto open = w.until([](const DaqValues& v) { return v[K1K2] < 0.5; }, 1.0);
        BOOST_REQUIRE(open);
        BOOST_TEST(*open - t0 <= 0.1);
        BOOST_REQUIRE(cstAt);
        BOOST_TEST(*cstAt - t0 <= 0.1);
    }
}

BOOST_AUTO_TEST_CASE(mains_loss_opens_and_discharges_within_1s_and_never_resumes) {
    SimRig rig;
    Watch w{rig, {}};
    plugIn(rig);
    BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 99.0; }, 5.0));
    rig.grid.off();
    const double t0 = w.time();
    const auto safe = w.until([](const DaqValues& v) { return v[K1K2] < 0.5 && v[Output] < 60.0; }, 2.0);
    BOOST_REQUIRE(safe);
    BOOST_TEST(*safe - t0 < 1.0);
    rig.grid.apply({Volts(230.0), Hertz(50.0)});
    BOOST_TEST(!w.until([](const DaqValues& v) { return v[K1K2] > 0.5; }, 5.0).has_value());
}

BOOST_AUTO_TEST_CASE(comm_timeout_opens_k1k2_and_rehandshakes) {
    SimRig rig;
    Watch w{rig, {}};
    plugIn(rig);
    BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 99.0; }, 5.0));
    rig.lab->withPlant([](Plant& p) { p.faultBoxSetLine(core::CouplerLine::CanH, core::LineState::Open); });
    const double t0 = w.time();
    const auto open = w.until([](const DaqValues& v) { return v[K1K2] < 0.5; }, 12.0);
    BOOST_REQUIRE(open);
    BOOST_TEST(*open - t0 < 10.0);
    rig.lab->withPlant([](Plant& p) { p.faultBoxSetLine(core::CouplerLine::CanH, core::LineState::Closed); });
    // The charger retries: a new handshake, pre-charge and charging again.
    BOOST_TEST(w.until([](const DaqValues& v) { return v[Current] > 50.0; }, 30.0).has_value());
}

BOOST_AUTO_TEST_CASE(cc1_open_on_the_fault_box_reads_12v_and_stops) {
    SimRig rig;
    Watch w{rig, {}};
    plugIn(rig);
    BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 99.0; }, 5.0));
    rig.lab->withPlant([](Plant& p) { p.faultBoxSetLine(core::CouplerLine::Cc1, core::LineState::Open); });
    const double t0 = w.time();
    const auto open = w.until([](const DaqValues& v) { return v[K1K2] < 0.5; }, 1.0);
    BOOST_REQUIRE(open);
    BOOST_TEST(*open - t0 < 0.1);
    BOOST_TEST(w.samples.back().second[Cc1] == 12.0);
}

BOOST_AUTO_TEST_SUITE_END()
