#include "v2gbench/app/exit_codes.hpp"

namespace v2gbench::app {

ExitCode exitCodeFor(bench::Verdict verdict) {
    switch (verdict) {
    case bench::Verdict::Pass:
    case bench::Verdict::NotApplicable: return kExitPass;
    case bench::Verdict::Inconclusive:
    case bench::Verdict::Fail: return kExitFail;
    case bench::Verdict::Error: return kExitInvalidOrBenchError;
    case bench::Verdict::Aborted: return kExitAborted;
    }
    return kExitInvalidOrBenchError;
}

ExitCode exitCodeFor(const bench::RunOutcome& outcome) {
    if (!outcome.diagnostics.empty()) return kExitInvalidOrBenchError;
    if (outcome.rack && !outcome.rack->ready() && outcome.verdict != bench::Verdict::Aborted) return kExitRackNotReady;
    return exitCodeFor(outcome.verdict);
}

} // namespace v2gbench::app
