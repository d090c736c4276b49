// The plan × DUT matrix: every certification plan passes the conforming simulated charger (with
// either EV profile for the GB/T 34657.1 set) and fails the defect that targets its requirement,
// and a defect fails nothing it should not affect. That is how we know a plan can catch anything.
#include "run_helpers.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/requirement_catalogue.hpp"
#include "v2gbench/sim/defects.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace v2gbench;
using test::TempDir;

namespace {

struct LibraryPlan {
    std::string path;
    std::string id;
    std::vector<std::string> requirements; // the plan's and its cases'
};

// Operator answers for the inspection cases (C0.0001, C0.0002, C0.0101, D0.0001): a conforming sample's.
std::string conformingAnswers() { return test::sourcePath("testplans/gbt34657/answers-conforming.yaml"); }

bool isAnswersFile(const std::filesystem::path& p) { return p.filename().string().rfind("answers", 0) == 0; }

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
            if (e.path().extension() == ".yaml" && !isAnswersFile(e.path())) files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            auto loaded = bench::loadPlanFile(f, context);
            BOOST_REQUIRE_MESSAGE(loaded.plan, f << " does not load: " << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].str()));
            LibraryPlan p{f, loaded.plan->id, loaded.plan->requirements};
            for (const auto& c : loaded.plan->cases)
                for (const auto& r : c.requirements)
                    if (std::find(p.requirements.begin(), p.requirements.end(), r) == p.requirements.end()) p.requirements.push_back(r);
            plans.push_back(std::move(p));
        }
    }
    return plans;
}

bool targets(const sim::DefectInfo& d, const LibraryPlan& p) {
    for (const auto& t : d.targets)
        if (std::find(p.requirements.begin(), p.requirements.end(), t) != p.requirements.end()) return true;
    return false;
}

bench::RunRequest matrixRequest(const LibraryPlan& p, const std::filesystem::path& out, const std::string& defect = "") {
    auto r = test::simRequest({p.path}, out, defect);
    r.answersFile = conformingAnswers();
    return r;
}

std::string caseVerdicts(const bench::RunOutcome& out) {
    std::string text;
    for (const auto& plan : out.plans)
        for (const auto& c : plan.cases)
            if (c.verdict != bench::Verdict::Pass)
                text += c.id + " [" + c.instance + "] " + bench::toString(c.verdict) + ": " + c.reason + "; ";
    for (const auto& d : out.diagnostics) text += d.str() + "; ";
    return text + out.error;
}

// True when a check of a targeted requirement failed (a DUT failure, not a bench error).
bool failedTarget(const bench::RunOutcome& out, const std::vector<std::string>& targets) {
    for (const auto& plan : out.plans)
        for (const auto& c : plan.cases)
            for (const auto& ch : c.checks)
                if (ch.verdict == bench::Verdict::Fail)
                    for (const auto& r : ch.requirements)
                        if (std::find(targets.begin(), targets.end(), r) != targets.end()) return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(plan_matrix)

BOOST_AUTO_TEST_CASE(conforming_dut_passes_every_plan) {
    const auto plans = planLibrary();
    BOOST_TEST(plans.size() >= 29u);
    for (const auto& p : plans) {
        BOOST_TEST_CONTEXT("plan " << p.id) {
            TempDir dir("conforming");
            auto out = test::runQuiet(matrixRequest(p, dir.path() / "run"));
            BOOST_TEST(out.diagnostics.empty());
            BOOST_TEST(out.verdict == bench::Verdict::Pass, caseVerdicts(out));
        }
    }
}

// GB/T 34657.1 DC: all 23 cases as plans, passing with either vehicle — each tested against its own
// limits (vehicle.* from the EV profile), the 420 V LFP pack as well as the bench's 750 V NMC default.
BOOST_AUTO_TEST_CASE(gbt34657_set_passes_with_each_ev_profile) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(test::sourcePath("testplans/gbt34657")))
        if (e.path().extension() == ".yaml" && !isAnswersFile(e.path())) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto* ev : {"lfp-350v", "nmc-750v"}) {
        BOOST_TEST_CONTEXT("EV " << ev) {
            TempDir dir("gbt34657");
            auto request = test::simRequest(files, dir.path() / "run");
            request.evProfile = test::sourcePath(std::string("testplans/evs/") + ev + ".yaml");
            request.answersFile = conformingAnswers();
            const auto out = test::runQuiet(request);
            BOOST_TEST(out.diagnostics.empty());
            BOOST_TEST(out.verdict == bench::Verdict::Pass, caseVerdicts(out));
            // Every case of the standard ran, by requirement id.
            std::set<std::string> covered;
            for (const auto& plan : out.plans)
                for (const auto& c : plan.cases)
                    for (const auto& ch : c.checks)
                        for (const auto& r : ch.requirements) covered.insert(r);
            BOOST_TEST(covered.size() == 23u);
        }
    }
}

