// One source of limits: every check of a shipped plan takes its limits from a catalogue criterion
// (`expect: {criterion: NAME}`), so a standard's number is written once, in the catalogue.
#include "test_paths.hpp"
#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan_loader.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

using namespace v2gbench;

namespace {

std::vector<std::string> shippedPlans() {
    std::vector<std::string> files;
    for (const auto* folder : {"testplans/gbt34657", "testplans/gbt34658", "testplans/v2g"})
        for (const auto& e : std::filesystem::directory_iterator(test::sourcePath(folder)))
            if (e.path().extension() == ".yaml" && e.path().filename().string().rfind("answers", 0) != 0)
                files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

// "file:line name" of every check whose limits are the plan's own.
void ownLimits(const std::vector<bench::Step>& steps, std::vector<std::string>& out) {
    for (const auto& step : steps)
        std::visit(
            [&](const auto& s) {
                if constexpr (requires { s.expect.criterion; }) {
                    const bool judged = s.expect.min || s.expect.max || s.expect.nominal || s.expect.equals || s.expect.criterion;
                    if (judged && !s.expect.criterion) out.push_back(s.where.str());
                }
            },
            step);
}

} // namespace

BOOST_AUTO_TEST_SUITE(plan_criteria)

BOOST_AUTO_TEST_CASE(shipped_plans_hold_no_limit_of_their_own) {
    bench::RequirementSet catalogues;
    catalogues.loadFolder(test::sourcePath("testplans/requirements"));
    bench::PlanLoadContext context;
    context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
    context.requirements = &catalogues;
    context.isKnownRequirement = [&](const std::string& id) { return catalogues.contains(id); };
    int checks = 0;
    for (const auto& file : shippedPlans()) {
        BOOST_TEST_CONTEXT(file) {
            auto loaded = bench::loadPlanFile(file, context);
            BOOST_REQUIRE_MESSAGE(loaded.plan, (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].str()));
            std::vector<std::string> own;
            ownLimits(loaded.plan->setup, own);
            for (const auto& c : loaded.plan->cases) ownLimits(c.steps, own);
            ownLimits(loaded.plan->teardown, own);
            BOOST_TEST(own.empty(), "checks with the plan's own limits: " << (own.empty() ? "" : own.front()));
            for (const auto& c : loaded.plan->cases)
                checks += static_cast<int>(std::count_if(c.steps.begin(), c.steps.end(), [](const bench::Step& s) {
                    return std::visit([](const auto& x) {
                        if constexpr (requires { x.expect.criterion; }) return x.expect.criterion.has_value();
                        else return false;
                    }, s);
                }));
        }
    }
    BOOST_TEST(checks >= 40);
}

BOOST_AUTO_TEST_SUITE_END()
