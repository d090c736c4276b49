#pragma once
// What a run produced, in memory: checks within case instances within plans. The run recorder
// writes it to summary.json (docs/run-folder.md); reports read it back from there.
#include "v2gbench/bench/measurement.hpp"
#include "v2gbench/bench/uncertainty_budget.hpp"
#include "v2gbench/bench/verdict.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::bench {

struct CheckResult {
    std::string name;
    std::string kind;        // "measure" or "response"
    std::string signal;
    std::string method;      // statistic ("mean") or metric ("settling_time")
    std::optional<double> value;
    std::string unit;        // of value, limits, uncertainty
    Limits limits;
    double uncertainty = 0.0; // U: the budget's expanded uncertainty, what the decision rule uses
    // How U was reached (uncertainty_budget.hpp); nullopt for checks that compare no measured
    // value (inspect answers, a DUT's failure to produce one).
    std::optional<UncertaintyBudget> budget;
    Verdict verdict = Verdict::Error;
    std::string reason;
    std::vector<std::string> requirements;
    std::string trace;       // run-folder relative CSV path, empty when none
    double tStart = 0.0;     // bench time of the window / command
    double tEnd = 0.0;
    std::string source;      // file:line:column of the step
    std::vector<std::string> evidence; // bus_check: the messages that support the value
    // The catalogue criterion the limits come from; nullopt: the plan's own limits.
    std::optional<CriterionUse> criterion;
    // Inspect checks: the operator's answer as judged ("yes", "12.31 mm"), who gave it, and where
    // it came from ("answers.yaml:14", "terminal").
    std::string answer;
    std::string answeredBy;
    std::string answerOrigin;
};

struct CaseResult {
    std::string id;
    std::string instance;    // "current=10 A" for for_each instances; empty otherwise
    std::string title;
    Verdict verdict = Verdict::Pass;
    std::string reason;
    std::vector<std::string> requirements;
    std::vector<CheckResult> checks;
    double tStart = 0.0;     // bench clock at the case's start
    double benchTime = 0.0;  // bench seconds the case took
};

struct PlanResult {
    std::string id;
    std::string title;
    std::string file;        // run-folder copy
    std::string source;      // as given on the command line
    std::string sha256;
    Verdict verdict = Verdict::Pass;
    std::string reason;
    double benchTime = 0.0;  // bench clock seconds spent in this plan
    std::vector<std::string> requirements;
    std::vector<CaseResult> cases;
};

// Whether a run can back a certificate: not when any check was judged on an unverified criterion.
struct CertificateStatus {
    bool certificateGrade = true;
    std::vector<CriterionUse> unverified; // each distinct (requirement, criterion) once, sorted
    int planLimitChecks = 0;              // checks judged on limits written in the plan
    std::string statement() const;        // "certificate-grade: yes" / "certificate-grade: no — 3 unverified criteria"
};
CertificateStatus certificateStatus(const std::vector<PlanResult>& plans);

} // namespace v2gbench::bench
