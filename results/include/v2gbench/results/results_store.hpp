#pragma once
// The results database (docs/racks.md): every run's cases and checks, and the queries history,
// compare, trend and flaky detection are built on.
//
// Contract, for every backend:
// - Blocking: each call returns when the database has answered; SQLite waits up to 30 s for
//   another process's write lock (busy timeout), PostgreSQL for its connection and statements.
// - Failure: any error (unreachable server, locked file, corrupt database, schema newer than this
//   program) throws ResultsError naming the database (URL, password hidden) and what failed. A
//   write that throws has written nothing: each run is one transaction.
// - Idempotence: a run is identified by RunRecord::runKey; writing a key the database already holds
//   writes nothing and returns false. Concurrent writers (processes, racks) of different or equal
//   runs neither lose nor duplicate a run.
// - Concurrency: one store object is used by one thread at a time; open one per thread or process.
// - Opening creates the database and its schema when absent and migrates an older schema; a
//   schema newer than this program is refused.
#include "v2gbench/results/results_url.hpp"
#include "v2gbench/results/run_record.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace v2gbench::results {

class ResultsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Which runs a query covers; an empty field does not filter.
struct RunFilter {
    std::string rack;
    std::string plan;
    std::string check;       // a check key (plan/case/name) or a check name
    std::string dutFirmware;
    std::string since;       // night YYYY-MM-DD, inclusive
};

struct RunHeader {
    std::string runKey;
    std::string runId;
    std::string startedUtc;
    std::string night;
    std::string rack;
    std::string dutSerial;
    std::string dutFirmware;
    std::string evProfile;
    std::string softwareVersion;
    std::string runFolder;
    std::string verdict;
};

// One verdict of a case (or of a check, for history --check) in one run.
struct VerdictCell {
    std::string runKey;
    std::string key; // case key or check key
    std::string verdict;
};

// One check's result in one run, for trend.
struct CheckPoint {
    RunHeader run;
    std::string runKey;
    std::string checkKey;
    std::optional<double> value;
    std::optional<double> uncertainty;
    std::optional<double> low;
    std::optional<double> high;
    std::string unit;
    std::string verdict;
};

// How often a check passed and failed on one rack with one DUT firmware and software version.
struct VerdictCount {
    std::string rack;
    std::string checkKey;
    std::string dutFirmware;
    std::string softwareVersion;
    std::int64_t passes = 0;
    std::int64_t fails = 0;
};

class ResultsStore {
public:
    virtual ~ResultsStore() = default;
    // The URL, password hidden.
    virtual std::string describe() const = 0;
    // Writes the run in one transaction; false when its runKey was already stored.
    virtual bool writeRun(const RunRecord& run) = 0;
    // The run whose key, or else whose run id, is `runKeyOrId`; the latest when several share the id.
    virtual std::optional<RunRecord> readRun(const std::string& runKeyOrId) = 0;
    // Runs matching the filter's rack, firmware and since, oldest first.
    virtual std::vector<RunHeader> runs(const RunFilter& filter) = 0;
    virtual std::string latestNight() = 0; // "" when empty
    // Case verdicts (or, when filter.check is set, that check's verdicts) of the matching runs.
    virtual std::vector<VerdictCell> verdicts(const RunFilter& filter) = 0;
    // Every result of the checks filter.check names, in the matching runs, oldest first.
    virtual std::vector<CheckPoint> checkPoints(const RunFilter& filter) = 0;
    // Per rack, check, firmware and software version: pass and fail counts, only where both are > 0.
    virtual std::vector<VerdictCount> mixedVerdicts(const RunFilter& filter) = 0;
    // Every stored run key, oldest first.
    virtual std::vector<std::string> runKeys() = 0;
    // Sync bookkeeping (results sync): which runs were uploaded to `target` (a redacted URL).
    virtual std::vector<std::string> runKeysNotSyncedTo(const std::string& target) = 0;
    virtual void markSynced(const std::string& runKey, const std::string& target) = 0;
};

// Opens (creating or migrating) the database at `url`. Throws ResultsError.
std::unique_ptr<ResultsStore> openResultsStore(const ResultsUrl& url);

// The schema version this program writes.
int currentSchemaVersion();

} // namespace v2gbench::results