// A plan that shares a defect's requirement but by the standard's own method cannot see the defect,
// each with the reason. The plan must pass that defect (the exemption is checked, not assumed).
const std::map<std::pair<std::string, std::string>, std::string> kBlindByMethod{
    {{"delayed-stop-300ms", "gbt34657-operator-stop"},
     "a charger-initiated stop rate is timed from the start of the fall (D0.5101): a wait before the fall is "
     "the vehicle-initiated case's to catch (t0 = BST, current-stop-rate.yaml)"},
    // D0.2001 has a normal and an abnormal condition in two plans: the normal self-check never has
    // 10 V outside the contactors, and with 10 V outside them a conforming charger refuses before its
    // insulation test, so the test voltage, its discharge and the BHM limits are never reached.
    {{"ignores-residual-voltage", "gbt34657-self-check"},
     "the normal self-check has no voltage outside the contactors (self-check-residual-voltage.yaml holds K5/K6 closed)"},
    {{"no-insulation-check", "gbt34657-self-check-residual-voltage"},
     "the residual voltage is refused before the insulation test, which is self-check.yaml's to time"},
    {{"insulation-voltage-rated-not-bhm", "gbt34657-self-check-residual-voltage"},
     "the residual voltage is refused before the insulation test, whose voltage is self-check.yaml's to measure"},
    {{"slow-bleeder", "gbt34657-self-check-residual-voltage"},
     "no insulation test voltage to discharge: the residual voltage is refused before it"},
    {{"accepts-bhm-below-minimum", "gbt34657-self-check-residual-voltage"},
     "the vehicle's BHM maximum is inside the charger's range here (self-check.yaml sets it below)"},
};

