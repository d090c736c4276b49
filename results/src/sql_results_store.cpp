// The results store on SQL: one schema and one set of statements for SQLite and PostgreSQL
// (sql_connection.hpp hides the drivers; the DDL differs only in its id and number types).
#include "sql_connection.hpp"

#include "v2gbench/results/results_store.hpp"
#include "v2gbench/core/utc_time.hpp"

#include <ctime>
#include <map>

namespace v2gbench::results {

namespace {

// Schema migrations, in order: migration N takes a database from version N-1 to N. {ID}, {INT}
// and {REAL} are replaced by the dialect's types. Never edit a shipped migration; add the next.
struct Migration {
    int version;
    std::vector<std::string> statements;
};

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1,
         {"CREATE TABLE runs (id {ID}, run_key TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL, started_utc TEXT NOT NULL,"
          " night TEXT NOT NULL, rack TEXT NOT NULL, dut_model TEXT NOT NULL, dut_serial TEXT NOT NULL,"
          " dut_firmware TEXT NOT NULL, ev_profile TEXT NOT NULL, software_version TEXT NOT NULL,"
          " run_folder TEXT NOT NULL, manifest_sha256 TEXT NOT NULL, verdict TEXT NOT NULL)",
          "CREATE INDEX runs_night ON runs (night, started_utc)",
          "CREATE INDEX runs_rack_night ON runs (rack, night)",
          "CREATE INDEX runs_run_id ON runs (run_id)",
          // Case and check names are stored once (a night repeats the same ~500 checks).
          "CREATE TABLE case_defs (id {ID}, case_key TEXT NOT NULL UNIQUE, plan TEXT NOT NULL, case_id TEXT NOT NULL,"
          " instance TEXT NOT NULL)",
          "CREATE INDEX case_defs_plan ON case_defs (plan)",
          "CREATE TABLE check_defs (id {ID}, check_key TEXT NOT NULL UNIQUE, plan TEXT NOT NULL, case_id TEXT NOT NULL,"
          " instance TEXT NOT NULL, name TEXT NOT NULL)",
          "CREATE INDEX check_defs_name ON check_defs (name)",
          "CREATE INDEX check_defs_plan ON check_defs (plan)",
          "CREATE TABLE cases (run_ref {INT} NOT NULL REFERENCES runs (id), case_ref {INT} NOT NULL REFERENCES case_defs (id),"
          " verdict TEXT NOT NULL, PRIMARY KEY (run_ref, case_ref))",
          "CREATE TABLE checks (run_ref {INT} NOT NULL REFERENCES runs (id), check_ref {INT} NOT NULL REFERENCES check_defs (id),"
          " value {REAL}, uncertainty {REAL}, low {REAL}, high {REAL}, unit TEXT NOT NULL, verdict TEXT NOT NULL,"
          " trace TEXT NOT NULL)",
          "CREATE INDEX checks_run ON checks (run_ref)",
          "CREATE INDEX checks_check_run ON checks (check_ref, run_ref)",
          // results sync: which runs reached which server.
          "CREATE TABLE synced (run_key TEXT NOT NULL, target TEXT NOT NULL, synced_utc TEXT NOT NULL,"
          " PRIMARY KEY (run_key, target))"}},
        // trend reads one check across every run: a covering index answers it without touching the
        // table (one page per run otherwise: seconds at 50 racks x 365 nights).
        {2,
         {"CREATE INDEX checks_trend ON checks (check_ref, run_ref{INCLUDE}value, uncertainty, low, high, unit, verdict)",
          "DROP INDEX checks_check_run"}},
    };
    return list;
}

std::string substituteTypes(std::string sql, SqlDialect dialect) {
    const bool pg = dialect == SqlDialect::Postgresql;
    const std::pair<std::string, std::string> types[] = {
        {"{ID}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY"},
        {"{INT}", pg ? "BIGINT" : "INTEGER"},
        {"{REAL}", pg ? "DOUBLE PRECISION" : "REAL"},
        // Covering index columns: PostgreSQL keeps them out of the key, SQLite appends them to it.
        {"{INCLUDE}", pg ? ") INCLUDE (" : ", "},
    };
    for (const auto& [from, to] : types)
        for (auto at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size()))
            sql.replace(at, from.size(), to);
    return sql;
}

