// The executable against hostile input (issue 9): Ctrl-C ends validate, files that are no
// regular files are refused at once, report reads nothing outside its run folder, numeric
// options are parsed strictly.
#include "child_process.hpp"
#include "run_helpers.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace v2gbench;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string exe() { return test::binaryPath("cli/v2gbench"); }

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_stop_without_teardown)

// 3,000 plans take seconds to validate; the child can run at most a pipe buffer (~800 "ok"
// lines) ahead of this reader, so the SIGINT sent after the first line always lands mid-way.
BOOST_AUTO_TEST_CASE(sigint_ends_validate_between_two_files_with_exit_3) {
    TempDir dir("validate-sigint");
    constexpr int kPlans = 3000;
    fs::create_directories(dir.path() / "plans");
    for (int i = 0; i < kPlans; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "p%04d.yaml", i);
        test::writeFile(dir.path() / "plans" / name, "plan: copy-" + std::to_string(i) +
                                                         "\ntitle: copy\nrequires: {roles: [grid]}\ncases:\n"
                                                         "  - id: C1\n    steps:\n      - grid.apply: {voltage: 230 V}\n");
    }
    const auto start = std::chrono::steady_clock::now();
    test::ChildProcess child({exe(), "validate", (dir.path() / "plans").string()}, dir.file("err"));
    BOOST_REQUIRE(child.waitForLine("ok  "));
    child.signal(SIGINT);
    const int code = child.wait();
    const double latency = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto err = slurp(dir.file("err"));
    BOOST_TEST(code == 3, err);
    BOOST_TEST(count(child.output(), "ok  ") < static_cast<std::size_t>(kPlans));
    BOOST_TEST(err.find("v2gbench: stopped by SIGINT (validated ") != std::string::npos, err);
    BOOST_TEST(err.find("teardown") == std::string::npos, err); // nothing was switched on
    BOOST_TEST(count(err, "\n") == 1u, err);                       // one line
    BOOST_TEST_MESSAGE("validate: first ok line to exit after SIGINT " << latency << " s in total");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_regular_files_only)

BOOST_AUTO_TEST_CASE(dev_zero_fifo_and_directory_are_refused_at_once_by_every_reader) {
    TempDir dir("hostile-files");
    const auto fifo = dir.file("fifo.yaml");
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto plan = test::sourcePath("testplans/gbt34657/dc-current-control-error.yaml");
    struct Case {
        std::vector<std::string> args;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {{"validate", "/dev/zero"}, "/dev/zero: error: not a regular file (a character device)"},
        {{"validate", fifo}, fifo + ": error: not a regular file (a FIFO)"},
        {{"validate", plan, "--dut", "/dev/zero"}, "/dev/zero: error: not a regular file (a character device)"},
        {{"validate", plan, "--bench", fifo}, fifo + ": error: not a regular file (a FIFO)"},
        {{"decode", "/dev/zero"}, "v2gbench: /dev/zero: not a regular file (a character device)"},
        {{"decode", fifo}, "v2gbench: " + fifo + ": not a regular file (a FIFO)"},
        {{"analyze", "/dev/zero"}, "v2gbench: /dev/zero: not a regular file (a character device)"},
        {{"analyze", dir.path().string()}, "v2gbench: " + dir.path().string() + ": not a regular file (a directory)"},
        {{"report", dir.path().string()}, "summary.json: cannot open"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> argv{exe()};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        const auto start = std::chrono::steady_clock::now();
        auto [code, out] = test::runProgram(argv, dir.file("err"));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto err = slurp(dir.file("err"));
        BOOST_TEST(code == 2, c.args[0] << " " << c.args[1]);
        BOOST_TEST(err.find(c.expected) != std::string::npos, err);
        BOOST_TEST(seconds < 5.0, c.args[0] << " took " << seconds << " s");
    }
}

BOOST_AUTO_TEST_CASE(an_oversized_plan_is_refused_with_its_size) {
    TempDir dir("hostile-files");
    const auto big = dir.file("big.yaml");
    { std::ofstream(big) << "plan: x\n"; }
    fs::resize_file(big, 5 * 1024 * 1024);
    auto [code, out] = test::runProgram({exe(), "validate", big}, dir.file("err"));
    BOOST_TEST(code == 2);
    BOOST_TEST(slurp(dir.file("err")).find(big + ": error: 5.0 MiB, larger than the 4 MiB limit for a plan") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_report_stays_in_the_run_folder)

BOOST_AUTO_TEST_CASE(trace_paths_outside_the_folder_exit_2_and_are_named) {
    TempDir dir("report-paths");
    const auto run = dir.file("run");
    auto [ran, out] = test::runProgram(
        {exe(), "run", test::sourcePath("testplans/gbt34657/dc-current-control-error.yaml"), "--out", run, "--quiet"},
        dir.file("err"));
    BOOST_REQUIRE(ran == 0);
    auto summary = nlohmann::json::parse(slurp(fs::path(run) / "summary.json"));
    auto& check = summary["plans"][0]["cases"][0]["checks"][0];
    BOOST_REQUIRE(check["trace"].is_string());
    check["trace"] = "/etc/passwd";
    test::writeFile(fs::path(run) / "summary.json", summary.dump());

    auto [code, out2] = test::runProgram({exe(), "report", run}, dir.file("err"));
    const auto err = slurp(dir.file("err"));
    BOOST_TEST(code == 2, err);
    BOOST_TEST(err.find("summary.json: not read: /etc/passwd: an absolute path") != std::string::npos, err);
    const auto html = slurp(fs::path(run) / "report.html");
    BOOST_TEST(html.find("root:") == std::string::npos);
    BOOST_TEST(html.find("Warning: paths not read") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_numeric_options)

BOOST_AUTO_TEST_CASE(seed_is_a_whole_number_or_a_clear_error) {
    TempDir dir("seed");
    const auto plan = test::sourcePath("testplans/gbt34657/dc-current-control-error.yaml");
    for (const std::string bad : {"abc", "-1", "+1", "12x", "1e3", "", "18446744073709551616"}) {
        auto [code, out] = test::runProgram({exe(), "run", plan, "--seed", bad, "--out", dir.file("r")}, dir.file("err"));
        BOOST_TEST(code == 2, bad);
        BOOST_TEST(slurp(dir.file("err")).find("v2gbench: --seed '" + bad +
                                               "': expected a whole number from 0 to 18446744073709551615") !=
                       std::string::npos,
                   bad);
        BOOST_TEST(!fs::exists(dir.file("r")));
    }
}

BOOST_AUTO_TEST_SUITE_END()
