// Results URLs: the two schemes, and a clear refusal for everything else.
#include "v2gbench/results/results_url.hpp"

#include <boost/test/unit_test.hpp>

using namespace v2gbench::results;

namespace {

std::string refusal(const std::string& url) {
    try {
        parseResultsUrl(url);
    } catch (const ResultsUrlError& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

BOOST_AUTO_TEST_SUITE(results_url)

BOOST_AUTO_TEST_CASE(sqlite_and_postgresql_urls_parse) {
    const auto s = parseResultsUrl("sqlite:///var/lib/v2g/results.sqlite");
    BOOST_TEST((s.kind == ResultsUrl::Kind::Sqlite));
    BOOST_TEST(s.sqlitePath == "/var/lib/v2g/results.sqlite");
    const auto p = parseResultsUrl("postgresql://rack:secret@db.lab:5432/v2g?sslmode=require");
    BOOST_TEST((p.kind == ResultsUrl::Kind::Postgresql));
    BOOST_TEST(p.redacted() == "postgresql://rack:***@db.lab:5432/v2g?sslmode=require");
    BOOST_TEST((parseResultsUrl("postgres://db/v2g").kind == ResultsUrl::Kind::Postgresql));
    BOOST_TEST(parseResultsUrl("postgres://db/v2g").redacted() == "postgres://db/v2g");
}

BOOST_AUTO_TEST_CASE(bad_urls_are_refused_saying_what_is_wrong) {
    BOOST_TEST(refusal("") == "results URL '': empty; expected sqlite:///ABS/PATH or postgresql://[user@]host[:port]/database");
    BOOST_TEST(refusal("sqlite://results.sqlite").find("must be absolute") != std::string::npos);
    BOOST_TEST(refusal("sqlite:///var/lib/").find("names a folder") != std::string::npos);
    BOOST_TEST(refusal("mysql://db/v2g").find("unknown scheme 'mysql'") != std::string::npos);
    BOOST_TEST(refusal("results.sqlite").find("no scheme") != std::string::npos);
    BOOST_TEST(refusal("postgresql://db.lab").find("no database name") != std::string::npos);
    BOOST_TEST(refusal("postgresql:///v2g").find("no host") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