SqlValue optionalValue(const std::optional<double>& v) { return v ? SqlValue{*v} : SqlValue{}; }

std::optional<double> optionalDouble(const SqlValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
    return std::nullopt;
}

// The run columns every run query selects, in RunHeader order.
constexpr const char* kRunColumns =
    "r.run_key, r.run_id, r.started_utc, r.night, r.rack, r.dut_serial, r.dut_firmware, r.ev_profile,"
    " r.software_version, r.run_folder, r.verdict";

RunHeader runHeader(const SqlRow& row, std::size_t first = 0) {
    RunHeader h;
    std::string* fields[] = {&h.runKey,      &h.runId,     &h.startedUtc,      &h.night,
                             &h.rack,        &h.dutSerial, &h.dutFirmware,     &h.evProfile,
                             &h.softwareVersion, &h.runFolder, &h.verdict};
    for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = text(row[first + i]);
    return h;
}

// The WHERE conditions of a filter on runs r (and, for plan and check, on the definitions d of
// the joined cases or checks when `definitions` names them).
struct Conditions {
    std::string sql;
    std::vector<SqlValue> params;
    void add(const std::string& condition, std::vector<SqlValue> values) {
        sql += " AND " + condition;
        for (auto& v : values) params.push_back(std::move(v));
    }
};

Conditions runConditions(const RunFilter& f) {
    Conditions c;
    if (!f.rack.empty()) c.add("r.rack = ?", {f.rack});
    if (!f.dutFirmware.empty()) c.add("r.dut_firmware = ?", {f.dutFirmware});
    if (!f.since.empty()) c.add("r.night >= ?", {f.since});
    return c;
}

class SqlResultsStore final : public ResultsStore {
public:
    explicit SqlResultsStore(std::unique_ptr<SqlConnection> db) : m_db(std::move(db)) { migrate(); }

    std::string describe() const override { return m_db->name(); }

    bool writeRun(const RunRecord& run) override {
        m_db->beginWrite();
        try {
            const auto inserted = m_db->query(
                "INSERT INTO runs (run_key, run_id, started_utc, night, rack, dut_model, dut_serial, dut_firmware,"
                " ev_profile, software_version, run_folder, manifest_sha256, verdict)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key) DO NOTHING RETURNING id",
                {run.runKey, run.runId, run.startedUtc, run.night, run.rack, run.dutModel, run.dutSerial, run.dutFirmware,
                 run.evProfile, run.softwareVersion, run.runFolder, run.manifestSha256, run.verdict});
            if (inserted.empty()) {
                m_db->rollback();
                return false;
            }
            const std::int64_t runRef = integer(inserted.front().front());
            insertRows("INSERT INTO cases (run_ref, case_ref, verdict) VALUES ", 3, run.cases.size(),
                       [&](std::size_t i, std::vector<SqlValue>& p) {
                           const auto& c = run.cases[i];
                           p.insert(p.end(), {runRef, caseRef(c), c.verdict});
                       });
            insertRows("INSERT INTO checks (run_ref, check_ref, value, uncertainty, low, high, unit, verdict, trace) VALUES ",
                       9, run.checks.size(), [&](std::size_t i, std::vector<SqlValue>& p) {
                           const auto& k = run.checks[i];
                           p.insert(p.end(), {runRef, checkRef(k), optionalValue(k.value), optionalValue(k.uncertainty),
                                              optionalValue(k.low), optionalValue(k.high), k.unit, k.verdict, k.trace});
                       });
            m_db->commit();
            return true;
        } catch (...) {
            m_db->rollback();
            // Definitions inserted by the rolled-back transaction are gone: forget their ids.
            m_caseRefs.clear();
            m_checkRefs.clear();
            throw;
        }
    }

