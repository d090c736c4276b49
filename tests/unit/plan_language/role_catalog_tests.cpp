#include "v2gbench/bench/role_catalog.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using bench::RoleCatalog;

BOOST_AUTO_TEST_SUITE(role_catalog)

BOOST_AUTO_TEST_CASE(roles_actions_and_parameters) {
    const RoleCatalog& c = RoleCatalog::builtin();
    BOOST_TEST(c.roles() == (std::vector<std::string>{"grid", "battery", "ev", "analyzer", "dut", "can", "fault_box", "daq", "evse"}),
               boost::test_tools::per_element());
    BOOST_TEST(c.isRole("ev"));
    BOOST_TEST(c.isRole("can"));
    BOOST_TEST(!c.isRole("charger"));
    const bench::ActionSpec* apply = c.action("grid.apply");
    BOOST_TEST_REQUIRE(apply != nullptr);
    BOOST_TEST(apply->qualifiedName() == "grid.apply");
    BOOST_TEST_REQUIRE(apply->parameters.size() == 2u);
    BOOST_TEST(apply->parameters[0].name == "voltage");
    BOOST_TEST(apply->parameters[0].required);
    BOOST_TEST((apply->parameters[0].type.dimension == core::Dimension::voltage()));
    BOOST_TEST(!apply->parameters[1].required);
    const bench::ActionSpec* demand = c.action("ev.demand");
    BOOST_TEST_REQUIRE(demand != nullptr);
    BOOST_TEST(demand->parameters[2].name == "mode");
    BOOST_TEST(demand->parameters[2].choices == (std::vector<std::string>{"constant-current", "constant-voltage"}),
               boost::test_tools::per_element());
    BOOST_TEST(c.action("grid.aply") == nullptr);
    BOOST_TEST(c.action("battery.emulate")->parameters.size() == 6u);
    BOOST_TEST(c.actions().size() == 27u); // + dut.declared_fault/clear_fault/stop, fault_box.line/r4/insulation, ev.contactors, evse.fault/clear_faults
    const bench::ActionSpec* stop = c.action("dut.stop");
    BOOST_TEST_REQUIRE(stop != nullptr);
    BOOST_TEST(stop->parameters.empty());
    const bench::ActionSpec* sag = c.action("grid.sag");
    BOOST_TEST_REQUIRE(sag != nullptr);
    BOOST_TEST(sag->parameters.size() == 2u);
    BOOST_TEST((sag->parameters[1].type.dimension == core::Dimension::time()));
    BOOST_TEST(sag->parameters[1].required);
    BOOST_TEST((c.action("grid.frequency_step")->parameters[0].type.dimension == core::Dimension::frequency()));
}

BOOST_AUTO_TEST_CASE(signals) {
    const RoleCatalog& c = RoleCatalog::builtin();
    BOOST_TEST(c.signals().size() == 46u); // + fault_box.r4, evse.protocol_state and daq.<channel> for the 12 daq channels
    const bench::SignalSpec* s = c.signal("analyzer.dc_current");
    BOOST_TEST_REQUIRE(s != nullptr);
    BOOST_TEST(s->role == "analyzer");
    BOOST_TEST((s->type.dimension == core::Dimension::current()));
    BOOST_TEST((c.signal("ev.phase")->type.kind == bench::ValueType::Kind::String));
    BOOST_TEST((c.signal("grid.on")->type.kind == bench::ValueType::Kind::Bool));
    BOOST_TEST((c.signal("bench.time")->type.dimension == core::Dimension::time()));
    BOOST_TEST(c.signal("analyzer.dc_curent") == nullptr);
}

BOOST_AUTO_TEST_CASE(suggestions) {
    const RoleCatalog& c = RoleCatalog::builtin();
    BOOST_TEST(c.suggestAction("grid.aply") == "grid.apply");
    BOOST_TEST(c.suggestAction("ev.conect") == "ev.connect");
    BOOST_TEST(c.suggestSignal("analyzer.dc_curent") == "analyzer.dc_current");
    BOOST_TEST(c.suggestSignal("something.else.entirely") == "");
    BOOST_TEST(bench::closestMatch("curent", {"current", "voltage"}) == "current");
    BOOST_TEST(bench::closestMatch("abcdef", {"uvwxyz"}) == "");  // more than 3 edits
    BOOST_TEST(bench::closestMatch("xyz", {"ev"}) == "");         // nothing of the word survives
}

BOOST_AUTO_TEST_SUITE_END()
