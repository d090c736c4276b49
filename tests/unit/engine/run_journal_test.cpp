// The run journal's two writers share one line format: the engine's RunRecorder while the run is
// open, appendJournalAfterClose for a front-end's after-run events (pdf_report_failed).
#include "v2gbench/bench/run_recorder.hpp"

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace v2gbench;
namespace fs = std::filesystem;

namespace {
std::vector<nlohmann::json> readJournal(const fs::path& dir) {
    std::vector<nlohmann::json> lines;
    std::ifstream in(dir / "journal.jsonl");
    std::string line;
    while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

struct TempRunDir {
    TempRunDir() : path(fs::temp_directory_path() / ("v2g-journal-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
    }
    ~TempRunDir() { fs::remove_all(path); }
    fs::path path;
};
} // namespace

BOOST_AUTO_TEST_SUITE(run_journal)

BOOST_AUTO_TEST_CASE(after_close_continues_seq_and_bench_time) {
    TempRunDir dir;
    {
        bench::RunRecorder recorder(dir.path);
        double now = 0.0;
        recorder.setBenchClock([&] { return now; });
        recorder.journal("run_started", {{"plans", 1}});
        now = 12.5;
        recorder.journal("run_finished", {{"verdict", "pass"}});
    }
    bench::appendJournalAfterClose(dir.path, "pdf_report_failed", {{"reason", "no font"}});
    const auto lines = readJournal(dir.path);
    BOOST_REQUIRE(lines.size() == 3);
    const auto& last = lines.back();
    BOOST_TEST(last.at("event").get<std::string>() == "pdf_report_failed");
    BOOST_TEST(last.at("seq").get<long>() == 3);
    BOOST_TEST(last.at("t_bench_s").get<double>() == 12.5);
    BOOST_TEST(last.at("reason").get<std::string>() == "no font");
    // The same keys as the engine's own lines.
    for (const char* key : {"seq", "t_utc", "t_bench_s", "event"}) BOOST_TEST(last.contains(key), key);
    BOOST_TEST(last.at("t_utc").get<std::string>().size() == lines[0].at("t_utc").get<std::string>().size());
}

BOOST_AUTO_TEST_CASE(after_close_on_a_missing_run_names_the_file) {
    const fs::path missing = fs::temp_directory_path() / "v2g-no-such-run-folder";
    fs::remove_all(missing);
    BOOST_CHECK_EXCEPTION(bench::appendJournalAfterClose(missing, "pdf_report_failed"), std::runtime_error,
                          [&](const std::runtime_error& e) {
                              return std::string(e.what()).find((missing / "journal.jsonl").string()) != std::string::npos;
                          });
    BOOST_TEST(!fs::exists(missing));
}

BOOST_AUTO_TEST_SUITE_END()