    std::optional<RunRecord> readRun(const std::string& keyOrId) override {
        auto rows = m_db->query(std::string("SELECT r.id, ") + kRunColumns +
                                    ", r.dut_model, r.manifest_sha256 FROM runs r WHERE r.run_key = ?",
                                {keyOrId});
        if (rows.empty())
            rows = m_db->query(std::string("SELECT r.id, ") + kRunColumns +
                                   ", r.dut_model, r.manifest_sha256 FROM runs r WHERE r.run_id = ?"
                                   " ORDER BY r.started_utc DESC, r.run_key DESC LIMIT 1",
                               {keyOrId});
        if (rows.empty()) return std::nullopt;
        const auto& row = rows.front();
        const std::int64_t id = integer(row[0]);
        const RunHeader h = runHeader(row, 1);
        RunRecord run;
        run.runKey = h.runKey;
        run.runId = h.runId;
        run.startedUtc = h.startedUtc;
        run.night = h.night;
        run.rack = h.rack;
        run.dutSerial = h.dutSerial;
        run.dutFirmware = h.dutFirmware;
        run.evProfile = h.evProfile;
        run.softwareVersion = h.softwareVersion;
        run.runFolder = h.runFolder;
        run.verdict = h.verdict;
        run.dutModel = text(row[12]);
        run.manifestSha256 = text(row[13]);
        for (const auto& c : m_db->query("SELECT d.plan, d.case_id, d.instance, c.verdict FROM cases c"
                                         " JOIN case_defs d ON d.id = c.case_ref WHERE c.run_ref = ? ORDER BY d.case_key",
                                         {id}))
            run.cases.push_back({text(c[0]), text(c[1]), text(c[2]), text(c[3])});
        for (const auto& k : m_db->query("SELECT d.plan, d.case_id, d.instance, d.name, k.value, k.uncertainty, k.low,"
                                         " k.high, k.unit, k.verdict, k.trace FROM checks k"
                                         " JOIN check_defs d ON d.id = k.check_ref WHERE k.run_ref = ? ORDER BY d.check_key",
                                         {id})) {
            CheckRecord check;
            check.plan = text(k[0]);
            check.caseId = text(k[1]);
            check.instance = text(k[2]);
            check.name = text(k[3]);
            check.value = optionalDouble(k[4]);
            check.uncertainty = optionalDouble(k[5]);
            check.low = optionalDouble(k[6]);
            check.high = optionalDouble(k[7]);
            check.unit = text(k[8]);
            check.verdict = text(k[9]);
            check.trace = text(k[10]);
            run.checks.push_back(std::move(check));
        }
        return run;
    }

    std::vector<RunHeader> runs(const RunFilter& f) override {
        auto c = runConditions(f);
        if (!f.plan.empty())
            c.add("EXISTS (SELECT 1 FROM cases c JOIN case_defs d ON d.id = c.case_ref WHERE c.run_ref = r.id AND d.plan = ?)",
                  {f.plan});
        if (!f.check.empty())
            c.add("EXISTS (SELECT 1 FROM checks k JOIN check_defs d ON d.id = k.check_ref WHERE k.run_ref = r.id"
                  " AND (d.check_key = ? OR d.name = ?))",
                  {f.check, f.check});
        std::vector<RunHeader> out;
        for (const auto& row : m_db->query(std::string("SELECT ") + kRunColumns + " FROM runs r WHERE 1 = 1" + c.sql +
                                               " ORDER BY r.started_utc, r.run_key",
                                           c.params))
            out.push_back(runHeader(row));
        return out;
    }

    std::string latestNight() override {
        const auto rows = m_db->query("SELECT MAX(night) FROM runs", {});
        return rows.empty() ? std::string() : text(rows.front().front());
    }

    std::vector<VerdictCell> verdicts(const RunFilter& f) override {
        auto c = runConditions(f);
        if (!f.plan.empty()) c.add("d.plan = ?", {f.plan});
        std::string sql;
        if (f.check.empty()) {
            // Runs first (SQLite keeps CROSS JOIN's order; without statistics it would scan every case).
            sql = "SELECT r.run_key, d.case_key, c.verdict FROM runs r CROSS JOIN cases c"
                  " JOIN case_defs d ON d.id = c.case_ref WHERE c.run_ref = r.id";
        } else {
            c.add("(d.check_key = ? OR d.name = ?)", {f.check, f.check});
            sql = "SELECT r.run_key, d.check_key, k.verdict FROM runs r JOIN checks k ON k.run_ref = r.id"
                  " JOIN check_defs d ON d.id = k.check_ref WHERE 1 = 1";
        }
        std::vector<VerdictCell> out;
        for (const auto& row : m_db->query(sql + c.sql + " ORDER BY r.started_utc, r.run_key", c.params))
            out.push_back({text(row[0]), text(row[1]), text(row[2])});
        return out;
    }

