#include "sql_connection.hpp"

#include "v2gbench/results/results_store.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <map>

namespace v2gbench::results {

namespace {

// Another process's write lock is waited for this long before a write fails.
constexpr int kBusyTimeoutMs = 30'000;

class SqliteConnection final : public SqlConnection {
public:
    SqliteConnection(const std::string& path, std::string name) : m_name(std::move(name)) {
        const auto parent = std::filesystem::path(path).parent_path();
        std::error_code ec;
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            throw ResultsError(m_name + ": cannot open: " + message);
        }
        sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
        query("PRAGMA journal_mode=WAL", {});
        query("PRAGMA synchronous=NORMAL", {}); // WAL: durable at checkpoint, never corrupt
        query("PRAGMA foreign_keys=ON", {});
        // trend and history sort tens of thousands of rows: in memory, with a 32 MiB page cache.
        query("PRAGMA temp_store=MEMORY", {});
        query("PRAGMA cache_size=-32768", {});
    }
    ~SqliteConnection() override {
        for (auto& [sql, statement] : m_statements) sqlite3_finalize(statement);
        sqlite3_close(m_db);
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    SqlDialect dialect() const override { return SqlDialect::Sqlite; }
    const std::string& name() const override { return m_name; }

    std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
        sqlite3_stmt* statement = prepared(sql);
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i + 1);
            const auto& p = params[i];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::monostate>(p)) rc = sqlite3_bind_null(statement, index);
            else if (const auto* n = std::get_if<std::int64_t>(&p)) rc = sqlite3_bind_int64(statement, index, *n);
            else if (const auto* d = std::get_if<double>(&p)) rc = sqlite3_bind_double(statement, index, *d);
            else {
                const auto& s = std::get<std::string>(p);
                rc = sqlite3_bind_text(statement, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
            }
            if (rc != SQLITE_OK) fail("binding parameter " + std::to_string(index), sql);
        }
        std::vector<SqlRow> rows;
        for (;;) {
            const int rc = sqlite3_step(statement);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                const std::string message = sqlite3_errmsg(m_db);
                sqlite3_reset(statement);
                throw ResultsError(m_name + ": " + message + " (in: " + sql.substr(0, 120) + ")");
            }
            const int columns = sqlite3_column_count(statement);
            SqlRow row;
            row.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                switch (sqlite3_column_type(statement, c)) {
                case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
                case SQLITE_INTEGER: row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, c))); break;
                case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(statement, c)); break;
                default: {
                    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
                    row.emplace_back(std::string(t ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
                }
                }
            }
            rows.push_back(std::move(row));
        }
        sqlite3_reset(statement);
        return rows;
    }

    void beginWrite() override { query("BEGIN IMMEDIATE", {}); }
    void commit() override { query("COMMIT", {}); }
    void rollback() noexcept override { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }

private:
    sqlite3_stmt* prepared(const std::string& sql) {
        if (const auto it = m_statements.find(sql); it != m_statements.end()) return it->second;
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK)
            fail("preparing", sql);
        m_statements.emplace(sql, statement);
        return statement;
    }
    [[noreturn]] void fail(const std::string& what, const std::string& sql) {
        throw ResultsError(m_name + ": " + what + ": " + sqlite3_errmsg(m_db) + " (in: " + sql.substr(0, 120) + ")");
    }

    std::string m_name;
    sqlite3* m_db = nullptr;
    std::map<std::string, sqlite3_stmt*> m_statements;
};

} // namespace

std::unique_ptr<SqlConnection> openSqlite(const std::string& path, const std::string& name) {
    return std::make_unique<SqliteConnection>(path, name);
}

std::string text(const SqlValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
    if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    return {};
}

std::int64_t integer(const SqlValue& v) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
    return 0;
}

} // namespace v2gbench::results
