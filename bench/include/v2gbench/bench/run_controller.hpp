#pragma once
// One `v2gbench run`: load and validate every input (nothing is switched on when anything is
// wrong), open the bench, run the plans in order, and leave a complete run folder. Front-ends
// (CLI, GUI, tests) call this; it knows no concrete driver — the registry is handed in.
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/answer_source.hpp"
#include "v2gbench/bench/executor.hpp"
#include "v2gbench/bench/plan_loader.hpp"
#include "v2gbench/bench/rack_readiness.hpp"
#include "v2gbench/bench/results.hpp"
#include "v2gbench/bench/run_stream.hpp"
#include "v2gbench/core/driver_registry.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct RunRequest {
    std::vector<std::string> plans;
    std::string benchProfile;
    std::string dutProfile;
    std::string evProfile;                         // empty: the bench profile's ev_profile, if any
    std::vector<std::string> requirementFolders;   // every *.yaml inside is a catalogue
    std::map<std::string, std::string> settings;   // override the bench profile's (e.g. sim.defect)
    std::filesystem::path outDir;                  // the run folder to create; empty: runs/<id>
    std::vector<std::string> commandLine;          // for the manifest
    std::string answersFile;                       // `--answers FILE` for inspect steps; empty: none
    std::vector<std::string> cases;                // `--case ID`: only these cases (bench/case_selection.hpp); empty: all
    std::string signingKey;                        // `--sign-key FILE`; empty: the bench profile's signing_key, if any
    // A certification run is refused (a bench error naming the instrument, nothing switched on) when
    // an instrument has no register entry, another identity or an expired calibration; a run not for
    // certification runs and its summary says so. Front-ends choose: the CLI and the GUI ask for
    // certification unless told otherwise (`--not-for-certification`); the engine's default is not.
    bool forCertification = false;
    // `--rule`: the decision rule (decision_rule.hpp); empty: the bench profile's, else guarded r=1.
    std::string decisionRule;
    // Asked for an inspect answer the answers file lacks (the CLI's terminal prompt, the GUI's
    // dialog); null: such a check is an error. Must outlive the run.
    AnswerSource* operatorAnswers = nullptr;
    // What the run-information file or dialog says of the run (operator, sample_serial, firmware,
    // lab, customer, ...: reports_pdf::runInfoSummaryFields). Recorded as given in summary.json
    // run_info and the journal's run_started; empty: run_info is null. The engine judges none of it.
    std::map<std::string, std::string> runInfo;
    // Live observers (run_stream.hpp: called on the run's thread, must not block); empty: none.
    // With a signal stream, every streamed signal of the bench is read at each supervision tick.
    SignalStreamSink signalStream;
    RunProgressSink runProgress;
};

// What a run produced. Front-ends decide what it means to them (the CLI maps it to an exit code,
// app/exit_codes.hpp); the engine knows no exit codes.
struct RunOutcome {
    Verdict verdict = Verdict::Error;              // the run's: worst of its plans; error when nothing ran
    std::filesystem::path runDir;                  // empty when validation failed before a run
    std::vector<Diagnostic> diagnostics;           // input errors (validation); non-empty → nothing ran
    std::string error;                             // a bench error that stopped the run (opening instruments)
    std::vector<PlanResult> plans;
    double benchTime = 0.0;
    double wallTime = 0.0;
    // Present when the run held a rack self-check plan. Not ready: `error` is its statement, the
    // verdict error, and the charger's plans did not run (the CLI exits 4, app/exit_codes.hpp).
    std::optional<RackReadiness> rack;
    // The key the front-end seals the run folder with (run_seal.hpp) after writing its reports:
    // the request's, else the bench profile's; checked before the run. Empty: sealed unsigned.
    std::string signingKey;
};

struct LoadedInputs;

// Loads the requirement catalogues, DUT profile, bench profile and every plan, collecting all
// problems. Exposed for `v2gbench validate`.
struct ValidationReport {
    std::vector<Diagnostic> diagnostics;
    std::vector<Plan> plans;
};
ValidationReport validateInputs(const RunRequest& request, const core::DriverRegistry* registry);

// Runs; never throws for bad input or instrument failures (those are in the outcome).
RunOutcome executeRun(const RunRequest& request, const core::DriverRegistry& registry, AbortFlag& abort,
                      const ProgressSink& progress);

} // namespace v2gbench::bench
