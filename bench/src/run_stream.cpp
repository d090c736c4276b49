#include "v2gbench/bench/run_stream.hpp"

#include <algorithm>

namespace v2gbench::bench {

double RunProgress::fraction() const {
    const double plans = static_cast<double>(std::max<std::size_t>(planCount, 1));
    double inPlan = 0.0;
    switch (phase) {
    case Phase::Setup: inPlan = 0.0; break;
    case Phase::Case:
        if (caseCount > 0) {
            const double step = stepCount > 0 ? static_cast<double>(std::min(stepIndex, stepCount)) / stepCount : 0.0;
            inPlan = (static_cast<double>(std::min(caseIndex, caseCount)) + step) / static_cast<double>(caseCount);
        }
        break;
    case Phase::Teardown:
    case Phase::PlanFinished:
        inPlan = caseCount > 0 ? static_cast<double>(std::min(caseIndex, caseCount)) / static_cast<double>(caseCount) : 1.0;
        break;
    }
    return std::clamp((static_cast<double>(planIndex) + std::min(inPlan, 1.0)) / plans, 0.0, 1.0);
}

} // namespace v2gbench::bench
