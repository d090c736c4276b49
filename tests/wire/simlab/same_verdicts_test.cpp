// The same plan gives the same verdicts on the wire (real drivers against v2gbench-sim, real
// time) as on the in-process simulated lab (virtual time): conforming DUT and a targeted defect.
#include "wire_lab.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench;
using test::TempDir;

namespace {

std::vector<std::string> caseVerdicts(const bench::RunOutcome& out) {
    std::vector<std::string> v;
    for (const auto& p : out.plans)
        for (const auto& c : p.cases) v.push_back(c.id + "[" + c.instance + "]=" + bench::toString(c.verdict));
    return v;
}

// `cases`: only these (RunRequest::cases), to keep a long plan's real-time wire run short.
void compare(const std::string& plan, const std::string& defect, const std::vector<std::string>& cases = {}) {
    BOOST_TEST_CONTEXT(plan << " with " << (defect.empty() ? "the conforming DUT" : defect)) {
        TempDir dir("same");
        const auto path = test::sourcePath(plan);
        auto simRequest = test::simRequest({path}, dir.path() / "sim", defect);
        simRequest.cases = cases;
        auto inProcess = test::runQuiet(simRequest);
        BOOST_TEST(!inProcess.plans.empty());
        test::WireLab lab(dir, defect);
        auto wireRequest = test::wireRequest(lab, {path}, dir.path() / "wire");
        wireRequest.cases = cases;
        auto wire = test::runQuiet(wireRequest);
        BOOST_TEST(wire.error.empty(), wire.error);
        for (const auto* run : {&inProcess, &wire}) {
            for (const auto& d : run->diagnostics) BOOST_ERROR((run == &wire ? "wire: " : "in process: ") << d.str());
            for (const auto& p : run->plans)
                for (const auto& c : p.cases)
                    if (c.verdict == bench::Verdict::Error) BOOST_ERROR((run == &wire ? "wire: " : "in process: ") << c.id << ": " << c.reason);
        }
        BOOST_TEST(wire.verdict == inProcess.verdict);
        BOOST_TEST(wire.verdict == (defect.empty() ? bench::Verdict::Pass : bench::Verdict::Fail));
        const auto a = caseVerdicts(inProcess);
        const auto b = caseVerdicts(wire);
        BOOST_TEST(a == b, boost::test_tools::per_element());
        // The wire run leaves the evidence the in-process run cannot: every exchange, and the CAN trace.
        std::ifstream exchanges(dir.path() / "wire/exchanges.log");
        std::string first;
        std::getline(exchanges, first);
        BOOST_TEST(first.find("*IDN?") != std::string::npos);
        BOOST_TEST(std::filesystem::exists(dir.path() / "wire/can.log"));
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(wire_same_verdicts_current_control)

BOOST_AUTO_TEST_CASE(conforming) { compare("testplans/gbt34657/dc-current-control-error.yaml", ""); }
BOOST_AUTO_TEST_CASE(current_control_error) {
    compare("testplans/gbt34657/dc-current-control-error.yaml", "current-control-error");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire_same_verdicts_stop_rate)

BOOST_AUTO_TEST_CASE(conforming) { compare("testplans/gbt34657/current-stop-rate.yaml", ""); }
BOOST_AUTO_TEST_CASE(slow_current_stop) { compare("testplans/gbt34657/current-stop-rate.yaml", "slow-current-stop"); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire_capabilities)

// The voltage-control plan needs an emulated internal resistance; the wire bench's ITECH supply
// is driven as a plain CV source, so the plan is not applicable there — before anything is switched.
BOOST_AUTO_TEST_CASE(missing_battery_model_makes_the_voltage_plan_not_applicable) {
    TempDir dir("capability");
    test::WireLab lab(dir);
    auto out = test::runQuiet(
        test::wireRequest(lab, {test::sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml")}, dir.path() / "run"));
    BOOST_TEST(out.verdict == bench::Verdict::NotApplicable);
    BOOST_REQUIRE_EQUAL(out.plans.size(), 1u);
    BOOST_TEST(out.plans[0].reason.find("battery-model") != std::string::npos, out.plans[0].reason);
    BOOST_TEST(test::countEvents(test::readJournal(out.runDir), "step") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// GB/T 27930 on the wire: the EV emulator (BMS in v2gbench-sim, driven over SCPI) against the
// simulated charger, the conversation crossing the socketcand hub and judged from what the
// can-monitor decodes — the same verdicts as in process.
BOOST_AUTO_TEST_SUITE(wire_same_verdicts_gbt34658)

BOOST_AUTO_TEST_CASE(conforming) { compare("testplans/gbt34658/handshake.yaml", ""); }
BOOST_AUTO_TEST_CASE(crm_aa_before_brm) {
    compare("testplans/gbt34658/handshake.yaml", "crm-aa-before-brm");
}

BOOST_AUTO_TEST_SUITE_END()

// Issue 12: one of the standard's negative (DN) cases per phase on the wire. Each needs the EV
// emulator to withhold a message (ev.fault over SCPI to v2gbench-sim) and the timeout to be judged on
// socketcand's frame times; each gives the verdicts of the in-process run, conforming and with the
// defect that targets it.
BOOST_AUTO_TEST_SUITE(wire_same_verdicts_gbt34658_negative_cases)

BOOST_AUTO_TEST_CASE(handshake_dn1001_conforming) { compare("testplans/gbt34658/handshake.yaml", "", {"DN.1001"}); }
BOOST_AUTO_TEST_CASE(handshake_dn1001_wrong_cem_bits) {
    compare("testplans/gbt34658/handshake.yaml", "wrong-cem-bits", {"DN.1001"});
}
BOOST_AUTO_TEST_CASE(configuration_dn2007_conforming) {
    compare("testplans/gbt34658/configuration.yaml", "", {"DN.2007"});
}
BOOST_AUTO_TEST_CASE(configuration_dn2007_late_bro_loss) {
    compare("testplans/gbt34658/configuration.yaml", "late-bro-loss", {"DN.2007"});
}
BOOST_AUTO_TEST_CASE(charging_dn3001_conforming) { compare("testplans/gbt34658/charging-start.yaml", "", {"DN.3001"}); }
BOOST_AUTO_TEST_CASE(charging_dn3001_starts_on_bcl_alone) {
    compare("testplans/gbt34658/charging-start.yaml", "charging-starts-on-bcl-alone", {"DN.3001"});
}
BOOST_AUTO_TEST_CASE(end_dn4002_conforming) { compare("testplans/gbt34658/end-timeouts.yaml", "", {"DN.4002"}); }
BOOST_AUTO_TEST_CASE(end_dn4002_cst_once) { compare("testplans/gbt34658/end-timeouts.yaml", "cst-once", {"DN.4002"}); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(wire_same_verdicts_fault_reactions)

BOOST_AUTO_TEST_CASE(switch_s_conforming) { compare("testplans/gbt34657/switch-s-open.yaml", ""); }
BOOST_AUTO_TEST_CASE(slow_s_open_cut) { compare("testplans/gbt34657/switch-s-open.yaml", "slow-s-open-cut"); }
BOOST_AUTO_TEST_CASE(bcl_timeout_conforming) { compare("testplans/gbt34658/bcl-timeout.yaml", ""); }
BOOST_AUTO_TEST_CASE(ignores_bcl_timeout) { compare("testplans/gbt34658/bcl-timeout.yaml", "ignores-bcl-timeout"); }

BOOST_AUTO_TEST_SUITE_END()

// GB/T 34657.1 measured on the DAQ and switched by the fault box, both over their real protocols
// (iiod for the DAQ, Modbus TCP for the fault box's relay module): the same verdicts as in process.
BOOST_AUTO_TEST_SUITE(wire_same_verdicts_gbt34657_sequence)

BOOST_AUTO_TEST_CASE(insulation_fault_conforming) {
    compare("testplans/gbt34657/insulation-fault.yaml", "", {"D0.2501-fault-dc-plus"});
}
BOOST_AUTO_TEST_CASE(insulation_fault_no_insulation_check) {
    compare("testplans/gbt34657/insulation-fault.yaml", "no-insulation-check", {"D0.2501-fault-dc-plus"});
}
BOOST_AUTO_TEST_CASE(inrush_conforming) { compare("testplans/gbt34657/inrush-current.yaml", ""); }
BOOST_AUTO_TEST_CASE(inrush_30a) { compare("testplans/gbt34657/inrush-current.yaml", "inrush-30A"); }
BOOST_AUTO_TEST_CASE(cc1_break_conforming) { compare("testplans/gbt34657/cc1-break.yaml", ""); }
BOOST_AUTO_TEST_CASE(k3k4_before_csd) { compare("testplans/gbt34657/cc1-break.yaml", "k3k4-before-csd"); }
BOOST_AUTO_TEST_CASE(delayed_stop_300ms) { compare("testplans/gbt34657/current-stop-rate.yaml", "delayed-stop-300ms"); }

BOOST_AUTO_TEST_SUITE_END()
