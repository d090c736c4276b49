// A hostile or damaged summary.json must not make the report read files outside the run folder
// (issue 9: "trace": "/etc/passwd" put that file's first line into report.html, "../" was read,
// and /dev/zero took 45 s and 16.8 GB).
#include "sample_run.hpp"

#include "v2gbench/reports/reports.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace v2gbench::reports;
using v2gbench::reports::test::TempDir;

namespace {

// Points the first `paths.size()` traced checks of the sample run at `paths`.
void retarget(const fs::path& dir, nlohmann::json summary, const std::vector<std::string>& paths) {
    std::size_t i = 0;
    for (auto& plan : summary["plans"])
        for (auto& c : plan["cases"])
            for (auto& check : c["checks"])
                if (check.contains("trace") && check["trace"].is_string() && i < paths.size()) check["trace"] = paths[i++];
    BOOST_REQUIRE_EQUAL(i, paths.size());
    test::writeFile(dir / "summary.json", summary.dump(2));
}

} // namespace

BOOST_AUTO_TEST_SUITE(report_reads_only_the_run_folder)

BOOST_AUTO_TEST_CASE(absolute_dotdot_and_symlinked_paths_are_not_read_and_are_named) {
    TempDir outside;
    const std::string secret = "SECRET-OUTSIDE-THE-RUN-FOLDER-7f3a";
    test::writeFile(outside.path() / "secret.csv", "time_s,x_V\n0," + secret + "\n");
    TempDir run;
    const fs::path dir = run.path() / "run";
    fs::create_directories(dir);
    auto summary = test::writeSampleRun(dir);
    fs::create_symlink(outside.path() / "secret.csv", dir / "signals" / "link.csv");
    const std::string dotdot = fs::relative(outside.path() / "secret.csv", dir).string();
    BOOST_REQUIRE(dotdot.rfind("..", 0) == 0);
    retarget(dir, summary, {"/etc/passwd", dotdot, "signals/link.csv", "signals/0004.csv"});

    const auto outcome = writeHtmlReport(dir, dir / "report.html");
    const auto html = test::readFile(dir / "report.html");
    BOOST_TEST(html.find(secret) == std::string::npos);
    BOOST_TEST(html.find("root:") == std::string::npos);
    BOOST_TEST(html.find("Warning: paths not read") != std::string::npos);
    BOOST_TEST(html.find("<code>/etc/passwd: an absolute path") != std::string::npos);
    BOOST_TEST(html.find("<code>signals/link.csv: outside the run folder") != std::string::npos);
    BOOST_REQUIRE_EQUAL(outcome.refusedPaths.size(), 3u);
    BOOST_TEST(outcome.refusedPaths[0].rfind("/etc/passwd: ", 0) == 0);
    BOOST_TEST(outcome.refusedPaths[1].rfind(dotdot + ": outside the run folder", 0) == 0);
    BOOST_TEST(outcome.refusedPaths[2].rfind("signals/link.csv: outside the run folder", 0) == 0);
    // The one trace inside the folder is still plotted.
    BOOST_TEST(html.find("<svg") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_clean_run_folder_refuses_nothing) {
    TempDir run;
    test::writeSampleRun(run.path());
    BOOST_TEST(writeHtmlReport(run.path(), run.path() / "report.html").refusedPaths.empty());
}

BOOST_AUTO_TEST_CASE(device_and_fifo_inside_the_folder_are_refused_at_once) {
    TempDir run;
    auto summary = test::writeSampleRun(run.path());
    fs::create_symlink("/dev/zero", run.path() / "signals" / "zero.csv");
    BOOST_REQUIRE(::mkfifo((run.path() / "signals" / "fifo.csv").c_str(), 0600) == 0);
    // A symlink to /dev/zero inside the folder resolves outside it; the FIFO is inside but not a file.
    retarget(run.path(), summary, {"signals/fifo.csv", "signals/zero.csv"});
    const auto start = std::chrono::steady_clock::now();
    const auto outcome = writeHtmlReport(run.path(), run.path() / "report.html");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(seconds < 2.0); // was: blocked forever on the FIFO, 45 s on /dev/zero
    const auto html = test::readFile(run.path() / "report.html");
    BOOST_TEST(html.find("signals/fifo.csv</code> not plotted: ") != std::string::npos);
    BOOST_TEST(html.find("not a regular file (a FIFO)") != std::string::npos);
    BOOST_REQUIRE_EQUAL(outcome.refusedPaths.size(), 1u);
    BOOST_TEST(outcome.refusedPaths[0].rfind("signals/zero.csv: outside the run folder", 0) == 0);
}

BOOST_AUTO_TEST_CASE(an_oversized_summary_is_refused_with_its_size_and_the_cap) {
    TempDir run;
    test::writeSampleRun(run.path());
    fs::resize_file(run.path() / "summary.json", 65 * 1024 * 1024); // sparse: no 65 MiB written
    try {
        writeHtmlReport(run.path(), run.path() / "report.html");
        BOOST_FAIL("an oversized summary.json was read");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("summary.json: 65.0 MiB, larger than the 64 MiB limit for summary.json") !=
                   std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