    std::vector<CheckPoint> checkPoints(const RunFilter& f) override {
        if (f.check.empty()) throw std::invalid_argument("checkPoints needs a check");
        auto c = runConditions(f);
        if (!f.plan.empty()) c.add("d.plan = ?", {f.plan});
        // The definitions first (indexed by key and by name), then their results.
        c.add("(d.check_key = ? OR d.name = ?)", {f.check, f.check});
        std::vector<CheckPoint> out;
        for (const auto& row : m_db->query(std::string("SELECT ") + kRunColumns +
                                               ", d.check_key, k.value, k.uncertainty, k.low, k.high, k.unit, k.verdict"
                                               " FROM check_defs d JOIN checks k ON k.check_ref = d.id"
                                               " JOIN runs r ON r.id = k.run_ref WHERE 1 = 1" +
                                               c.sql + " ORDER BY r.started_utc, r.run_key",
                                           c.params)) {
            CheckPoint p;
            p.run = runHeader(row);
            p.runKey = p.run.runKey;
            p.checkKey = text(row[11]);
            p.value = optionalDouble(row[12]);
            p.uncertainty = optionalDouble(row[13]);
            p.low = optionalDouble(row[14]);
            p.high = optionalDouble(row[15]);
            p.unit = text(row[16]);
            p.verdict = text(row[17]);
            out.push_back(std::move(p));
        }
        return out;
    }

    std::vector<VerdictCount> mixedVerdicts(const RunFilter& f) override {
        auto c = runConditions(f);
        if (!f.plan.empty()) c.add("d.plan = ?", {f.plan});
        if (!f.check.empty()) c.add("(d.check_key = ? OR d.name = ?)", {f.check, f.check});
        const std::string passes = "SUM(CASE WHEN k.verdict = 'pass' THEN 1 ELSE 0 END)";
        const std::string fails = "SUM(CASE WHEN k.verdict = 'fail' THEN 1 ELSE 0 END)";
        std::vector<VerdictCount> out;
        for (const auto& row : m_db->query(
                 "SELECT r.rack, d.check_key, r.dut_firmware, r.software_version, " + passes + ", " + fails +
                     " FROM runs r JOIN checks k ON k.run_ref = r.id JOIN check_defs d ON d.id = k.check_ref WHERE 1 = 1" +
                     c.sql + " GROUP BY r.rack, d.check_key, r.dut_firmware, r.software_version HAVING " + passes +
                     " > 0 AND " + fails + " > 0 ORDER BY d.check_key, r.rack, r.dut_firmware, r.software_version",
                 c.params))
            out.push_back({text(row[0]), text(row[1]), text(row[2]), text(row[3]), integer(row[4]), integer(row[5])});
        return out;
    }

    std::vector<std::string> runKeys() override {
        std::vector<std::string> out;
        for (const auto& row : m_db->query("SELECT run_key FROM runs ORDER BY started_utc, run_key", {}))
            out.push_back(text(row[0]));
        return out;
    }

    std::vector<std::string> runKeysNotSyncedTo(const std::string& target) override {
        std::vector<std::string> out;
        for (const auto& row : m_db->query("SELECT r.run_key FROM runs r WHERE NOT EXISTS (SELECT 1 FROM synced s"
                                           " WHERE s.run_key = r.run_key AND s.target = ?) ORDER BY r.started_utc, r.run_key",
                                           {target}))
            out.push_back(text(row[0]));
        return out;
    }

