// Manual control of the simulated lab through the bench panel: the worker thread drives the
// instruments, the panel's read-backs follow, and every action lands in the audit journal.
#include "gui_fixture.hpp"
#include "v2gbench/gui/role_panels.hpp"

#include <boost/test/unit_test.hpp>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QTreeWidget>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace v2gbench;
using v2gbench::test::waitUntil;

BOOST_AUTO_TEST_SUITE(bench_panel)

BOOST_FIXTURE_TEST_CASE(battery_setpoint_readback_follows, test::GuiFixture) {
    BOOST_REQUIRE_MESSAGE(openBench("sim.yaml"), "sim bench did not open: " << window->lastError().toStdString());
    // The instrument list shows every bound role with its identity.
    auto* instruments = find<QTreeWidget>("bench.instruments");
    BOOST_REQUIRE(instruments);
    BOOST_TEST(instruments->topLevelItemCount() == static_cast<int>(window->bench()->session().instruments.size()));
    BOOST_TEST(instruments->topLevelItemCount() >= 5);
    BOOST_TEST(instruments->topLevelItem(0)->text(3).contains("SIM-"));

    auto* voltage = find<QDoubleSpinBox>("battery.voltage");
    BOOST_REQUIRE(voltage);
    voltage->setValue(420.0);
    click("battery.emulate");
    const bool followed = waitUntil(
        [&] {
            const auto& s = window->bench()->lastSnapshot();
            return s.hasBattery && s.battery.outputOn && std::abs(s.battery.voltage.value - 420.0) < 1.0;
        },
        10000);
    BOOST_TEST(followed, "battery read-back did not follow the 420 V setpoint");
    auto* readV = find<QLabel>("battery.read.voltage");
    BOOST_REQUIRE(readV);
    BOOST_TEST(waitUntil([&] { return readV->text().startsWith("420"); }, 5000), "label shows " << readV->text().toStdString());

    // A second setpoint: the read-back moves with it (it is live, not a copy of the first).
    voltage->setValue(380.0);
    click("battery.emulate");
    BOOST_TEST(waitUntil([&] { return readV->text().startsWith("380"); }, 10000), "label shows " << readV->text().toStdString());

    click("battery.off");
    BOOST_TEST(waitUntil([&] { return !window->bench()->lastSnapshot().battery.outputOn; }, 10000));

    // The audit trail: a manual_action line per command with the value sent and the read-back.
    const std::string folder = window->bench()->session().auditFolder;
    BOOST_REQUIRE(!folder.empty());
    std::ifstream in(folder + "/journal.jsonl");
    std::string line;
    int emulates = 0, offs = 0, seq = 0;
    while (std::getline(in, line)) {
        const auto e = nlohmann::json::parse(line);
        BOOST_TEST(e.at("seq").get<int>() == ++seq);
        BOOST_TEST(e.contains("t_utc"));
        BOOST_TEST(e.contains("t_bench_s"));
        if (e.at("event") == "manual_action" && e.at("action") == "battery.emulate") {
            ++emulates;
            BOOST_TEST(e.at("sent").get<std::string>().find("voltage") != std::string::npos);
            BOOST_TEST(e.at("readback").get<std::string>().find("output on") != std::string::npos);
        }
        if (e.at("event") == "manual_action" && e.at("action") == "battery.off") ++offs;
    }
    BOOST_TEST(emulates == 2);
    BOOST_TEST(offs == 1);
}

BOOST_FIXTURE_TEST_CASE(refused_setpoint_is_reported_not_clamped, test::GuiFixture) {
    BOOST_REQUIRE(openBench("sim.yaml"));
    // A charging session first: without one the panel refuses any dispatch itself (lab_operator).
    click("grid.apply");
    click("battery.emulate");
    click("ev.connect");
    BOOST_REQUIRE_MESSAGE(waitUntil([&] { return window->bench()->lastSnapshot().ev.phase == core::EvPhase::Charging; }, 20000),
                          "the EV did not reach charging: " << core::toString(window->bench()->lastSnapshot().ev.phase));
    // The DUT panel allows ±500 kW; the simulated charger is rated far lower: the driver refuses
    // and the GUI says so (no silent clamping).
    auto* power = find<QDoubleSpinBox>("dut.power");
    BOOST_REQUIRE(power);
    power->setValue(-450.0);
    click("dut.dispatch");
    BOOST_TEST(waitUntil([&] { return window->lastError().contains("refused"); }, 10000),
               "no error shown: " << window->lastError().toStdString());
    BOOST_TEST(!window->bench()->lastSnapshot().dut.dispatchActive);
}

BOOST_FIXTURE_TEST_CASE(role_panels_fit_the_narrow_bench_dock, test::GuiFixture) {
    // The bench dock may be as narrow as its minimum: no role panel needs more (the EV panel's
    // button rows wrap into a grid instead of pushing the dock wider or scrolling sideways).
    const int dock = window->benchPanel()->minimumWidth();
    BOOST_REQUIRE(dock > 0);
    for (QWidget* panel : std::initializer_list<QWidget*>{window->findChild<gui::GridPanel*>(), window->findChild<gui::BatteryPanel*>(),
                                                          window->findChild<gui::EvPanel*>(), window->findChild<gui::DutPanel*>()}) {
        BOOST_REQUIRE(panel);
        BOOST_TEST(panel->minimumSizeHint().width() <= dock - 30, panel->metaObject()->className()
                                                                       << " needs " << panel->minimumSizeHint().width() << " px of " << dock);
    }
}

BOOST_AUTO_TEST_SUITE_END()
