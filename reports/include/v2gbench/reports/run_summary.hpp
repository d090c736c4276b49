#pragma once
// The parsed summary.json of a run folder (docs/run-folder.md, format "v2gbench-run/1").
// Plain data: the report writers only read it. JSON parsing stays in run_summary.cpp so that no
// public header drags nlohmann_json into its users.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace v2gbench::reports {

// Ordered from best to worst: the run, a plan and a case take the worst of their parts.
enum class Verdict { Pass, NotApplicable, Inconclusive, Fail, Error, Aborted };

std::string_view toString(Verdict verdict);
// Throws std::invalid_argument for anything that is not one of the six verdict spellings.
Verdict parseVerdict(std::string_view text);
Verdict worst(Verdict a, Verdict b);

// An input file as used by the run: copy inside the run folder, original path, hash.
struct InputFile {
    std::string file;   // path relative to the run folder, e.g. "inputs/bench.yaml"
    std::string source; // original path as given on the command line
    std::string sha256;
};

struct BenchInfo : InputFile {
    std::string name;
};

struct DutInfo : InputFile {
    std::string manufacturer;
    std::string model;
    // Ratings as display text, key order as in the file (keys carry their unit, e.g. dc_max_voltage_V).
    std::vector<std::pair<std::string, std::string>> ratings;
};

struct InstrumentInfo {
    std::string role;
    std::string driver;
    std::string uri;
    std::string manufacturer;
    std::string model;
    std::string serial;
    std::string firmware;
    std::string calibrationDue;
    // Its instrument-register entry as the run matched it (summary "register"); empty in older runs.
    std::string registerId;
    std::string registerState; // calibrated, simulation, no-entry, identity-mismatch, calibration-expired
    std::string calibrationCertificate;
    std::string calibrationLab;
    std::string calibrationDate;
};

// A criterion of a catalogue entry, as the run's catalogues stated it.
struct CriterionInfo {
    std::string name;
    std::string text;
    std::string source;
    std::string confidence; // "confirmed", "single-source" or "unverified"
    std::string ours;       // unverified: where our number comes from
};

struct RequirementInfo {
    std::string id;
    std::string catalogue;
    std::string standard;
    std::string clause;
    std::string title;
    std::string summary;
    std::string source;
    std::string confidence; // of the entry; empty when the catalogue did not know the id
    std::vector<CriterionInfo> criteria;
    std::optional<Verdict> verdict; // absent when no check covered the requirement
    int checks = 0;
};

// One term of a check's uncertainty budget (summary "budget.contributions").
struct BudgetContribution {
    std::string name;
    std::string source;
    std::string type; // "A" or "B"
    std::optional<double> standard; // standard uncertainty, in `unit`
    std::optional<double> sensitivity;
    std::string unit;
};

// A check's uncertainty budget (summary "budget"): contributions, combined standard and expanded U.
struct UncertaintyBudget {
    std::string kind; // level, time, rate, bus
    std::optional<double> k;
    std::optional<double> combinedStandard;
    std::optional<double> expanded;
    std::string unit;
    std::vector<BudgetContribution> contributions;
    std::string note; // why U is zero or lacks a term ("a count of frames is exact"); empty otherwise
};

struct CheckResult {
    std::string name;
    std::string kind;      // "measure", "response" or "bus"
    std::string signal;
    std::string statistic; // for kind "measure"
    std::string metric;    // for kinds "response" and "bus"
    std::optional<double> value; // null when nothing could be measured
    std::string unit;
    std::optional<double> low;  // null: unbounded below
    std::optional<double> high; // null: unbounded above
    std::optional<double> nominal;
    std::string limitText;
    std::optional<double> uncertainty;
    Verdict verdict = Verdict::Error;
    std::string reason;
    std::vector<std::string> requirements;
    std::string trace; // relative to the run folder, empty when no signal was recorded
    std::optional<double> tStartS;
    std::optional<double> tEndS;
    std::string source; // plan file:line:column of the check
    std::vector<std::string> evidence; // bus checks: the bus messages behind the value
    // The catalogue criterion the limits came from; empty name: the plan's own limits.
    std::string criterionRequirement;
    CriterionInfo criterion;
    // Inspect checks: the answer as judged, who entered it, where it came from.
    std::string answer;
    std::string answeredBy;
    std::string answerOrigin;
    // Under the run's decision rule: "pass", "conditional pass", ...; empty when not decided by limits.
    std::string decision;
    std::optional<double> guardBand;
    std::optional<UncertaintyBudget> budget; // absent in runs written before budgets
};

