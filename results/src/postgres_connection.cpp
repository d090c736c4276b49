#include "sql_connection.hpp"

#include "v2gbench/results/results_store.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>

namespace v2gbench::results {

namespace {

// Type OIDs of the columns the store reads (pg_type.dat).
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

class PostgresConnection final : public SqlConnection {
public:
    PostgresConnection(const std::string& url, std::string name) : m_name(std::move(name)) {
        // A rack that cannot reach the server fails within 10 s unless the URL says otherwise
        // (later keywords win: the URL's own connect_timeout overrides ours).
        const char* keywords[] = {"connect_timeout", "dbname", nullptr};
        const char* values[] = {"10", url.c_str(), nullptr};
        m_conn = PQconnectdbParams(keywords, values, 1);
        if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
            std::string message = m_conn ? PQerrorMessage(m_conn) : "out of memory";
            while (!message.empty() && message.back() == '\n') message.pop_back();
            PQfinish(m_conn);
            throw ResultsError(m_name + ": cannot connect: " + message);
        }
        // Notices (e.g. "relation already exists, skipping") are not the user's concern.
        PQsetNoticeProcessor(m_conn, [](void*, const char*) {}, nullptr);
        query("SET client_min_messages = warning", {});
    }
    ~PostgresConnection() override { PQfinish(m_conn); }
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    SqlDialect dialect() const override { return SqlDialect::Postgresql; }
    const std::string& name() const override { return m_name; }

    std::vector<SqlRow> query(const std::string& sql, const std::vector<SqlValue>& params) override {
        // `?` placeholders become $1, $2, … (the store's SQL has no '?' in literals).
        std::string translated;
        int n = 0;
        for (char c : sql) {
            if (c == '?') translated += "$" + std::to_string(++n);
            else translated += c;
        }
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto& p = params[i];
            if (std::holds_alternative<std::monostate>(p)) continue;
            if (const auto* d = std::get_if<double>(&p)) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.17g", *d);
                texts[i] = buffer;
            } else {
                texts[i] = text(p);
            }
            values[i] = texts[i].c_str();
        }
        PGresult* result = PQexecParams(m_conn, translated.c_str(), static_cast<int>(params.size()), nullptr,
                                        values.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            std::string message = PQresultErrorMessage(result);
            if (message.empty()) message = PQerrorMessage(m_conn);
            while (!message.empty() && message.back() == '\n') message.pop_back();
            PQclear(result);
            throw ResultsError(m_name + ": " + message + " (in: " + sql.substr(0, 120) + ")");
        }
        std::vector<SqlRow> rows;
        const int nRows = PQntuples(result), nColumns = PQnfields(result);
        rows.reserve(static_cast<std::size_t>(nRows));
        for (int r = 0; r < nRows; ++r) {
            SqlRow row;
            row.reserve(static_cast<std::size_t>(nColumns));
            for (int c = 0; c < nColumns; ++c) {
                if (PQgetisnull(result, r, c)) {
                    row.emplace_back(std::monostate{});
                    continue;
                }
                const char* cell = PQgetvalue(result, r, c);
                const int length = PQgetlength(result, r, c);
                const Oid type = PQftype(result, c);
                if (type == kInt8 || type == kInt4 || type == kInt2) {
                    std::int64_t v = 0;
                    std::from_chars(cell, cell + length, v);
                    row.emplace_back(v);
                } else if (type == kFloat8 || type == kFloat4 || type == kNumeric) {
                    double v = 0;
                    std::from_chars(cell, cell + length, v);
                    row.emplace_back(v);
                } else {
                    row.emplace_back(std::string(cell, static_cast<std::size_t>(length)));
                }
            }
            rows.push_back(std::move(row));
        }
        PQclear(result);
        return rows;
    }

    void beginWrite() override { query("BEGIN", {}); }
    void commit() override { query("COMMIT", {}); }
    void rollback() noexcept override {
        PGresult* result = PQexec(m_conn, "ROLLBACK");
        PQclear(result);
    }

private:
    std::string m_name;
    PGconn* m_conn = nullptr;
};

} // namespace

std::unique_ptr<SqlConnection> openPostgres(const std::string& url, const std::string& name) {
    return std::make_unique<PostgresConnection>(url, name);
}

} // namespace v2gbench::results
