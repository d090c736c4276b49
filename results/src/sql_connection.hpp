#pragma once
// A database connection as the results store needs it: statements with `?` placeholders, typed
// values, explicit transactions. Two implementations: SQLite (sqlite_connection.cpp) and
// PostgreSQL through libpq (postgres_connection.cpp). Errors throw ResultsError naming the
// database and the failing statement.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace v2gbench::results {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using SqlRow = std::vector<SqlValue>;

enum class SqlDialect { Sqlite, Postgresql };

class SqlConnection {
public:
    virtual ~SqlConnection() = default;
    virtual SqlDialect dialect() const = 0;
    virtual const std::string& name() const = 0; // for messages (URL, password hidden)
    // One statement; `?` placeholders bound to `params` in order. Returns its rows.
    virtual std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    // Starts a write transaction that holds the write lock from its start (SQLite BEGIN IMMEDIATE).
    virtual void beginWrite() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
};

std::unique_ptr<SqlConnection> openSqlite(const std::string& path, const std::string& name);
std::unique_ptr<SqlConnection> openPostgres(const std::string& url, const std::string& name);

// Rows' cells as C++ values (NULL as empty / nullopt).
std::string text(const SqlValue& v);
std::int64_t integer(const SqlValue& v);

} // namespace v2gbench::results
