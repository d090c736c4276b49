// The plan vocabulary (RoleCatalog) and its implementation (role_io) are two tables: every
// signal and action the validator accepts must be readable and performable on a real session.
#include "run_helpers.hpp"
#include "v2gbench/bench/bench_session.hpp"
#include "v2gbench/bench/role_catalog.hpp"
#include "v2gbench/bench/role_io.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;

BOOST_AUTO_TEST_SUITE(engine_role_io)

BOOST_AUTO_TEST_CASE(every_catalog_signal_and_action_is_implemented) {
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    auto benchProfile = bench::loadBenchProfile(test::sourcePath("benches/sim.yaml"));
    auto dut = bench::loadDutProfile(test::sourcePath("testplans/duts/sim-v2g-charger.yaml"));
    bench::BenchSession session(registry, benchProfile, dut, {}, nullptr);

    const auto& catalog = bench::RoleCatalog::builtin();
    for (const auto& s : catalog.signals()) {
        if (s.role != "bench" && !session.has(s.role)) continue; // the sim bench has no CAN channel
        BOOST_TEST_CONTEXT("signal " << s.name) {
            auto v = bench::readSignal(session, s.name);
            using K = bench::ValueType::Kind;
            if (s.type.kind == K::Quantity) {
                BOOST_TEST(v.isQuantity());
                BOOST_TEST((v.quantity().dimension == s.type.dimension));
            }
            if (s.type.kind == K::Bool) BOOST_TEST(v.isBool());
            if (s.type.kind == K::String) BOOST_TEST(v.isString());
        }
    }
    // Every action, with its required arguments at plausible values.
    for (const auto& a : catalog.actions()) {
        BOOST_TEST_CONTEXT("action " << a.qualifiedName()) {
            bench::ActionStep step;
            step.role = a.role;
            step.action = a.name;
            std::map<std::string, bench::Value> args;
            for (const auto& p : a.parameters) {
                if (!p.required) continue;
                if (p.type.kind == bench::ValueType::Kind::Bool) args[p.name] = bench::Value(true);
                else if (p.type.kind == bench::ValueType::Kind::String) args[p.name] = bench::Value(p.choices.front());
                else if (p.type.dimension == core::Dimension::voltage()) args[p.name] = bench::Value(core::Quantity::of(a.role == "grid" ? 230 : 400, p.type.dimension));
                else if (p.type.dimension == core::Dimension::current()) args[p.name] = bench::Value(core::Quantity::of(10, p.type.dimension));
                else if (p.type.dimension == core::Dimension::power()) args[p.name] = bench::Value(core::Quantity::of(-1000, p.type.dimension));
                else if (p.type.dimension == core::Dimension::frequency())
                    args[p.name] = bench::Value(core::Quantity::of(49.5, p.type.dimension));
                else if (p.type.dimension == core::Dimension::resistance())
                    args[p.name] = bench::Value(core::Quantity::of(1000, p.type.dimension)); // R4 nominal
                else args[p.name] = bench::Value(core::Quantity::of(1, p.type.dimension));
            }
            if (a.qualifiedName() == "ev.fault") args["message"] = bench::Value(std::string("BCL")); // silence needs one
            if (a.qualifiedName() == "evse.fault") args["message"] = bench::Value(std::string("CCS"));
            BOOST_CHECK_NO_THROW(bench::performAction(session, dut, step, args));
            // grid.sag and grid.frequency_step return at once and refuse while a list runs: let it end.
            session.clock().waitFor(units::Seconds(2.0), [] { return false; });
        }
    }
    // The fault box and the daq are one circuit: what the box does, the daq reads.
    auto act = [&](const std::string& role, const std::string& action, std::map<std::string, bench::Value> args) {
        bench::ActionStep step;
        step.role = role;
        step.action = action;
        bench::performAction(session, dut, step, args);
    };
    auto volts = [&](const std::string& signal) { return bench::readSignal(session, signal).quantity().value; };
    act("ev", "connect", {});
    session.clock().waitFor(units::Seconds(0.5), [] { return false; });
    BOOST_TEST(volts("daq.cc1_voltage") == 4.0, boost::test_tools::tolerance(0.01));
    BOOST_TEST(volts("daq.cc2_voltage") == 6.0, boost::test_tools::tolerance(0.01));
    act("fault_box", "line", {{"line", bench::Value(std::string("cc1"))}, {"state", bench::Value(std::string("open"))}});
    session.clock().waitFor(units::Seconds(0.01), [] { return false; });
    BOOST_TEST(volts("daq.cc1_voltage") == 12.0, boost::test_tools::tolerance(0.01));
    act("fault_box", "line", {{"line", bench::Value(std::string("cc1"))}, {"state", bench::Value(std::string("closed"))}});
    act("fault_box", "r4", {{"resistance", bench::Value(core::Quantity::of(2000, core::Dimension::resistance()))}});
    BOOST_TEST(volts("fault_box.r4") == 2000.0);
    session.clock().waitFor(units::Seconds(0.01), [] { return false; });
    BOOST_TEST(volts("daq.cc1_voltage") == 4.8, boost::test_tools::tolerance(0.01)); // 12·(R2||R4)/(R1+R2||R4)
    BOOST_CHECK_THROW(act("fault_box", "line", {{"line", bench::Value(std::string("cc2"))},
                                                 {"state", bench::Value(std::string("shorted"))}}),
                      core::CapabilityError);
    BOOST_CHECK_THROW(act("fault_box", "insulation", {{"place", bench::Value(std::string("both"))}}), std::invalid_argument);
    BOOST_CHECK_THROW(act("dut", "declared_fault", {{"fault", bench::Value(std::string("meltdown"))}}), std::invalid_argument);

    bench::ActionStep bogus;
    bogus.role = "grid";
    bogus.action = "explode";
    BOOST_CHECK_THROW(bench::performAction(session, dut, bogus, {}), std::invalid_argument);
    BOOST_CHECK_THROW(bench::readSignal(session, "grid.colour"), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
