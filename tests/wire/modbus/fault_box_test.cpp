// The modbus-fault-box driver against v2gbench-sim's fault box face (a Waveshare Modbus POE ETH
// Relay 16CH wired into the coupler) over loopback: every request reaches the plant's fault box,
// refusals change nothing, a relay that does not follow is caught by the read-back, and the
// wiring table holds together for every row.
#include "modbus_rig.hpp"

#include "v2gbench/core/errors.hpp"
#include "v2gbench/drivers/modbus/fault_box_wiring.hpp"
#include "v2gbench/drivers/modbus/modbus_fault_box.hpp"
#include "v2gbench/sim/sim_fault_box.hpp"
#include "v2gbench/simwire/modbus/relay_module_service.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using drivers::modbus::ModbusFaultBox;
using test::ModbusRig;

namespace {

using core::CouplerLine;
using core::InsulationFaultPlace;
using core::LineState;

// The lab of a ModbusRig with the fault box face on an ephemeral port.
struct FaultBoxRig : ModbusRig {
    explicit FaultBoxRig(simwire::modbus::RelayModuleOptions options = {})
        : service(simwire::modbus::makeRelayModuleService(context, std::make_shared<sim::SimFaultBox>(lab, "fault-box-modbus"),
                                                          std::move(options))),
          port(service->start(0)) {}
    ~FaultBoxRig() { service->stop(); }
    core::FaultBoxState plant() { return lab->withPlant([](sim::Plant& p) { return p.faultBoxState(); }); }
    ModbusFaultBox driver() { return ModbusFaultBox("fault_box", settings(port), &log, {}); }
    std::size_t coilWrites() const {
        std::size_t n = 0;
        for (const auto& l : log.lines())
            if (l.find("FC15") != std::string::npos && l.find(" > ") != std::string::npos) ++n;
        return n;
    }

    std::unique_ptr<simwire::WireService> service;
    int port;
};

} // namespace

BOOST_AUTO_TEST_SUITE(modbus_fault_box)

BOOST_AUTO_TEST_CASE(every_wiring_row_fits_its_module) {
    for (const auto& w : drivers::modbus::faultBoxWirings()) {
        const auto problems = drivers::modbus::wiringProblems(w);
        BOOST_TEST(problems.empty(), w.name << ": " << (problems.empty() ? "" : problems.front()));
    }
    // A row with a mistake is found (the check itself can fail).
    auto broken = drivers::modbus::faultBoxWirings().front();
    broken.canShortRelay = broken.openRelay[0];
    broken.r4.values.pop_back();
    BOOST_TEST(drivers::modbus::wiringProblems(broken).size() == 2u);
}

BOOST_AUTO_TEST_CASE(lines_reach_the_plant_and_read_back) {
    FaultBoxRig rig;
    auto box = rig.driver();
    BOOST_TEST(box.capabilities().has(core::capability::insulationFault));
    BOOST_TEST(box.identity().manufacturer == "Waveshare");
    for (auto line : {CouplerLine::SwitchS, CouplerLine::Cc1, CouplerLine::Cc2, CouplerLine::Pe, CouplerLine::CanH,
                      CouplerLine::CanL}) {
        box.setLine(line, LineState::Open);
        const auto s = box.state();
        const auto p = rig.plant();
        const auto of = [line](const core::FaultBoxState& st) {
            switch (line) {
            case CouplerLine::SwitchS: return st.s;
            case CouplerLine::Cc1: return st.cc1;
            case CouplerLine::Cc2: return st.cc2;
            case CouplerLine::Pe: return st.pe;
            case CouplerLine::CanH: return st.canH;
            case CouplerLine::CanL: return st.canL;
            }
            return LineState::Closed;
        };
        BOOST_TEST((of(s) == LineState::Open), core::toString(line));
        BOOST_TEST((of(p) == LineState::Open), core::toString(line));
        box.setLine(line, LineState::Closed);
        BOOST_TEST((of(rig.plant()) == LineState::Closed));
    }
    box.setLine(CouplerLine::CanH, LineState::Shorted);
    BOOST_TEST((rig.plant().canH == LineState::Shorted));
    BOOST_TEST((rig.plant().canL == LineState::Shorted));
    BOOST_TEST((box.state().canL == LineState::Shorted));
    box.setLine(CouplerLine::CanL, LineState::Closed);
    BOOST_TEST((rig.plant().canH == LineState::Closed));
    // One FC15 request per call, each followed by its read-back.
    BOOST_TEST(rig.log.contains("FC15 write 16 coils at 0"));
    BOOST_TEST(rig.log.contains("FC01 read 16 coils at 0"));
}

