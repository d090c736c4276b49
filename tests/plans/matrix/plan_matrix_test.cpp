// The plan × DUT matrix: every certification plan passes the conforming simulated charger and
// fails the defect that targets its requirement. That is how we know a plan can catch anything.
#include "run_helpers.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/sim/defects.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

using namespace v2gbench;
using test::TempDir;

namespace {

struct LibraryPlan {
    std::string path;
    std::string id;
    std::vector<std::string> requirements;
};

std::vector<LibraryPlan> planLibrary() {
    std::vector<LibraryPlan> plans;
    bench::PlanLoadContext context;
    context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
    bench::RequirementSet catalogues;
    catalogues.loadFolder(test::sourcePath("testplans/requirements"));
    context.requirements = &catalogues;
    for (const auto* folder : {"testplans/gbt34657", "testplans/gbt34658", "testplans/v2g"}) {
        std::vector<std::string> files;
        for (const auto& e : std::filesystem::directory_iterator(test::sourcePath(folder)))
            if (e.path().extension() == ".yaml" && e.path().filename().string().rfind("answers", 0) != 0)
                files.push_back(e.path().string()); // answers*.yaml: operator answers (--answers), not plans
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            auto loaded = bench::loadPlanFile(f, context);
            BOOST_REQUIRE_MESSAGE(loaded.plan, f << " does not load: " << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].str()));
            plans.push_back({f, loaded.plan->id, loaded.plan->requirements});
        }
    }
    return plans;
}

bool targets(const sim::DefectInfo& d, const LibraryPlan& p) {
    for (const auto& t : d.targets)
        if (std::find(p.requirements.begin(), p.requirements.end(), t) != p.requirements.end()) return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(plan_matrix)

BOOST_AUTO_TEST_CASE(conforming_dut_passes_every_plan) {
    const auto plans = planLibrary();
    BOOST_TEST(plans.size() >= 16u);
    for (const auto& p : plans) {
        BOOST_TEST_CONTEXT("plan " << p.id) {
            TempDir dir("conforming");
            auto out = test::runQuiet(test::simRequest({p.path}, dir.path() / "run"));
            BOOST_TEST(out.diagnostics.empty());
            BOOST_TEST(out.verdict == bench::Verdict::Pass);
            for (const auto& plan : out.plans)
                for (const auto& c : plan.cases)
                    BOOST_TEST(c.verdict == bench::Verdict::Pass, c.id << " [" << c.instance << "]: " << c.reason);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_defect_fails_the_plans_that_target_it) {
    const auto plans = planLibrary();
    for (const auto& defect : sim::defects()) {
        BOOST_TEST_CONTEXT("defect " << defect.name) {
            int targeted = 0;
            for (const auto& p : plans) {
                if (!targets(defect, p)) continue;
                ++targeted;
                BOOST_TEST_CONTEXT("plan " << p.id) {
                    TempDir dir("defect");
                    auto out = test::runQuiet(test::simRequest({p.path}, dir.path() / "run", defect.name));
                    BOOST_TEST(out.verdict == bench::Verdict::Fail);
                    // The failure is a DUT failure of a targeted requirement, not a bench error.
                    std::set<std::string> failed;
                    for (const auto& plan : out.plans)
                        for (const auto& c : plan.cases)
                            for (const auto& ch : c.checks)
                                if (ch.verdict == bench::Verdict::Fail)
                                    for (const auto& r : ch.requirements) failed.insert(r);
                    bool failedTarget = false;
                    for (const auto& t : defect.targets) {
                        failedTarget = failedTarget || failed.count(t) > 0;
                        // GB/T 34658 cases: every targeted case of the plan catches its defect.
                        if (t.rfind("GBT34658-2017/", 0) == 0 &&
                            std::find(p.requirements.begin(), p.requirements.end(), t) != p.requirements.end())
                            BOOST_TEST(failed.count(t) == 1u, t << " does not catch defect " << defect.name);
                    }
                    BOOST_TEST(failedTarget);
                }
            }
            BOOST_TEST(targeted >= 1, "no plan targets defect " << defect.name);
        }
    }
}

// Every charger-side case of GB/T 34658 (43) has a plan, and a defect of the simulated charger
// that targets it, so the matrix above covers them all.
BOOST_AUTO_TEST_CASE(every_gbt34658_charger_case_is_planned_and_targeted) {
    bench::RequirementSet catalogues;
    catalogues.loadFolder(test::sourcePath("testplans/requirements"));
    std::vector<std::string> ids;
    for (const auto& c : catalogues.catalogues())
        if (c.name == "GB/T 34658-2017") {
            ids = c.ids;
            BOOST_TEST((c.casesInStandard == std::optional<int>(43)));
        }
    BOOST_TEST(ids.size() == 43u);
    const auto plans = planLibrary();
    for (const auto& id : ids) {
        BOOST_TEST_CONTEXT(id) {
            const bool planned = std::any_of(plans.begin(), plans.end(), [&](const LibraryPlan& p) {
                return std::find(p.requirements.begin(), p.requirements.end(), id) != p.requirements.end();
            });
            const bool targeted = std::any_of(sim::defects().begin(), sim::defects().end(), [&](const sim::DefectInfo& d) {
                return std::find(d.targets.begin(), d.targets.end(), id) != d.targets.end();
            });
            BOOST_TEST(planned);
            BOOST_TEST(targeted);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_defect_does_not_fail_unrelated_plans) {
    // Defects are specific: a charger that is slow but accurate must not fail the accuracy plan,
    // a V2G defect must not fail a charging plan, and so on.
    const std::vector<std::pair<std::string, std::string>> unrelated{
        {"slow-current-stop", "gbt34657-dc-voltage-control-error"},
        {"voltage-control-error", "gbt34657-current-stop-rate"},
        {"slow-discharge-response", "v2g-discharge-power-accuracy"},
        {"discharge-power-error", "gbt34657-dc-current-control-error"},
        {"slow-current-adjustment", "v2g-discharge-power-accuracy"},
        // Protocol and connection-circuit defects stay in their lane too.
        {"ccs-period-69ms", "gbt34658-configuration"},
        {"wrong-cem-bits", "gbt34658-charging-end"},
        {"slow-s-open-cut", "gbt34657-cc1-break"},
        {"cst-once", "gbt34657-current-stop-rate"},
        {"crm-aa-before-brm", "gbt34658-charging-end"},
        {"late-bro-loss", "gbt34658-handshake"},
        {"charging-starts-on-bcl-alone", "gbt34658-end-timeouts"},
    };
    const auto plans = planLibrary();
    for (const auto& [defect, planId] : unrelated) {
        BOOST_TEST_CONTEXT(defect << " x " << planId) {
            auto it = std::find_if(plans.begin(), plans.end(), [&](const LibraryPlan& p) { return p.id == planId; });
            BOOST_REQUIRE(it != plans.end());
            TempDir dir("unrelated");
            auto out = test::runQuiet(test::simRequest({it->path}, dir.path() / "run", defect));
            BOOST_TEST(out.verdict == bench::Verdict::Pass);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
