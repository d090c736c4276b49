// candump -L: the bench's CAN trace format, checked on real GB/T 27930 captures.
#include "v2gbench/transports/can_dump_reader.hpp"
#include "v2gbench/transports/can_dump_writer.hpp"

#include "capture_dir.hpp"
#include "test_paths.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>

using namespace v2gbench;
using namespace v2gbench::transports;

namespace {
std::string capture(const std::string& name) { return captureDir() + "/" + name; }

// The captures live in shared/ beside the checkout; a clone without it skips these cases.
#define REQUIRE_CAPTURES()                                                                                             \
    if (captureDir().empty()) {                                                                                        \
        BOOST_TEST_MESSAGE("no ../shared/data/gbt27930 beside the checkout: skipped");                                 \
        return;                                                                                                        \
    }
} // namespace

BOOST_AUTO_TEST_SUITE(can_candump)

BOOST_AUTO_TEST_CASE(parses_extended_standard_remote_and_error_lines) {
    auto r = parseCanDumpLine("(1700000000.123456) can0 1CEC56F4#1011");
    BOOST_TEST(r.interface == "can0");
    BOOST_TEST(r.frame.id == 0x1CEC56F4u);
    BOOST_TEST(r.frame.extended);
    BOOST_TEST(r.frame.dlc == 2);
    BOOST_TEST(r.frame.data[1] == 0x11);
    BOOST_TEST(r.frame.timestamp.count() == 1700000000123456LL);
    auto s = parseCanDumpLine("(0000000001.000001) vcan0 123#");
    BOOST_TEST(!s.frame.extended);
    BOOST_TEST(s.frame.dlc == 0);
    auto rtr = parseCanDumpLine("(1.5) can0 7FF#R3 T");
    BOOST_TEST(rtr.frame.remote);
    BOOST_TEST(rtr.frame.dlc == 3);
    BOOST_TEST(rtr.frame.timestamp.count() == 1500000);
    auto err = parseCanDumpLine("(1.000000000) can0 20000080#0000000000000000");
    BOOST_TEST(err.frame.error);
    BOOST_TEST(err.frame.id == 0x80u);
}

