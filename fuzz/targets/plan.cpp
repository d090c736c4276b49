// bench::loadPlanText: every problem of a plan is a diagnostic (file:line:column); nothing
// escapes but the documented core::ConfigError.
#include "fuzz_util.hpp"
#include "v2gbench/fuzz/fuzz_targets.hpp"

#include "v2gbench/bench/dut_profile.hpp"
#include "v2gbench/bench/plan_loader.hpp"

namespace v2gbench::fuzz {

int fuzzPlan(const std::uint8_t* data, std::size_t size) {
    const std::string text(asText(data, size));
    bench::PlanLoadContext context;
    context.dutTypes = [](const std::string& n) { return bench::DutProfile::typeOf(n); };
    context.isKnownRequirement = [](const std::string& id) { return id.rfind("GB", 0) == 0; };
    try {
        const bench::PlanLoadResult r = bench::loadPlanText(text, "fuzz.yaml", context);
        require(r.plan.has_value() == r.diagnostics.empty(), "loadPlanText: a plan and diagnostics, or neither");
        for (const auto& d : r.diagnostics) (void)d.str();
    } catch (const core::ConfigError&) {
    }
    return 0;
}

} // namespace v2gbench::fuzz