BOOST_AUTO_TEST_CASE(each_defect_fails_the_plans_that_target_it) {
    const auto plans = planLibrary();
    for (const auto& defect : sim::defects()) {
        if (defect.side != "charger") continue; // the BMS under test: gbt34658_bms_matrix_test.cpp
        BOOST_TEST_CONTEXT("defect " << defect.name) {
            int targeted = 0;
            for (const auto& p : plans) {
                if (!targets(defect, p)) continue;
                if (const auto blind = kBlindByMethod.find({defect.name, p.id}); blind != kBlindByMethod.end()) {
                    BOOST_TEST_MESSAGE(p.id << " does not target " << defect.name << ": " << blind->second);
                    TempDir dir("blind");
                    const auto out = test::runQuiet(matrixRequest(p, dir.path() / "run", defect.name));
                    BOOST_TEST(out.verdict == bench::Verdict::Pass, p.id << " with " << defect.name << ": " << caseVerdicts(out));
                    continue;
                }
                ++targeted;
                BOOST_TEST_CONTEXT("plan " << p.id) {
                    TempDir dir("defect");
                    auto out = test::runQuiet(matrixRequest(p, dir.path() / "run", defect.name));
                    BOOST_TEST(out.verdict == bench::Verdict::Fail, caseVerdicts(out));
                    // The failure is a DUT failure of a targeted requirement, not a bench error.
                    BOOST_TEST(failedTarget(out, defect.targets), caseVerdicts(out));
                    // GB/T 34658 cases: every targeted case of the plan catches its defect.
                    for (const auto& t : defect.targets)
                        if (t.rfind("GBT34658-2017/", 0) == 0 &&
                            std::find(p.requirements.begin(), p.requirements.end(), t) != p.requirements.end())
                            BOOST_TEST(failedTarget(out, {t}), t << " does not catch defect " << defect.name);
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

// The two timing traps, named: a stop that waits and then ramps fast passes the old
// 0.8·ΔI/(t90 − t10) but not the standard's t0 = BST; a charger that acts on the BCL frame late
// passes a clock started at the bench's software command but not one started at the frame.
BOOST_AUTO_TEST_CASE(timing_traps_fail_their_cases) {
    for (const auto& [defect, plan, requirement] :
         {std::tuple{"delayed-stop-300ms", "current-stop-rate.yaml", "GBT34657.1-2017/D0.5101"},
          std::tuple{"late-demand-reaction", "current-adjustment-time.yaml", "GBT34657.1-2017/D0.4103"}}) {
        BOOST_TEST_CONTEXT(defect) {
            TempDir dir("trap");
            auto request = test::simRequest({test::sourcePath(std::string("testplans/gbt34657/") + plan)}, dir.path() / "run", defect);
            const auto out = test::runQuiet(request);
            BOOST_TEST(out.verdict == bench::Verdict::Fail, caseVerdicts(out));
            BOOST_TEST(failedTarget(out, {requirement}));
        }
    }
}

// GB/T 34133-2023 Annex A: response time, regulation time and control deviation are three
// figures, each failed by its own defect only. A gain error settles off target but as fast as the
// conforming charger; a ramp-limited power stage is late to 90 % but on target; a slow loop is late
// to both times and on target. Judged per check (by metric), not per plan.
BOOST_AUTO_TEST_CASE(annex_a_figures_fail_independently) {
    const LibraryPlan plan{test::sourcePath("testplans/v2g/p-setpoint-control.yaml"), "v2g-p-setpoint-control", {}};
    struct Expected {
        const char* defect;
        std::set<std::string> failing; // metrics that must fail somewhere
        bool stepRegulationPasses;     // the STEP-* cases' regulation times pass
    };
    for (const auto& [defect, failing, stepRegulationPasses] :
         {Expected{"", {}, true}, Expected{"p-gain-error", {"control_deviation"}, true},
          Expected{"p-slow-response", {"response_time", "regulation_time"}, true},
          Expected{"slow-discharge-response", {"response_time", "regulation_time"}, false}}) {
        BOOST_TEST_CONTEXT("defect '" << defect << "'") {
            TempDir dir("annex-a");
            const auto out = test::runQuiet(matrixRequest(plan, dir.path() / "run", defect));
            BOOST_TEST(out.diagnostics.empty());
            std::map<std::string, int> checks, failed;
            for (const auto& p : out.plans)
                for (const auto& c : p.cases)
                    for (const auto& ch : c.checks) {
                        ++checks[ch.method];
                        BOOST_TEST((ch.verdict == bench::Verdict::Pass || ch.verdict == bench::Verdict::Fail),
                                   c.id << " " << ch.name << ": " << bench::toString(ch.verdict) << " " << ch.reason);
                        if (ch.verdict != bench::Verdict::Fail) continue;
                        ++failed[ch.method];
                        BOOST_TEST(failing.count(ch.method) == 1u, c.id << " " << ch.name << " fails: " << ch.reason);
                        if (ch.method == "regulation_time" && c.id.rfind("STEP-", 0) == 0)
                            BOOST_TEST(!stepRegulationPasses, c.id << " " << ch.name << " fails");
                    }
            // Six steps, each with its three figures.
            for (const char* m : {"response_time", "regulation_time", "control_deviation"}) BOOST_TEST(checks[m] == 6, m);
            for (const auto& m : failing) BOOST_TEST(failed[m] >= 1, m << " never fails");
            BOOST_TEST((out.verdict == bench::Verdict::Pass) == failing.empty(), caseVerdicts(out));
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
        {"p-slow-response", "v2g-discharge-power-accuracy"},
        {"p-gain-error", "gbt34657-dc-current-control-error"},
        // Protocol and connection-circuit defects stay in their lane too.
        {"ccs-period-69ms", "gbt34658-configuration"},
        {"wrong-cem-bits", "gbt34658-charging-end"},
        {"slow-s-open-cut", "gbt34657-cc1-break"},
        {"cst-once", "gbt34657-current-stop-rate"},
        {"crm-aa-before-brm", "gbt34658-charging-end"},
        {"late-bro-loss", "gbt34658-handshake"},
        {"charging-starts-on-bcl-alone", "gbt34658-end-timeouts"},
        // The charger's hardware sequence (issue 11): each defect fails its case and not these.
        {"no-insulation-check", "gbt34657-current-stop-rate"},
        {"insulation-voltage-rated-not-bhm", "gbt34657-charging-ready"},
        {"slow-bleeder", "gbt34657-pe-continuity-loss"},
        {"precharge-outside-window", "gbt34657-inrush-current"},
        {"inrush-30A", "gbt34657-charging-ready"},
        {"k3k4-before-csd", "gbt34657-inrush-current"},
        {"no-stop-on-pe-loss", "gbt34657-cc1-break"},
        {"resumes-after-mains-return", "gbt34657-vehicle-max-voltage"},
        {"slow-mains-loss-discharge", "gbt34657-normal-end"},
        {"lock-released-under-load", "gbt34657-connection-confirmation"},
        {"lock-after-insulation-voltage", "gbt34657-normal-end"},
        {"delayed-stop-300ms", "gbt34657-current-adjustment-time"},
        {"late-demand-reaction", "gbt34657-current-stop-rate"},
        {"accepts-bhm-below-minimum", "gbt34657-charging-ready"},
        {"ignores-battery-voltage-mismatch", "gbt34657-self-check"},
        {"ignores-residual-voltage", "gbt34657-charging-ready"},
        {"slow-comm-timeout-stop", "gbt34657-other-faults"},
        {"slow-declared-fault-stop", "gbt34657-communication-interruption"},
    };
    const auto plans = planLibrary();
    for (const auto& [defect, planId] : unrelated) {
        BOOST_TEST_CONTEXT(defect << " x " << planId) {
            auto it = std::find_if(plans.begin(), plans.end(), [&](const LibraryPlan& p) { return p.id == planId; });
            BOOST_REQUIRE(it != plans.end());
            TempDir dir("unrelated");
            auto out = test::runQuiet(matrixRequest(*it, dir.path() / "run", defect));
            BOOST_TEST(out.verdict == bench::Verdict::Pass, caseVerdicts(out));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
