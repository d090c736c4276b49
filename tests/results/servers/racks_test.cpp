// Three racks write their nights at the same time, as three processes, to one results database —
// a real PostgreSQL server and an SQLite file: nothing is lost or duplicated. A rack that cannot
// reach the server keeps its runs and `results sync` uploads them exactly once.
#include "child_process.hpp"
#include "postgres_server.hpp"
#include "results_history.hpp"
#include "test_paths.hpp"

#include "v2gbench/results/results_store.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <set>

using namespace v2gbench;
using namespace v2gbench::results;
namespace fs = std::filesystem;

namespace {

constexpr int kRacks = 3;
constexpr int kNights = 20;
constexpr int kChecksPerNight = 2 + 20;

std::string v2gbenchExe() { return test::binaryPath("cli/v2gbench"); }

// One server for every test of this executable, started on first use.
test::PostgresServer& server() {
    static test::PostgresServer instance;
    return instance;
}

// Each rack, one process: imports its nights one by one (each its own transaction), then every
// rack's nights at once (all racks do, concurrently: each run must be stored once).
void runRacks(const std::string& url) {
    test::TempDir dir("results-racks");
    for (int r = 1; r <= kRacks; ++r) {
        test::HistorySpec spec;
        spec.rack = "rack-" + std::to_string(r);
        spec.nights = kNights;
        spec.stableChecks = kChecksPerNight - 2;
        spec.flakySeed = static_cast<unsigned>(r);
        test::writeHistory(dir.path() / "runs", spec);
    }
    std::vector<std::unique_ptr<test::ChildProcess>> racks;
    for (int r = 1; r <= kRacks; ++r) {
        const std::string script = "for d in '" + dir.path().string() + "/runs/rack-" + std::to_string(r) +
                                   "-night-'*; do '" + v2gbenchExe() + "' results import \"$d\" --results '" + url +
                                   "' || exit 1; done; '" + v2gbenchExe() + "' results import '" + dir.path().string() +
                                   "/runs' --results '" + url + "'";
        racks.push_back(std::make_unique<test::ChildProcess>(std::vector<std::string>{"/bin/sh", "-c", script},
                                                             dir.file("rack-" + std::to_string(r) + ".err")));
    }
    for (int r = 0; r < kRacks; ++r)
        BOOST_TEST(racks[r]->wait() == 0, "rack " << r + 1 << ": " << test::readFile(dir.file("rack-" + std::to_string(r + 1) + ".err")));

    auto store = openResultsStore(parseResultsUrl(url));
    const auto keys = store->runKeys();
    BOOST_TEST(keys.size() == std::size_t{kRacks * kNights});
    BOOST_TEST(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());
    for (int r = 1; r <= kRacks; ++r) {
        RunFilter f;
        f.rack = "rack-" + std::to_string(r);
        const auto runs = store->runs(f);
        BOOST_TEST(runs.size() == std::size_t{kNights}, f.rack);
        for (const auto& run : runs) {
            const auto stored = store->readRun(run.runKey);
            BOOST_TEST_REQUIRE(stored.has_value());
            BOOST_TEST(stored->checks.size() == std::size_t{kChecksPerNight}, run.runKey);
            BOOST_TEST(stored->cases.size() == 3u, run.runKey);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(results_racks)

BOOST_AUTO_TEST_CASE(three_racks_write_twenty_nights_each_to_postgresql_concurrently) {
    runRacks(server().createDatabase("racks"));
}

BOOST_AUTO_TEST_CASE(three_racks_write_twenty_nights_each_to_sqlite_concurrently) {
    test::TempDir dir("results-racks-sqlite");
    runRacks("sqlite://" + dir.file("results.sqlite"));
}

BOOST_AUTO_TEST_CASE(an_offline_racks_runs_reach_postgresql_after_sync_exactly_once) {
    const std::string url = server().createDatabase("offline");
    const std::string unreachable = "postgresql://v2g@127.0.0.1:" + std::to_string(test::PostgresServer::freePort()) + "/offline";
    test::TempDir dir("results-offline");
    const auto runs = dir.path() / "runs";

    // Offline: the run succeeds, warns, and is queued in runs/results.sqlite.
    test::ChildProcess offline({v2gbenchExe(), "run", "gbt34657-cc1-break", "-q", "--out", (runs / "night-1").string(),
                                "--results", unreachable},
                               dir.file("offline.err"));
    BOOST_TEST(offline.wait() == 0);
    const auto warning = test::readFile(dir.file("offline.err"));
    BOOST_TEST(warning.find("warning: results not sent: " + unreachable + ": cannot connect") != std::string::npos, warning);
    BOOST_TEST(warning.find("queued in sqlite://" + (runs / "results.sqlite").string()) != std::string::npos, warning);

    // Online: written to the queue and the server, marked as sent.
    test::ChildProcess online({v2gbenchExe(), "run", "gbt34657-cc1-break", "-q", "--out", (runs / "night-2").string(),
                               "--results", url},
                              dir.file("online.err"));
    BOOST_TEST(online.waitForLine("results:    " + url));
    BOOST_TEST(online.wait() == 0, test::readFile(dir.file("online.err")));

    const auto sync = [&](const std::string& tag) {
        test::ChildProcess p({v2gbenchExe(), "results", "sync", "--from", "sqlite://" + (runs / "results.sqlite").string(),
                              "--results", url},
                             dir.file(tag + ".err"));
        auto line = p.readLine();
        BOOST_TEST(p.wait() == 0, test::readFile(dir.file(tag + ".err")));
        return line.value_or("");
    };
    BOOST_TEST(sync("sync-1").rfind("1 uploaded, 0 already on the server", 0) == 0u);
    BOOST_TEST(sync("sync-2").rfind("0 uploaded, 0 already on the server", 0) == 0u);

    auto server = openResultsStore(parseResultsUrl(url));
    auto local = openResultsStore(sqliteUrlFor((runs / "results.sqlite").string()));
    const auto localKeys = local->runKeys();
    BOOST_TEST(localKeys.size() == 2u);
    BOOST_TEST(server->runKeys() == localKeys);
    BOOST_TEST(server->readRun("night-1")->checks.size() == 3u);

    // A sync cut after the upload and before the mark (the queue forgets it was sent) uploads
    // nothing twice: the server already holds that run key.
    test::TempDir second("results-offline-copy");
    auto copy = openResultsStore(sqliteUrlFor(second.file("queue.sqlite")));
    copy->writeRun(*local->readRun("night-1"));
    test::ChildProcess again({v2gbenchExe(), "results", "sync", "--from", "sqlite://" + second.file("queue.sqlite"), "--results", url},
                             second.file("sync.err"));
    BOOST_TEST(again.readLine().value_or("").rfind("0 uploaded, 1 already on the server", 0) == 0u);
    BOOST_TEST(again.wait() == 0);
    BOOST_TEST(server->runKeys().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
