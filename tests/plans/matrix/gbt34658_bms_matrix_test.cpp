// The BMS side of GB/T 34658 (issue 12 item 5): the plan × defect matrix with the simulated BMS as
// the device under test and the lab's charger as the bench's charger emulator (role evse). The
// conforming BMS passes every BMS-side plan; each BMS defect fails exactly the cases it targets and
// leaves every other case passing; every planned BMS-side case is targeted by a defect.
#include "run_helpers.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/sim/defects.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

using namespace v2gbench;
using test::TempDir;

namespace {

const char* const kBmsPlans[] = {"testplans/gbt34658-bms/handshake.yaml", "testplans/gbt34658-bms/configuration.yaml"};

bench::RunOutcome runBmsPlans(const std::string& defect, const std::string& tag) {
    TempDir dir(tag);
    std::vector<std::string> plans;
    for (const auto* p : kBmsPlans) plans.push_back(test::sourcePath(p));
    return test::runQuiet(test::simRequest(plans, dir.path() / "run", defect));
}

std::string verdicts(const bench::RunOutcome& out) {
    std::string text;
    for (const auto& plan : out.plans)
        for (const auto& c : plan.cases) {
            text += c.id + " " + bench::toString(c.verdict) + (c.reason.empty() ? "" : ": " + c.reason);
            // The checks that did not pass, with what they read: the why of a failed case.
            for (const auto& ch : c.checks)
                if (ch.verdict != bench::Verdict::Pass)
                    text += " [" + ch.name + " " + bench::toString(ch.verdict) +
                            (ch.value ? " " + std::to_string(*ch.value) + " " + ch.unit : "") +
                            (ch.reason.empty() ? "" : ": " + ch.reason) + "]";
            text += "; ";
        }
    for (const auto& d : out.diagnostics) text += d.str() + "; ";
    return text + out.error;
}

bool targets(const sim::DefectInfo& d, const std::vector<std::string>& requirements) {
    return std::any_of(requirements.begin(), requirements.end(), [&](const std::string& r) {
        return std::find(d.targets.begin(), d.targets.end(), r) != d.targets.end();
    });
}

// A check of the case failed on one of the defect's requirements (a DUT failure, not a bench error).
bool failedOnTarget(const bench::CaseResult& c, const sim::DefectInfo& d) {
    return std::any_of(c.checks.begin(), c.checks.end(), [&](const auto& ch) {
        return ch.verdict == bench::Verdict::Fail && targets(d, ch.requirements);
    });
}

std::vector<sim::DefectInfo> bmsDefects() {
    std::vector<sim::DefectInfo> out;
    for (const auto& d : sim::defects())
        if (d.side == "bms") out.push_back(d);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(gbt34658_bms_matrix)

BOOST_AUTO_TEST_CASE(the_conforming_bms_passes_every_bms_side_case) {
    const auto out = runBmsPlans("", "bms-conforming");
    BOOST_TEST(out.diagnostics.empty());
    BOOST_TEST(out.verdict == bench::Verdict::Pass, verdicts(out));
    std::size_t cases = 0;
    for (const auto& plan : out.plans) cases += plan.cases.size();
    BOOST_TEST(cases == 23u); // BP.1001–1003, BN.1001–1010, BP.2001–2003, BN.2001–2007
}

BOOST_AUTO_TEST_CASE(each_bms_defect_fails_its_cases_and_no_other) {
    const auto defects = bmsDefects();
    BOOST_TEST(defects.size() >= 16u);
    for (const auto& d : defects) {
        BOOST_TEST_CONTEXT("defect " << d.name) {
            const auto out = runBmsPlans(d.name, "bms-defect");
            BOOST_TEST(out.diagnostics.empty());
            BOOST_TEST(out.verdict == bench::Verdict::Fail, verdicts(out));
            int caught = 0;
            for (const auto& plan : out.plans)
                for (const auto& c : plan.cases) {
                    std::vector<std::string> requirements;
                    for (const auto& ch : c.checks) requirements.insert(requirements.end(), ch.requirements.begin(), ch.requirements.end());
                    if (targets(d, requirements)) {
                        ++caught;
                        BOOST_TEST(failedOnTarget(c, d), c.id << " does not catch " << d.name << ": " << verdicts(out));
                    } else {
                        BOOST_TEST(c.verdict == bench::Verdict::Pass, c.id << " is not " << d.name << "'s case: " << verdicts(out));
                    }
                }
            BOOST_TEST(caught >= 1, "no case targets " << d.name);
        }
    }
}

// Every planned BMS-side case has a defect of the simulated BMS that targets it; a BMS defect names
// only BMS-side ids (BP/BN) and a charger defect none, so the charger-side matrix is unaffected.
BOOST_AUTO_TEST_CASE(every_planned_bms_case_is_targeted_and_sides_do_not_mix) {
    bench::RequirementSet catalogues;
    catalogues.loadFolder(test::sourcePath("testplans/requirements"));
    bool found = false;
    for (const auto& c : catalogues.catalogues())
        if (c.name == "GB/T 34658-2017 BMS side") {
            found = true;
            BOOST_TEST(c.ids.size() == 42u);
            BOOST_TEST((c.casesInStandard == std::optional<int>(42)));
        }
    BOOST_TEST(found);
    const auto out = runBmsPlans("", "bms-planned");
    std::set<std::string> planned;
    for (const auto& plan : out.plans)
        for (const auto& c : plan.cases)
            for (const auto& ch : c.checks) planned.insert(ch.requirements.begin(), ch.requirements.end());
    BOOST_TEST(planned.size() == 23u); // the handshake and configuration phases, complete
    const auto defects = bmsDefects();
    for (const auto& id : planned)
        BOOST_TEST(std::any_of(defects.begin(), defects.end(), [&](const sim::DefectInfo& d) { return targets(d, {id}); }),
                   id << " is targeted by no BMS defect");
    auto bmsId = [](const std::string& t) { return t.rfind("GBT34658-2017/BP.", 0) == 0 || t.rfind("GBT34658-2017/BN.", 0) == 0; };
    for (const auto& d : sim::defects()) {
        BOOST_TEST((d.side == "charger" || d.side == "bms"), d.name);
        for (const auto& t : d.targets) BOOST_TEST(bmsId(t) == (d.side == "bms"), d.name << " targets " << t);
    }
}

BOOST_AUTO_TEST_SUITE_END()
