// The SQLite results store: a real run folder in, read back out; importing twice stores once; the
// schema is versioned (a newer one is refused); a run whose database fails keeps its folder and
// its exit code.
#include "cli_in_process.hpp"
#include "results_history.hpp"
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"
#include "v2gbench/results/run_folder_record.hpp"
#include "v2gbench/results/results_store.hpp"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace v2gbench;
using namespace v2gbench::results;
namespace fs = std::filesystem;

namespace {

test::CliResult cli(const std::vector<std::string>& args) { return test::runCliInProcess(args); }

void writeText(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::int64_t count(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
    std::int64_t n = -1;
    if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(results_store)

BOOST_AUTO_TEST_CASE(a_run_writes_its_folder_to_the_database_next_to_it_once) {
    test::TempDir dir("results-run");
    const auto runDir = dir.path() / "runs" / "night";
    const auto r = cli({"run", "gbt34657-cc1-break", "-q", "--out", runDir.string()});
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    const auto db = (dir.path() / "runs" / "results.sqlite").string();
    BOOST_TEST(r.out.find("results:    sqlite://" + db) != std::string::npos, r.out);

    auto store = openResultsStore(sqliteUrlFor(db));
    const auto keys = store->runKeys();
    BOOST_TEST_REQUIRE(keys.size() == 1u);
    const auto run = store->readRun("night");
    BOOST_TEST_REQUIRE(run.has_value());
    const auto folder = readRunFolder(runDir);
    BOOST_TEST(run->runKey == folder.runKey);
    BOOST_TEST(run->rack == "sim");
    BOOST_TEST(run->dutSerial == "SIM-0005");
    BOOST_TEST(run->dutFirmware == "1.0+conforming");
    BOOST_TEST(run->evProfile == "nmc-750v");
    BOOST_TEST(run->softwareVersion.rfind("0.1.0+", 0) == 0u, run->softwareVersion);
    BOOST_TEST(run->runFolder == fs::absolute(runDir).string());
    BOOST_TEST(run->manifestSha256.size() == 64u);
    BOOST_TEST(run->verdict == "pass");
    BOOST_TEST_REQUIRE(run->checks.size() == folder.checks.size());
    BOOST_TEST(run->checks.size() == 3u);
    for (std::size_t i = 0; i < folder.checks.size(); ++i) {
        // Stored sorted by key; find the same check.
        const auto& k = folder.checks[i];
        const auto it = std::find_if(run->checks.begin(), run->checks.end(), [&](const CheckRecord& c) { return c.key() == k.key(); });
        BOOST_TEST_REQUIRE((it != run->checks.end()), k.key());
        BOOST_TEST((it->value == k.value));
        BOOST_TEST((it->uncertainty == k.uncertainty));
        BOOST_TEST((it->low == k.low));
        BOOST_TEST((it->high == k.high));
        BOOST_TEST(it->verdict == k.verdict);
    }

    // Importing the same folder again (and its parent folder) stores nothing new.
    const auto again = cli({"results", "import", runDir.string(), (dir.path() / "runs").string(), "--results", "sqlite://" + db});
    BOOST_TEST(again.code == 0, again.err);
    BOOST_TEST(again.out.find("0 imported, 2 already stored, 0 failed") != std::string::npos, again.out);
    BOOST_TEST(count(db, "SELECT COUNT(*) FROM runs") == 1);
    BOOST_TEST(count(db, "SELECT COUNT(*) FROM checks") == 3);
    sqlite3* handle = nullptr;
    sqlite3_open(db.c_str(), &handle);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(handle, "PRAGMA journal_mode", -1, &s, nullptr);
    BOOST_TEST_REQUIRE(sqlite3_step(s) == SQLITE_ROW);
    BOOST_TEST(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "wal");
    sqlite3_finalize(s);
    sqlite3_close(handle);
    BOOST_TEST(count(db, "SELECT version FROM schema_version") == currentSchemaVersion());
}

BOOST_AUTO_TEST_CASE(a_failing_database_warns_and_keeps_the_run_and_its_exit_code) {
    test::TempDir dir("results-fail");
    const auto blocker = dir.path() / "not-a-folder";
    writeText(blocker, "x");
    const auto runDir = dir.path() / "night";
    // The database would live below a regular file: it cannot be created.
    const auto r = cli({"run", "gbt34657-cc1-break", "-q", "--out", runDir.string(), "--results",
                        "sqlite://" + (blocker / "results.sqlite").string()});
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(r.err.find("warning: results not recorded: sqlite://" + (blocker / "results.sqlite").string() + ": cannot open") !=
                   std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("`v2gbench results import " + runDir.string() + "` stores it later") != std::string::npos, r.err);
    BOOST_TEST(fs::exists(runDir / "summary.json"));

    // A URL that cannot be read is refused before the run (a typo must not lose a night's results).
    const auto bad = cli({"run", "gbt34657-cc1-break", "-q", "--out", (dir.path() / "second").string(), "--results", "mysql://x/y"});
    BOOST_TEST(bad.code == 2);
    BOOST_TEST(bad.err.find("results database: --results: results URL 'mysql://x/y': unknown scheme 'mysql'") != std::string::npos,
               bad.err);
    BOOST_TEST(bad.err.find("(nothing was run)") != std::string::npos, bad.err);
    BOOST_TEST(!fs::exists(dir.path() / "second"));
}

BOOST_AUTO_TEST_CASE(results_go_to_the_option_else_the_environment_else_the_bench_profile_else_beside_the_run) {
    test::TempDir dir("results-where");
    // The simulated lab's profile with a results: line (its relative paths made absolute).
    std::string profile = test::readFile(test::sourcePath("benches/sim.yaml"));
    BOOST_TEST_REQUIRE(profile.find(": ../") != std::string::npos);
    for (auto at = profile.find(": ../"); at != std::string::npos; at = profile.find(": ../", at))
        profile.replace(at, 5, ": " + test::sourcePath(""));
    const auto profileDb = dir.file("profile.sqlite");
    writeText(dir.path() / "rack.yaml", profile + "results: sqlite://" + profileDb + "\n");
    writeText(dir.path() / "bad.yaml", profile + "results: results.sqlite\n");
    const auto keysIn = [](const std::string& db) { return openResultsStore(sqliteUrlFor(db))->runKeys().size(); };
    const auto run = [&](const std::string& out, const std::string& bench, std::vector<std::string> extra = {},
                         int expectedCode = 0) {
        std::vector<std::string> args{"run", "gbt34657-cc1-break", "-q", "--out", dir.file(out), "--bench", dir.file(bench)};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = cli(args);
        BOOST_TEST(r.code == expectedCode, r.err);
        return r;
    };
    run("runs/a", "rack.yaml");
    BOOST_TEST(keysIn(profileDb) == 1u);
    const auto optionDb = dir.file("option.sqlite");
    run("runs/b", "rack.yaml", {"--results", "sqlite://" + optionDb});
    BOOST_TEST(keysIn(optionDb) == 1u);
    BOOST_TEST(keysIn(profileDb) == 1u);
    const auto envDb = dir.file("env.sqlite");
    ::setenv("V2G_RESULTS", ("sqlite://" + envDb).c_str(), 1);
    run("runs/c", "rack.yaml");
    ::unsetenv("V2G_RESULTS");
    BOOST_TEST(keysIn(envDb) == 1u);
    BOOST_TEST(keysIn(profileDb) == 1u);
    // A bad URL in the profile is refused before the run, naming its file and line.
    const auto bad = run("runs/d", "bad.yaml", {}, 2);
    BOOST_TEST(bad.err.find("results database: " + dir.file("bad.yaml") + ":") != std::string::npos, bad.err);
    BOOST_TEST(bad.err.find("results URL 'results.sqlite': no scheme") != std::string::npos, bad.err);
    BOOST_TEST(!fs::exists(dir.path() / "runs" / "d"));
    BOOST_TEST(!fs::exists(dir.path() / "runs" / "results.sqlite"));
    // ... unless the option or the environment overrides it: then the profile's line is not used.
    run("runs/e", "bad.yaml", {"--results", "sqlite://" + optionDb});
    BOOST_TEST(keysIn(optionDb) == 2u);
    // Without any: results.sqlite beside the run folder.
    const auto plain = cli({"run", "gbt34657-cc1-break", "-q", "--out", dir.file("elsewhere/f")});
    BOOST_TEST(plain.code == 0);
    BOOST_TEST(keysIn(dir.file("elsewhere/results.sqlite")) == 1u);
}

BOOST_AUTO_TEST_CASE(a_schema_newer_than_the_program_is_refused) {
    test::TempDir dir("results-schema");
    const auto db = dir.file("results.sqlite");
    openResultsStore(sqliteUrlFor(db)); // creates the current schema
    sqlite3* handle = nullptr;
    sqlite3_open(db.c_str(), &handle);
    sqlite3_exec(handle, ("UPDATE schema_version SET version = " + std::to_string(currentSchemaVersion() + 1)).c_str(),
                 nullptr, nullptr, nullptr);
    sqlite3_close(handle);
    try {
        openResultsStore(sqliteUrlFor(db));
        BOOST_FAIL("a newer schema was opened");
    } catch (const ResultsError& e) {
        BOOST_TEST(std::string(e.what()) == "sqlite://" + db + ": schema version " + std::to_string(currentSchemaVersion() + 1) +
                                                 " is newer than this program's (" + std::to_string(currentSchemaVersion()) +
                                                 "); use a newer v2gbench");
    }
}

// A database a schema-1 program wrote (a run in it) is migrated to the current schema on open, in
// place, and its run reads back. Schema 1 is made from a current database by undoing migration 2
// (the covering trend index replaced checks_check_run), which is exactly what version 1 created.
BOOST_AUTO_TEST_CASE(a_schema_1_database_is_migrated_on_open_and_keeps_its_runs) {
    BOOST_TEST_REQUIRE(currentSchemaVersion() == 2); // a new migration: extend this test to it
    test::TempDir dir("results-migrate");
    const auto runDir = dir.path() / "runs" / "night";
    const auto r = cli({"run", "gbt34657-cc1-break", "-q", "--out", runDir.string()});
    BOOST_TEST_REQUIRE(r.code == 0, r.err);
    const auto db = (dir.path() / "runs" / "results.sqlite").string();
    sqlite3* handle = nullptr;
    sqlite3_open(db.c_str(), &handle);
    for (const char* sql : {"DROP INDEX checks_trend", "CREATE INDEX checks_check_run ON checks (check_ref, run_ref)",
                            "UPDATE schema_version SET version = 1"})
        BOOST_TEST_REQUIRE(sqlite3_exec(handle, sql, nullptr, nullptr, nullptr) == SQLITE_OK, sql);
    sqlite3_close(handle);
    const auto indexes = [&db] {
        return std::pair(count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'checks_trend'"),
                         count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'checks_check_run'"));
    };
    BOOST_TEST_REQUIRE((indexes() == std::pair<std::int64_t, std::int64_t>(0, 1)));
    BOOST_TEST_REQUIRE(count(db, "SELECT version FROM schema_version") == 1);

    auto store = openResultsStore(sqliteUrlFor(db));
    BOOST_TEST(count(db, "SELECT version FROM schema_version") == 2);
    BOOST_TEST(count(db, "SELECT COUNT(*) FROM schema_version") == 1);
    BOOST_TEST((indexes() == std::pair<std::int64_t, std::int64_t>(1, 0)));
    const auto run = store->readRun("night");
    BOOST_TEST_REQUIRE(run.has_value());
    BOOST_TEST(run->checks.size() == 3u);
    RunFilter filter;
    filter.check = run->checks.front().key();
    const auto points = store->checkPoints(filter);
    BOOST_TEST_REQUIRE(points.size() == 1u);
    BOOST_TEST((points[0].value == run->checks.front().value));
    // Opening again migrates nothing more.
    store.reset();
    openResultsStore(sqliteUrlFor(db));
    BOOST_TEST(count(db, "SELECT COUNT(*) FROM schema_version") == 1);
    BOOST_TEST(count(db, "SELECT COUNT(*) FROM runs") == 1);
}

BOOST_AUTO_TEST_CASE(an_unreadable_run_folder_is_named_and_the_others_are_imported) {
    test::TempDir dir("results-import");
    test::HistorySpec spec;
    spec.nights = 3;
    const auto folders = test::writeHistory(dir.path() / "runs", spec);
    writeText(folders[1] / "summary.json", "{ not json");
    const auto db = "sqlite://" + dir.file("results.sqlite");
    const auto r = cli({"results", "import", (dir.path() / "runs").string(), "--results", db});
    BOOST_TEST(r.code == 2);
    BOOST_TEST(r.out.find("2 imported, 0 already stored, 1 failed") != std::string::npos, r.out);
    BOOST_TEST(r.err.find((folders[1] / "summary.json").string()) != std::string::npos, r.err);
    const auto none = cli({"results", "import", dir.file("nothing-here"), "--results", db});
    BOOST_TEST(none.code == 2);
    BOOST_TEST(none.err.find(dir.file("nothing-here") + ": not a run folder") != std::string::npos, none.err);
}

BOOST_AUTO_TEST_SUITE_END()
