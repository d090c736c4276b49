// Each defect of the charger's sequence changes its one behaviour by the figure its catalogue row
// states, and the conforming charger measured the same way stays within the standard's limit.
#include "sequence_watch.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using namespace v2gbench::sim;
using namespace v2gbench::sim::test;

namespace {

bool charges(const std::string& defect, const std::function<void(SimRig&)>& before,
             const std::function<void(SimRig&)>& afterPlug = {}) {
    SimRig rig(defect);
    before(rig);
    plugIn(rig);
    if (afterPlug) afterPlug(rig);
    Watch w{rig, {}};
    return w.until([](const DaqValues& v) { return v[Current] > 50.0; }, 6.0).has_value();
}

void vehicleMax(SimRig& rig, double volts) {
    auto c = rig.lab->withPlant([](Plant& p) { return p.evConfig(); });
    c.maxChargeVoltage = volts;
    rig.lab->withPlant([&](Plant& p) { p.evConfigure(c); });
}

// From plug-in to charging at 100 A, then the measure.
template <class F> auto charging(const std::string& defect, double amps, F&& measure) {
    SimRig rig(defect);
    Watch w{rig, {}};
    plugIn(rig, 400.0, amps);
    BOOST_REQUIRE(w.until([amps](const DaqValues& v) { return v[Current] > amps - 1.0; }, 8.0));
    BusTap tap(rig);
    return measure(rig, w, tap);
}

} // namespace

BOOST_AUTO_TEST_SUITE(sim_sequence_defects)

BOOST_AUTO_TEST_CASE(no_insulation_check_charges_through_an_insulation_fault) {
    const auto fault = [](SimRig& r) {
        r.lab->withPlant([](Plant& p) { p.faultBoxSetInsulation(core::InsulationFaultPlace::Both, 100e3); });
    };
    BOOST_TEST(!charges("", fault)); // 50 kOhm / 750 V = 67 ohm/V: refused
    BOOST_TEST(charges("no-insulation-check", fault));
}

BOOST_AUTO_TEST_CASE(insulation_voltage_rated_not_bhm) {
    auto peak = [](const std::string& defect) {
        SimRig rig(defect);
        vehicleMax(rig, 420.0);
        Watch w{rig, {}};
        plugIn(rig, 350.0);
        BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 50.0; }, 6.0));
        return w.peak(Output, 0.0, w.time());
    };
    BOOST_TEST(peak("") == 420.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(peak("insulation-voltage-rated-not-bhm") == 750.0, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(slow_bleeder) {
    auto discharge = [](const std::string& defect) {
        SimRig rig(defect);
        Watch w{rig, {}};
        plugIn(rig);
        BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Output] > 740.0; }, 3.0));
        const auto falling = w.until([](const DaqValues& v) { return v[Output] < 740.0; }, 3.0);
        const auto below60 = w.until([](const DaqValues& v) { return v[Output] < 60.0; }, 10.0);
        BOOST_REQUIRE(falling && below60);
        return *below60 - *falling;
    };
    BOOST_TEST(discharge("") < 1.0);
    BOOST_TEST(discharge("slow-bleeder") > 4.0);
}

BOOST_AUTO_TEST_CASE(precharge_outside_window_and_inrush_30a) {
    auto closure = [](const std::string& defect) {
        SimRig rig(defect);
        Watch w{rig, {}};
        plugIn(rig);
        BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[K5K6] > 0.5; }, 5.0));
        const auto k1k2 = w.until([](const DaqValues& v) { return v[K1K2] > 0.5; }, 5.0);
        BOOST_REQUIRE(k1k2);
        w.until([](const DaqValues&) { return false; }, 0.05);
        return std::make_pair(w.before(*k1k2)[Across], w.peak(Current, *k1k2, *k1k2 + 0.05));
    };
    const auto ok = closure("");
    BOOST_TEST(ok.first == -5.0, boost::test_tools::tolerance(0.15));
    BOOST_TEST(ok.second < 20.0);
    const auto wide = closure("precharge-outside-window");
    BOOST_TEST(wide.first == -15.0, boost::test_tools::tolerance(0.05));
    BOOST_TEST(closure("inrush-30A").second >= 29.0);
}