BOOST_AUTO_TEST_CASE(r4_and_rt_take_only_the_values_the_wiring_makes) {
    FaultBoxRig rig;
    auto box = rig.driver();
    box.setR4(units::Ohms(560.0));
    BOOST_TEST(rig.plant().r4.value == 560.0);
    BOOST_TEST(box.state().r4.value == 560.0);
    box.setR4(units::Ohms(2205.0)); // within the resistors' 1 %: the 2200 ohm step, read back as made
    BOOST_TEST(box.state().r4.value == 2200.0);
    box.setInsulationFault(InsulationFaultPlace::Both, units::Ohms(68e3));
    BOOST_TEST((rig.plant().insulationFault == InsulationFaultPlace::Both));
    BOOST_TEST(rig.plant().insulationResistance.value == 68e3);
    box.setInsulationFault(InsulationFaultPlace::NegativeToPe, units::Ohms(330e3));
    BOOST_TEST((box.state().insulationFault == InsulationFaultPlace::NegativeToPe));
    BOOST_TEST(box.state().insulationResistance.value == 330e3);

    const std::size_t writes = rig.coilWrites();
    const auto before = rig.plant();
    try {
        box.setR4(units::Ohms(1200.0));
        BOOST_FAIL("1200 ohm was accepted");
    } catch (const core::CapabilityError& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "fault_box: wiring v2gbench-fault-box-16 cannot make R4 = 1200 ohm (it makes 560, 800, 970, 1000, "
                   "1030, 1300, 1500, 2200 ohm, each ±1 %; nothing is rounded)");
    }
    BOOST_CHECK_THROW(box.setInsulationFault(InsulationFaultPlace::PositiveToPe, units::Ohms(100e3)), core::CapabilityError);
    BOOST_CHECK_THROW(box.setLine(CouplerLine::Cc1, LineState::Shorted), core::CapabilityError);
    BOOST_CHECK_THROW(box.setR4(units::Ohms(-5.0)), core::CapabilityError);
    BOOST_TEST(rig.coilWrites() == writes); // nothing was written
    BOOST_TEST(rig.plant().r4.value == before.r4.value);

    box.makeSafe();
    const auto safe = rig.plant();
    BOOST_TEST(safe.r4.value == 1000.0);
    BOOST_TEST((safe.insulationFault == InsulationFaultPlace::None));
    BOOST_TEST((safe.cc1 == LineState::Closed && safe.canH == LineState::Closed));
}

BOOST_AUTO_TEST_CASE(a_relay_that_does_not_follow_is_an_instrument_error_naming_it) {
    simwire::modbus::RelayModuleOptions options;
    options.deadRelays = {1}; // relay 2 opens CC1
    FaultBoxRig rig(options);
    auto box = rig.driver();
    box.setLine(CouplerLine::Cc2, LineState::Open); // other relays work
    try {
        box.setLine(CouplerLine::Cc1, LineState::Open);
        BOOST_FAIL("the dead relay went unnoticed");
    } catch (const core::InstrumentError& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "fault_box: relay 2 (opens cc1) reads back off after writing on [line cc1 open]");
    }
    BOOST_TEST((rig.plant().cc1 == LineState::Closed)); // and the plant never saw CC1 open
}

BOOST_AUTO_TEST_CASE(registered_with_its_options_and_a_link_failure_is_an_instrument_error) {
    FaultBoxRig rig;
    rig.faults->set("fault-box-modbus", {simwire::FaultKind::ModbusException, 4});
    BOOST_CHECK_THROW(rig.driver(), core::InstrumentError);
    rig.faults->clear("fault-box-modbus");
    BOOST_CHECK_NO_THROW(rig.driver());
    BOOST_CHECK_THROW(ModbusFaultBox("fault_box", ModbusRig::settings(rig.port), nullptr, {"no-such-wiring", units::Seconds(0.05)}),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
