#pragma once
// The command line's exit codes — a front-end's decision, so they live here and not in the engine
// (bench::RunOutcome carries a verdict; the GUI shows that verdict instead).
//
//   0 every verdict pass or not-applicable
//   1 a fail or inconclusive
//   2 invalid input (nothing was run) or a bench error
//   3 aborted (Ctrl-C, SIGTERM, safety limit)
//   4 rack not ready: a rack self-check plan (or the instrument register) found the rack unfit, and
//     the charger was not judged (bench/rack_readiness.hpp)
#include "v2gbench/bench/run_controller.hpp"

namespace v2gbench::app {

enum ExitCode : int {
    kExitPass = 0,
    kExitFail = 1,
    kExitInvalidOrBenchError = 2,
    kExitAborted = 3,
    kExitRackNotReady = 4,
};

ExitCode exitCodeFor(bench::Verdict verdict);

// A run's exit code: invalid input (diagnostics) is 2, a rack not ready 4 (unless aborted), otherwise
// the run verdict's.
ExitCode exitCodeFor(const bench::RunOutcome& outcome);

} // namespace v2gbench::app