BOOST_AUTO_TEST_CASE(k3k4_before_csd) {
    auto auxOffMinusCsd = [](const std::string& defect) {
        return charging(defect, 100.0, [](SimRig& rig, Watch& w, BusTap& tap) {
            rig.ev.stop();
            const auto off = w.until([](const DaqValues& v) { return v[K3K4] < 0.5; }, 12.0);
            BOOST_REQUIRE(off);
            w.until([](const DaqValues&) { return false; }, 1.0);
            const auto csd = tap.first(kPgnCsd);
            BOOST_REQUIRE(csd);
            return *off - *csd;
        });
    };
    BOOST_TEST(auxOffMinusCsd("") >= 0.0);
    BOOST_TEST(auxOffMinusCsd("k3k4-before-csd") < 0.0);
}

BOOST_AUTO_TEST_CASE(no_stop_on_pe_loss) {
    auto cut = [](const std::string& defect) {
        return charging(defect, 100.0, [](SimRig& rig, Watch& w, BusTap&) {
            rig.lab->withPlant([](Plant& p) { p.faultBoxSetLine(core::CouplerLine::Pe, core::LineState::Open); });
            return w.until([](const DaqValues& v) { return v[K1K2] < 0.5; }, 0.1).has_value();
        });
    };
    BOOST_TEST(cut(""));
    BOOST_TEST(!cut("no-stop-on-pe-loss"));
}

BOOST_AUTO_TEST_CASE(mains_loss_defects) {
    // Returns {safe within 1 s (K1/K2 open or output < 60 V), CHM frames after the mains returned}.
    auto mains = [](const std::string& defect) {
        return charging(defect, 100.0, [](SimRig& rig, Watch& w, BusTap& tap) {
            rig.grid.off();
            const bool safe =
                w.until([](const DaqValues& v) { return v[K1K2] < 0.5 || v[Output] < 60.0; }, 1.0).has_value();
            w.until([](const DaqValues&) { return false; }, 12.0);
            const double back = w.time();
            rig.grid.apply({Volts(230.0), Hertz(50.0)});
            w.until([](const DaqValues&) { return false; }, 3.0);
            return std::make_pair(safe, tap.first(kPgnChm, back).has_value());
        });
    };
    const auto ok = mains("");
    BOOST_TEST(ok.first);
    BOOST_TEST(!ok.second);
    BOOST_TEST(mains("resumes-after-mains-return").second);
    BOOST_TEST(!mains("slow-mains-loss-discharge").first);
}

BOOST_AUTO_TEST_CASE(lock_defects) {
    auto releasedUnderLoad = [](const std::string& defect) {
        return charging(defect, 100.0, [](SimRig& rig, Watch& w, BusTap&) {
            rig.ev.stop();
            return w.until([](const DaqValues& v) { return v[Lock] < 0.5 && std::abs(v[Current]) > 5.0; }, 3.0)
                .has_value();
        });
    };
    BOOST_TEST(!releasedUnderLoad(""));
    BOOST_TEST(releasedUnderLoad("lock-released-under-load"));
    auto lockedBeforeVoltage = [](const std::string& defect) {
        SimRig rig(defect);
        Watch w{rig, {}};
        plugIn(rig);
        BOOST_REQUIRE(w.until([](const DaqValues& v) { return v[Current] > 50.0; }, 6.0));
        const auto lock = w.firstTime([](const DaqValues& v) { return v[Lock] > 0.5; });
        const auto voltage = w.firstTime([](const DaqValues& v) { return v[Output] > 60.0; });
        BOOST_REQUIRE(lock && voltage);
        return *lock < *voltage;
    };
    BOOST_TEST(lockedBeforeVoltage(""));
    BOOST_TEST(!lockedBeforeVoltage("lock-after-insulation-voltage"));
}