BOOST_AUTO_TEST_CASE(rejects_malformed_lines_with_reasons) {
    auto reason = [](const std::string& line) -> std::string {
        try {
            parseCanDumpLine(line);
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "accepted";
    };
    BOOST_TEST(reason("(1.0) can0 1A0614141500000").find("no '#'") != std::string::npos);
    BOOST_TEST(reason("(1.0) can0 123#ABC").find("odd number") != std::string::npos);
    BOOST_TEST(reason("(1.0) can0 1234#00").find("3 (standard) or 8") != std::string::npos);
    BOOST_TEST(reason("(1.0) can0 123##0112").find("CAN FD") != std::string::npos);
    BOOST_TEST(reason("1.0 can0 123#00").find("SECONDS.FRACTION") != std::string::npos);
    BOOST_TEST(reason("(1.0) can0 123#001122334455667788").find("longer than 8") != std::string::npos);
    BOOST_TEST(reason("(1.0) can0 800#00").find("above 7FF") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reads_real_handshake_failure_capture) {
    REQUIRE_CAPTURES();
    // 188 frames; the last line has no newline. (The data README announces a malformed last line
    // and 15 identical BEMs; the file as stored has neither: 10 BEM F4F0F0FC + 5 BEM F0F1F0FC.)
    auto log = readCanDumpFile(capture("handshake-failure-bem.candump.log"));
    BOOST_TEST(log.records.size() == 188u);
    BOOST_TEST(log.problems.empty());
    const auto& first = log.records.front().frame;
    BOOST_TEST(first.id == 0x1826F456u); // CHM, charger -> BMS
    BOOST_TEST(first.extended);
    BOOST_TEST(first.dlc == 3);
    BOOST_TEST(first.data[0] == 0x01);
    BOOST_TEST(first.timestamp.count() == 1703560121247259LL);
    const auto& last = log.records.back();
    BOOST_TEST(last.line == 188u);
    BOOST_TEST(last.frame.id == 0x1807F456u);
    BOOST_TEST(last.frame.dlc == 7);
    // BEM (PGN 0x1E00, BMS -> charger): timeouts waiting for the charger's messages.
    std::size_t bem = 0, bemCrm = 0;
    for (const auto& r : log.records)
        if (r.frame.id == 0x081E56F4u) {
            ++bem;
            if (r.frame.dlc == 4 && r.frame.data[0] == 0xF4 && r.frame.data[3] == 0xFC) ++bemCrm;
        }
    BOOST_TEST(bem == 15u);
    BOOST_TEST(bemCrm == 10u);
}

BOOST_AUTO_TEST_CASE(reads_real_long_session_capture) {
    REQUIRE_CAPTURES();
    auto log = readCanDumpFile(capture("long-charging-session.candump.log"));
    BOOST_TEST(log.records.size() == 4770u);
    BOOST_TEST(log.problems.empty());
    std::size_t bcl = 0, ccs = 0;
    for (const auto& r : log.records) {
        const auto pgn = (r.frame.id >> 8) & 0xFF00u;
        if (pgn == 0x1000u) ++bcl; // BCL: battery charging level (PGN 0x1000)
        if (pgn == 0x1200u) ++ccs; // CCS: charger charging state (PGN 0x1200)
    }
    BOOST_TEST(bcl == 1461u);
    BOOST_TEST(ccs == 1461u);
}

BOOST_AUTO_TEST_CASE(reports_malformed_lines_by_number_and_keeps_good_frames) {
    REQUIRE_CAPTURES();
    test::TempDir dir("candump-bad");
    {
        std::ifstream in(capture("long-charging-session.candump.log"));
        std::ofstream out(dir.file("damaged.log"));
        std::string line;
        for (int i = 0; i < 10 && std::getline(in, line); ++i)
            out << line << "\n";
        out << "(1703560121.247259) can0 101AF456#0400F0F01\n"; // odd-length payload
        out << "\n";
        out << "(1703560121.247259) can0 1826F456#010100\n";
    }
    auto log = readCanDumpFile(dir.file("damaged.log"));
    BOOST_TEST(log.records.size() == 11u);
    BOOST_REQUIRE(log.problems.size() == 1u);
    BOOST_TEST(log.problems[0].line == 11u);
    BOOST_TEST(log.problems[0].message.find("damaged.log:11: odd number of hex digits in payload '0400F0F01'") !=
               std::string::npos);
    BOOST_TEST(log.records.back().line == 13u);
    BOOST_CHECK_THROW(readCanDumpFile(dir.file("missing.log")), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(writes_lines_candump_and_we_read_back) {
    REQUIRE_CAPTURES();
    test::TempDir dir("candump");
    const auto in = readCanDumpFile(capture("handshake-failure-bem.candump.log"));
    {
        CanDumpWriter w(dir.file("copy.log"), "can0");
        for (const auto& r : in.records)
            w.write(r.frame);
        BOOST_TEST(w.framesWritten() == in.records.size());
    }
    // Byte-identical to the good lines of the original: same padding, case and layout.
    std::ifstream original(capture("handshake-failure-bem.candump.log")), copy(dir.file("copy.log"));
    std::string a, b;
    std::size_t lines = 0;
    while (std::getline(copy, b)) {
        std::getline(original, a);
        BOOST_TEST(a == b);
        ++lines;
    }
    BOOST_TEST(lines == in.records.size());
    auto f = CanFrame::make(0x12, false, {0xDE, 0xAD});
    f.timestamp = std::chrono::microseconds(5);
    BOOST_TEST(formatCanDumpLine(f, "vcan0") == "(0000000000.000005) vcan0 012#DEAD");
    BOOST_CHECK_THROW(CanDumpWriter(dir.file("no/such/dir/x.log"), "can0"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
