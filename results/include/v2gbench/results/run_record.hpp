#pragma once
// One run as the results database holds it: the run's identity (rack, DUT, EV, software, run
// folder, manifest hash), its case verdicts and every check's value, U, limits and verdict.
// Traces stay in the run folder; `trace` is their path inside it.
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::results {

struct CaseRecord {
    std::string plan;
    std::string caseId;
    std::string instance; // empty for a case without for_each
    std::string verdict;  // reports::toString spelling
    // "plan/case" or "plan/case[instance]": how history names a case.
    std::string key() const;
};

struct CheckRecord {
    std::string plan;
    std::string caseId;
    std::string instance;
    std::string name;
    std::optional<double> value;
    std::optional<double> uncertainty;
    std::optional<double> low;
    std::optional<double> high;
    std::string unit;
    std::string verdict;
    std::string trace; // relative to the run folder; empty when no signal was recorded
    // "plan/case[instance]/name": how trend and compare name a check.
    std::string key() const;
};

struct RunRecord {
    // Stable identity: "<run_id>@<first 16 hex digits of the manifest's SHA-256>". Importing the
    // same run folder twice gives the same key, so the store keeps it once.
    std::string runKey;
    std::string runId;
    std::string startedUtc; // ISO 8601
    std::string night;      // the UTC date the run started, YYYY-MM-DD
    std::string rack;       // the bench profile's name
    std::string dutModel;
    std::string dutSerial;
    std::string dutFirmware;
    std::string evProfile;
    std::string softwareVersion; // tool version and git commit
    std::string runFolder;       // absolute path
    std::string manifestSha256;
    std::string verdict;
    std::vector<CaseRecord> cases;
    std::vector<CheckRecord> checks;
};

} // namespace v2gbench::results