BOOST_AUTO_TEST_CASE(delayed_stop_300ms) {
    // From the BST to 5 A, starting at 30 A (the standard's t0 for a vehicle-initiated stop).
    auto rate = [](const std::string& defect) {
        return charging(defect, 30.0, [](SimRig& rig, Watch& w, BusTap& tap) {
            rig.ev.stop();
            const auto at5 = w.until([](const DaqValues& v) { return v[Current] <= 5.0; }, 3.0);
            const auto bst = tap.first(kPgnBst);
            BOOST_REQUIRE(at5 && bst);
            return 25.0 / (*at5 - *bst);
        });
    };
    BOOST_TEST(rate("") >= 100.0);
    BOOST_TEST(rate("delayed-stop-300ms") < 100.0);
}

BOOST_AUTO_TEST_CASE(late_demand_reaction) {
    auto reaction = [](const std::string& defect) {
        return charging(defect, 20.0, [](SimRig& rig, Watch& w, BusTap&) {
            const double t0 = w.time();
            rig.ev.demand(cc(40.0));
            const auto reached = w.until([](const DaqValues& v) { return v[Current] > 39.7; }, 5.0);
            BOOST_REQUIRE(reached);
            return *reached - t0;
        });
    };
    BOOST_TEST(reaction("") < 1.0);
    BOOST_TEST(reaction("late-demand-reaction") > 1.1);
}

BOOST_AUTO_TEST_CASE(refusal_defects) {
    BOOST_TEST(!charges("", [](SimRig& r) { vehicleMax(r, 150.0); }));
    {
        SimRig rig("accepts-bhm-below-minimum");
        vehicleMax(rig, 150.0);
        plugIn(rig, 140.0);
        rig.wait(3.0);
        BOOST_TEST(chargerState(rig).find("below the charger's minimum") == std::string::npos);
        BOOST_TEST(rig.lab->withPlant([](Plant& p) { return p.snapshot().insulationVerdict; }) == "ok");
    }
    const auto mismatch = [](SimRig& r) { r.battery.emulate(r.batteryModel(440.0)); };
    BOOST_TEST(!charges("", [](SimRig&) {}, mismatch));
    BOOST_TEST(charges("ignores-battery-voltage-mismatch", [](SimRig&) {}, mismatch));
}

BOOST_AUTO_TEST_CASE(slow_comm_timeout_stop) {
    auto open = [](const std::string& defect) {
        return charging(defect, 100.0, [](SimRig& rig, Watch& w, BusTap&) {
            rig.lab->withPlant([](Plant& p) { p.faultBoxSetLine(core::CouplerLine::CanL, core::LineState::Open); });
            const double t0 = w.time();
            const auto opened = w.until([](const DaqValues& v) { return v[K1K2] < 0.5; }, 20.0);
            BOOST_REQUIRE(opened);
            return *opened - t0;
        });
    };
    BOOST_TEST(open("") < 10.0);
    BOOST_TEST(open("slow-comm-timeout-stop") > 10.0);
}

BOOST_AUTO_TEST_CASE(slow_declared_fault_stop) {
    auto cst = [](const std::string& defect) {
        return charging(defect, 100.0, [](SimRig& rig, Watch& w, BusTap& tap) {
            const double t0 = w.time();
            rig.dut.triggerDeclaredFault(core::DeclaredFault::EmergencyStop);
            w.until([](const DaqValues&) { return false; }, 0.5);
            const auto at = tap.first(kPgnCst, t0);
            BOOST_REQUIRE(at);
            return *at - t0;
        });
    };
    BOOST_TEST(cst("") <= 0.1);
    BOOST_TEST(cst("slow-declared-fault-stop") >= 0.3);
}

BOOST_AUTO_TEST_SUITE_END()
