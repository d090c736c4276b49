// `decode` and `analyze` exit codes (README "Trace tools"): 0 read and nothing wrong, 1 analyze found
// errors (decode: lines it could not read), 2 nothing readable — each with a message on stderr
// that names the file, what was recognised and what is supported.
#include "capture_dir.hpp"
#include "child_process.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace v2gbench;
using test::TempDir;

namespace {

std::string exe() { return test::binaryPath("cli/v2gbench"); }

void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

} // namespace

BOOST_AUTO_TEST_SUITE(cli_trace_exit_codes)

BOOST_AUTO_TEST_CASE(nothing_readable_exits_2_with_the_reason) {
    TempDir tmp("trace-codes");
    write(tmp.file("empty.log"), "");
    std::mt19937 random(1);
    std::string noise(3000, '\0');
    for (auto& c : noise) c = static_cast<char>(random());
    write(tmp.file("noise.bin"), noise);
    write(tmp.file("header-only.txt"), "序号\t传输方向\t时间标识\t帧ID\t帧格式\t帧类型\t数据长度\t数据\n");
    write(tmp.file("fake.blf"), std::string("LOGG") + std::string(140, '\x01'));
    for (const char* command : {"decode", "analyze"})
        for (const std::string file : {"empty.log", "noise.bin", "header-only.txt", "fake.blf"}) {
            BOOST_TEST_CONTEXT(command << " " << file) {
                auto [code, out] = test::runProgram({exe(), command, tmp.file(file)}, tmp.file("err"));
                const std::string err = test::readFile(tmp.file("err"));
                BOOST_TEST(code == 2, err);
                BOOST_TEST(err.find(tmp.file(file)) != std::string::npos, err);
                // Nothing claims a format for a file without frames.
                BOOST_TEST(out.find("# ") == std::string::npos, out);
            }
        }
    auto [code, out] = test::runProgram({exe(), "decode", tmp.file("header-only.txt")}, tmp.file("err"));
    const std::string err = test::readFile(tmp.file("err"));
    BOOST_TEST(err.find("recognised:") != std::string::npos, err);
    BOOST_TEST(err.find("supported:") != std::string::npos, err);
    auto [dcode, dout] = test::runProgram({exe(), "analyze", tmp.path().string()}, tmp.file("err"));
    BOOST_TEST(dcode == 2);
    BOOST_TEST(test::readFile(tmp.file("err")).find("not a regular file (a directory)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clean_trace_exits_0_and_bad_lines_exit_1) {
    TempDir tmp("trace-codes");
    // A BMS handshake at 250 ms: read cleanly, no error finding beyond the missing charger (tolerant).
    std::string clean;
    for (int i = 0; i < 8; ++i) {
        char line[96];
        std::snprintf(line, sizeof line, "(1700000000.%06d) can0 182756F4#D80F\n", i * 250000 % 1000000);
        if (i >= 4) std::snprintf(line, sizeof line, "(1700000001.%06d) can0 182756F4#D80F\n", (i - 4) * 250000);
        clean += line;
    }
    write(tmp.file("clean.log"), clean);
    auto [dcode, decoded] = test::runProgram({exe(), "decode", tmp.file("clean.log")}, tmp.file("err"));
    BOOST_TEST(dcode == 0, test::readFile(tmp.file("err")));
    BOOST_TEST(decoded.find("# " + tmp.file("clean.log") + " (candump -L, UTF-8)") == 0u, decoded);
    BOOST_TEST(decoded.find("# 8 frames, 8 GB/T 27930 messages") != std::string::npos, decoded);
    auto [acode, analysis] = test::runProgram({exe(), "analyze", "--tolerant", tmp.file("clean.log")}, tmp.file("err"));
    BOOST_TEST(acode == 0, analysis);
    BOOST_TEST(analysis.find("8 frames") != std::string::npos, analysis);

    write(tmp.file("bad.log"), clean + "(1700000002.000000) can0 182756F4#D80\n(1700000001.500000) can0 182756F4#D80F\n");
    auto [bcode, bdecoded] = test::runProgram({exe(), "decode", tmp.file("bad.log")}, tmp.file("err"));
    BOOST_TEST(bcode == 1);
    BOOST_TEST(bdecoded.find("bad.log:9: odd number of hex digits") != std::string::npos, bdecoded);
    BOOST_TEST(bdecoded.find("bad.log:10: time goes backwards by 250.000 ms") != std::string::npos, bdecoded);
    auto [bacode, banalysis] = test::runProgram({exe(), "analyze", "--tolerant", tmp.file("bad.log")}, tmp.file("err"));
    BOOST_TEST(bacode == 1);
    BOOST_TEST(banalysis.find("9 frames, 9 GB/T 27930 messages, 1 malformed lines") != std::string::npos, banalysis);
    BOOST_TEST(banalysis.find("error [trace] line 10:") != std::string::npos, banalysis);
}

BOOST_AUTO_TEST_CASE(findings_count_frames_and_analyze_counts_frames) {
    const auto dir = captureDir();
    if (dir.empty()) {
        BOOST_TEST_MESSAGE("no ../shared/data/gbt27930 beside the checkout: skipped");
        return;
    }
    TempDir tmp("trace-codes");
    auto [code, analysis] = test::runProgram({exe(), "analyze", dir + "/long-charging-session.candump.log"}, tmp.file("err"));
    BOOST_TEST(code == 0, analysis); // warnings only: flattened times, CCS DLC 7, no BSD/CSD
    BOOST_TEST(analysis.find(": 4770 frames, 3576 GB/T 27930 messages") != std::string::npos, analysis);
    BOOST_TEST(analysis.find("(1461 frames)") != std::string::npos, analysis); // CCS: 1461 frames, not 2922 issues
}

BOOST_AUTO_TEST_CASE(a_huge_bad_line_is_not_echoed) {
    TempDir tmp("trace-codes");
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "(1700000000.000000) can0 182756F4#D80F\n";
    std::string junk(10 * 1024 * 1024, 'Z');
    for (std::size_t i = 0; i < junk.size(); i += 97) junk[i] = '\x01';
    write(tmp.file("huge.log"), text + junk + "\n");
    auto [code, out] = test::runProgram({exe(), "decode", tmp.file("huge.log")}, tmp.file("err"));
    BOOST_TEST(code == 1);
    BOOST_TEST(out.size() < 2000u * 120 + 2000, out.size()); // the frames' lines and one short problem line
    BOOST_TEST(out.find("10485760 bytes") != std::string::npos);
    BOOST_TEST(out.find('\x01') == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
