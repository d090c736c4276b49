#pragma once
// Where results go: `sqlite:///ABS/PATH` or `postgresql://[user[:password]@]host[:port]/db[?…]`
// (also `postgres://`). Anything else is refused with what was expected.
#include <stdexcept>
#include <string>

namespace v2gbench::results {

class ResultsUrlError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct ResultsUrl {
    enum class Kind { Sqlite, Postgresql };
    Kind kind = Kind::Sqlite;
    std::string text;       // as given
    std::string sqlitePath; // Sqlite: the absolute file path
    // The URL with any password replaced by "***": what messages print.
    std::string redacted() const;
};

// Throws ResultsUrlError "results URL '<url>': <what is wrong>; expected sqlite:///ABS/PATH or
// postgresql://…" for an empty URL, another scheme, a relative SQLite path or a PostgreSQL URL
// without host or database.
ResultsUrl parseResultsUrl(const std::string& url);

// The URL of an SQLite file (the path is made absolute).
ResultsUrl sqliteUrlFor(const std::string& path);

} // namespace v2gbench::results