    void markSynced(const std::string& runKey, const std::string& target) override {
        m_db->query("INSERT INTO synced (run_key, target, synced_utc) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    {runKey, target, core::utcNow(core::UtcFormat::Seconds)});
    }

private:
    // Creates the schema or brings it to the current version, one transaction per migration; the
    // write lock (SQLite) or an advisory lock (PostgreSQL) makes concurrent openers wait in turn.
    void migrate() {
        const bool pg = m_db->dialect() == SqlDialect::Postgresql;
        for (;;) {
            m_db->beginWrite();
            try {
                if (pg) m_db->query("SELECT pg_advisory_xact_lock(1515015)", {});
                m_db->query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", {});
                auto rows = m_db->query("SELECT MAX(version) FROM schema_version", {});
                const std::int64_t version = rows.empty() ? 0 : integer(rows.front().front());
                if (version > currentSchemaVersion())
                    throw ResultsError(m_db->name() + ": schema version " + std::to_string(version) +
                                       " is newer than this program's (" + std::to_string(currentSchemaVersion()) +
                                       "); use a newer v2gbench");
                const Migration* next = nullptr;
                for (const auto& m : migrations())
                    if (m.version == version + 1) next = &m;
                if (!next) {
                    m_db->commit();
                    return;
                }
                for (const auto& statement : next->statements) m_db->query(substituteTypes(statement, m_db->dialect()), {});
                m_db->query("DELETE FROM schema_version", {});
                m_db->query("INSERT INTO schema_version (version) VALUES (?)", {std::int64_t{next->version}});
                m_db->commit();
            } catch (...) {
                m_db->rollback();
                throw;
            }
        }
    }

    // Multi-row INSERTs, at most 100 rows (and 999 parameters) per statement.
    template <typename Bind>
    void insertRows(const std::string& head, std::size_t columns, std::size_t count, Bind bind) {
        constexpr std::size_t kRowsPerStatement = 100;
        std::string tuple = "(";
        for (std::size_t c = 0; c < columns; ++c) tuple += c ? ", ?" : "?";
        tuple += ")";
        for (std::size_t first = 0; first < count; first += kRowsPerStatement) {
            const std::size_t n = std::min(kRowsPerStatement, count - first);
            std::string sql = head;
            std::vector<SqlValue> params;
            params.reserve(n * columns);
            for (std::size_t i = 0; i < n; ++i) {
                sql += i ? ", " + tuple : tuple;
                bind(first + i, params);
            }
            m_db->query(sql, params);
        }
    }

    std::int64_t definitionRef(std::map<std::string, std::int64_t>& cache, const std::string& table,
                               const std::string& keyColumn, const std::string& key, std::vector<SqlValue> columns,
                               const std::string& columnNames) {
        if (const auto it = cache.find(key); it != cache.end()) return it->second;
        std::string placeholders = "?";
        for (std::size_t i = 0; i < columns.size(); ++i) placeholders += ", ?";
        columns.insert(columns.begin(), key);
        auto rows = m_db->query("INSERT INTO " + table + " (" + keyColumn + ", " + columnNames + ") VALUES (" +
                                    placeholders + ") ON CONFLICT (" + keyColumn + ") DO NOTHING RETURNING id",
                                columns);
        // Another writer stored it first: read its id (committed, so visible to this statement).
        if (rows.empty()) rows = m_db->query("SELECT id FROM " + table + " WHERE " + keyColumn + " = ?", {key});
        if (rows.empty()) throw ResultsError(m_db->name() + ": " + table + " lost '" + key + "'");
        return cache[key] = integer(rows.front().front());
    }
    std::int64_t caseRef(const CaseRecord& c) {
        return definitionRef(m_caseRefs, "case_defs", "case_key", c.key(), {c.plan, c.caseId, c.instance},
                             "plan, case_id, instance");
    }
    std::int64_t checkRef(const CheckRecord& k) {
        return definitionRef(m_checkRefs, "check_defs", "check_key", k.key(), {k.plan, k.caseId, k.instance, k.name},
                             "plan, case_id, instance, name");
    }

    std::unique_ptr<SqlConnection> m_db;
    std::map<std::string, std::int64_t> m_caseRefs;
    std::map<std::string, std::int64_t> m_checkRefs;
};

} // namespace

int currentSchemaVersion() { return migrations().back().version; }

std::unique_ptr<ResultsStore> openResultsStore(const ResultsUrl& url) {
    if (url.kind == ResultsUrl::Kind::Sqlite)
        return std::make_unique<SqlResultsStore>(openSqlite(url.sqlitePath, url.redacted()));
    return std::make_unique<SqlResultsStore>(openPostgres(url.text, url.redacted()));
}

} // namespace v2gbench::results
