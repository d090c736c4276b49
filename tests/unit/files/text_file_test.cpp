// core::readRegularFile / RegularFileLines: the one reader for files a user names. Issue 9:
// validate, decode and analyze read /dev/zero until memory ran out and blocked forever on a FIFO.
#include "test_paths.hpp"

#include "v2gbench/core/text_file.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <sys/stat.h>

using namespace v2gbench;
namespace fs = std::filesystem;

namespace {

std::string write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
}

std::string messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::FileReadError& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

BOOST_AUTO_TEST_SUITE(regular_files_only)

BOOST_AUTO_TEST_CASE(a_regular_file_is_read_whole) {
    test::TempDir dir("files");
    const auto f = write(dir.path() / "a.txt", "line 1\nline 2");
    BOOST_TEST(core::readRegularFile(f, 100, "a test") == "line 1\nline 2");
    BOOST_TEST(core::readRegularFile(f, 13, "a test") == "line 1\nline 2"); // exactly the cap is fine
}

BOOST_AUTO_TEST_CASE(fifo_device_and_directory_are_refused_at_once) {
    test::TempDir dir("files");
    const auto fifo = (dir.path() / "fifo").string();
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(messageOf([&] { core::readRegularFile(fifo, core::kMiB, "a plan"); }) ==
               fifo + ": not a regular file (a FIFO)");
    BOOST_TEST(messageOf([&] { core::RegularFileLines(fifo, core::kMiB, 100, "a trace"); }) ==
               fifo + ": not a regular file (a FIFO)");
    BOOST_TEST(messageOf([] { core::readRegularFile("/dev/zero", core::kMiB, "a plan"); }) ==
               "/dev/zero: not a regular file (a character device)");
    BOOST_TEST(messageOf([&] { core::readRegularFile(dir.path().string(), core::kMiB, "a plan"); }) ==
               dir.path().string() + ": not a regular file (a directory)");
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 1.0);
    BOOST_TEST(messageOf([&] { core::readRegularFile((dir.path() / "none").string(), 1, "a plan"); })
                   .find(": cannot open (No such file or directory)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(over_the_cap_names_size_cap_and_use) {
    test::TempDir dir("files");
    const auto big = (dir.path() / "big.yaml").string();
    { std::ofstream(big) << ""; }
    fs::resize_file(big, 5 * core::kMiB); // sparse
    BOOST_TEST(messageOf([&] { core::readRegularFile(big, 4 * core::kMiB, "a plan"); }) ==
               big + ": 5.0 MiB, larger than the 4 MiB limit for a plan");
    BOOST_TEST(messageOf([&] { core::RegularFileLines(big, 4 * core::kMiB, 100, "a trace"); }) ==
               big + ": 5.0 MiB, larger than the 4 MiB limit for a trace");
}

BOOST_AUTO_TEST_CASE(a_file_whose_size_lies_is_still_capped_while_reading) {
    // /proc files report st_size 0 but have content: the cap holds during the read too.
    const auto text = core::readRegularFile("/proc/self/status", core::kMiB, "a test");
    BOOST_TEST(text.find("Name:") != std::string::npos);
    BOOST_TEST(messageOf([] { core::readRegularFile("/proc/self/status", 10, "a test"); })
                   .find("/proc/self/status: more than ") == 0);
}

BOOST_AUTO_TEST_CASE(a_stop_check_ends_the_read) {
    test::TempDir dir("files");
    const auto f = write(dir.path() / "a.txt", "x\n");
    BOOST_CHECK_THROW(core::readRegularFile(f, 100, "a test", [] { return true; }), core::ReadStopped);
    core::RegularFileLines lines(f, 100, 10, "a test", [] { return true; });
    std::string line;
    BOOST_CHECK_THROW(lines.next(line), core::ReadStopped);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(line_reader)

BOOST_AUTO_TEST_CASE(lines_with_numbers_and_a_last_line_without_break) {
    test::TempDir dir("files");
    const auto f = write(dir.path() / "a.log", "one\r\n\nthree");
    core::RegularFileLines lines(f, 100, 10, "a test");
    std::string line;
    BOOST_REQUIRE(lines.next(line));
    BOOST_TEST(line == "one\r");
    BOOST_REQUIRE(lines.next(line));
    BOOST_TEST(line.empty());
    BOOST_REQUIRE(lines.next(line));
    BOOST_TEST(line == "three");
    BOOST_TEST(lines.lineNumber() == 3u);
    BOOST_TEST(!lines.next(line));
}

BOOST_AUTO_TEST_CASE(a_line_over_the_limit_is_an_error_at_its_line) {
    test::TempDir dir("files");
    const auto f = write(dir.path() / "a.log", "short\n" + std::string(200000, 'a') + "\n");
    core::RegularFileLines lines(f, core::kMiB, 4096, "a candump log");
    std::string line;
    BOOST_REQUIRE(lines.next(line));
    BOOST_TEST(messageOf([&] { lines.next(line); }) ==
               f + ":2: line longer than 4096 bytes (is this a candump log?)");
}

BOOST_AUTO_TEST_SUITE_END()