struct CaseResult {
    std::string id;
    std::string instance; // e.g. "current=10 A"; empty for a case without for_each
    std::string title;
    Verdict verdict = Verdict::Error;
    std::string reason;
    std::optional<double> benchTimeS; // optional in the format; JUnit time falls back to 0
    std::vector<std::string> requirements;
    std::vector<CheckResult> checks;
};

struct PlanResult : InputFile {
    std::string id;
    std::string title;
    Verdict verdict = Verdict::Error;
    std::string reason;
    std::optional<double> benchTimeS;
    std::vector<CaseResult> cases;
};

struct CatalogueEntry {
    std::string id;
    std::string clause;
    std::string title;
    std::string confidence;
};

// A catalogue the run loaded, with every entry (coverage counts against all of them).
struct CatalogueInfo {
    std::string name;
    std::string standard;
    std::string title;
    bool complete = false; // the entries are every case of the standard
    std::vector<CatalogueEntry> entries;
    std::optional<int> casesInStandard; // the standard's case count: coverage counts against it
};

// Whether the run can back a certificate: not when any check was judged on an unverified criterion.
struct CertificateInfo {
    bool known = false;            // false: an older summary.json without the field
    bool certificateGrade = false;
    std::string statement;         // "certificate-grade: no — 3 unverified criteria"
    std::vector<std::pair<std::string, CriterionInfo>> unverified; // (requirement, criterion)
    int planLimitChecks = 0;       // checks judged on the plan's own limits
};

// Whether the run was a certification run (the instrument register admitted every instrument).
struct CertificationInfo {
    bool known = false; // false: an older summary.json without the field
    bool requested = false;
    bool forCertification = false;
    std::string statement;
    std::vector<std::string> refused; // one line per instrument not admitted, naming it
};

// A case of a standard in scope and what the run did about it (summary "standard_coverage").
struct CoverageCase {
    std::string id;
    std::string title;
    std::string status; // tested, not-tested, not-applicable, unverified (bench/standard_coverage.hpp)
    std::string verdict; // as written; empty when the case was not tested
    std::string reason;
};

struct StandardCoverage {
    std::string standard;
    std::vector<CoverageCase> cases;
    bool complete = true; // the cases are the standard's full list (false: a catalogue's own entries)
};

// The rack's readiness when the run held a rack self-check plan (bench/rack_readiness.hpp).
struct RackInfo {
    bool present = false; // false: no self-check in the run (or an older summary.json)
    bool ready = true;
    std::vector<std::string> selfCheckPlans;
    std::vector<std::string> reasons;     // why not ready, one line each
    std::vector<std::string> plansNotRun; // the charger's plans that did not run
};

struct RunSummary {
    std::string format;
    std::string toolVersion;
    std::string runId;
    std::string startedUtc;
    std::string finishedUtc;
    std::optional<double> wallTimeS;
    std::optional<double> benchTimeS;
    std::string clock;
    Verdict verdict = Verdict::Error;
    std::optional<int> exitCode;
    std::string abortReason;
    BenchInfo bench;
    DutInfo dut;
    std::vector<std::pair<std::string, std::string>> settings; // key order as in the file
    std::vector<InstrumentInfo> instruments;
    std::vector<RequirementInfo> requirements;
    std::vector<CatalogueInfo> catalogues;
    CertificateInfo certificate;
    CertificationInfo certification;
    bool simulation = false; // a simulated lab: not a test of a physical charger
    RackInfo rack;
    std::string decisionRule;          // its name ("guarded r=1"); empty in older runs
    std::string decisionRuleStatement; // the sentence the report prints
    std::vector<PlanResult> plans;
    std::vector<StandardCoverage> standardCoverage; // empty in runs written before it
    std::map<std::string, int> counts;
    // Extra inputs listed in manifest.json (requirement catalogues, ...); filled by loadRunFolder.
    std::vector<InputFile> extraInputs;
};

// Parses summary.json text. `fileName` is only used in error messages. Throws std::runtime_error
// "<fileName>: <what is wrong> (at <json path>)" on malformed JSON, a missing required field
// (format, run_id, verdict, plans) or a field of the wrong type; optional fields may be absent.
RunSummary parseRunSummary(std::string_view jsonText, const std::string& fileName);

// Reads <runDir>/summary.json (and, when present, the input list of <runDir>/manifest.json).
// Throws std::runtime_error naming the file when it is missing or malformed.
RunSummary loadRunSummary(const std::filesystem::path& runDir);

} // namespace v2gbench::reports
