// Small samples written by hand from each format's description (ZLG's CANTest/ZCANPRO exports in
// GBK with Chinese headers, space-aligned and as CSV; UTF-8 with a BOM; candump's default, -ta,
// -tA, -tz, -td and -x layouts; PCAN-View TRC 1.1; Vector ASC in decimal with relative times),
// and files no format can read.
#include "v2gbench/traces/printable.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <iconv.h>

#include <random>

using namespace v2gbench;
using traces::TraceFormat;

namespace {

// The sample as Chinese Windows saves it: UTF-8 source text converted to GBK by glibc's iconv.
std::string gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    BOOST_TEST_REQUIRE((cd != reinterpret_cast<iconv_t>(-1)));
    std::string out(utf8.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t inLeft = utf8.size(), outLeft = out.size();
    char* dst = out.data();
    BOOST_TEST_REQUIRE(iconv(cd, &in, &inLeft, &dst, &outLeft) != static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - outLeft);
    return out;
}

traces::TraceCapture read(const std::string& bytes, const std::string& name = "sample") {
    return traces::readCapture(traces::memorySource(bytes, name));
}

std::string unreadable(const std::string& bytes) {
    try {
        read(bytes);
    } catch (const traces::UnreadableTrace& e) {
        return e.what();
    }
    BOOST_FAIL("read without complaint");
    return {};
}

std::string bytesOf(const transports::CanFrame& f) {
    std::string s;
    char b[4];
    for (unsigned i = 0; i < f.dlc && !f.remote; ++i) {
        std::snprintf(b, sizeof b, "%02X", f.data[i]);
        s += b;
    }
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(traces_samples)

BOOST_AUTO_TEST_CASE(zlg_cantest_export_in_gbk_aligned_with_spaces) {
    const std::string text = gbk("序号    传输方向    时间标识      帧ID        帧格式    帧类型    数据长度    数据\r\n"
                                 "0       接收        0x002f9406    0x1801f456  数据帧    扩展帧    0x08        00 ff ff ff ff ff ff ff\r\n"
                                 "1\t\t接收\t0x002f946e\t0x1cec56f4\t数据帧\t扩展帧\t0x08\t10 31 00 07 ff 00 02 00\r\n"
                                 "2       发送        0x002f94b5    0x00000123  数据帧    标准帧    0x02        11 22\r\n");
    BOOST_TEST_REQUIRE(text.find("\xBD\xD3\xCA\xD5") != std::string::npos); // 接收 in GBK
    const auto c = read(text);
    BOOST_TEST((c.info.format == TraceFormat::ZlgText));
    BOOST_TEST((c.info.encoding == traces::TextEncoding::Gbk));
    BOOST_TEST(c.problems.empty());
    BOOST_REQUIRE(c.frames.size() == 3u);
    BOOST_TEST(c.frames[0].frame.id == 0x1801F456u);
    BOOST_TEST(c.frames[0].frame.extended);
    BOOST_TEST(c.frames[0].frame.timestamp.count() == 0x002f9406LL * 100); // ticks of 0.1 ms
    BOOST_TEST(bytesOf(c.frames[1].frame) == "10310007FF000200");
    BOOST_TEST(c.frames[2].frame.id == 0x123u);
    BOOST_TEST(!c.frames[2].frame.extended);
    BOOST_TEST(c.frames[2].line == 4u);
    BOOST_TEST(c.info.resolutionUs == 100);
}

BOOST_AUTO_TEST_CASE(zlg_csv_export_in_gbk_with_clock_times) {
    const std::string text = gbk("序号,帧ID,时间标识,类型,报文描述,报文内容,长度,数据(Hex)\r\n"
                                 "1,0x1826F456,00:01.2,接收  CAN    扩展帧  数据帧,,,3,01 01 00\r\n"
                                 "2,0x182756F4,00:01.3,发送  CAN    扩展帧  数据帧,,,2,D8 0F\r\n"
                                 "3,0x00000123,00:01.4,接收  CAN    标准帧  远程帧,,,0,\r\n"
                                 "4,0x1826F456,59:59.9,接收  CAN    扩展帧  数据帧,,,3,01 01 00\r\n"
                                 "5,0x1826F456,00:00.1,接收  CAN    扩展帧  数据帧,,,3,01 01 00\r\n");
    const auto c = read(text);
    BOOST_TEST((c.info.format == TraceFormat::ZlgCsv));
    BOOST_TEST((c.info.encoding == traces::TextEncoding::Gbk));
    for (const auto& p : c.problems) BOOST_TEST_MESSAGE(p.message);
    BOOST_TEST(c.problems.empty());
    BOOST_REQUIRE(c.frames.size() == 5u);
    BOOST_TEST(c.frames[0].frame.timestamp.count() == 1'200'000);
    BOOST_TEST(c.frames[1].frame.id == 0x182756F4u);
    BOOST_TEST(bytesOf(c.frames[1].frame) == "D80F");
    BOOST_TEST(c.frames[2].frame.remote);
    BOOST_TEST(!c.frames[2].frame.extended);
    // mm:ss wraps every hour: 00:00.1 after 59:59.9 is the next hour, not time going back.
    BOOST_TEST(c.frames[4].frame.timestamp.count() == 3'600'100'000LL);
    BOOST_TEST(c.info.resolutionUs == 100'000); // mm:ss.s: periods cannot be judged from it
}

BOOST_AUTO_TEST_CASE(utf8_with_bom_and_clock_times) {
    const auto c = read("\xEF\xBB\xBF序号\t传输方向\t时间标识\t帧ID\t帧格式\t帧类型\t数据长度\t数据\n"
                        "0\t接收\t10:23:45.123\t0x181056f4\t数据帧\t扩展帧\t0x05\ta5 10 d8 0e 02\n");
    BOOST_TEST((c.info.encoding == traces::TextEncoding::Utf8Bom));
    BOOST_TEST((c.info.format == TraceFormat::ZlgText));
    BOOST_REQUIRE(c.frames.size() == 1u);
    BOOST_TEST(c.frames[0].frame.timestamp.count() == (10 * 3600 + 23 * 60 + 45) * 1'000'000LL + 123'000);
    BOOST_TEST(bytesOf(c.frames[0].frame) == "A510D80E02");
}

BOOST_AUTO_TEST_CASE(candump_default_absolute_date_and_extra_layouts) {
    auto plain = read("  can0  1CEC56F4   [8]  10 31 00 07 FF 00 02 00\n"
                      "  can0  123   [2]  11 22\n"
                      "  can0  7FF   [4]  remote request\n");
    BOOST_TEST((plain.info.format == TraceFormat::CandumpPlain));
    BOOST_REQUIRE(plain.frames.size() == 3u);
    BOOST_TEST(plain.frames[0].frame.extended);
    BOOST_TEST(plain.frames[2].frame.remote);
    BOOST_TEST(unsigned(plain.frames[2].frame.dlc) == 4u);

    auto ta = read("(1700000000.123456)  can0  1CEC56F4   [8]  10 31 00 07 FF 00 02 00\n"
                   "(1700000000.173456)  can0  123   [2]  11 22\n");
    BOOST_TEST((ta.info.format == TraceFormat::CandumpAbsolute));
    BOOST_REQUIRE(ta.frames.size() == 2u);
    BOOST_TEST(ta.frames[1].frame.timestamp.count() == 1700000000173456LL);

    auto date = read("(2023-11-14 22:13:20.123456)  can0  123   [1]  AA\n");
    BOOST_TEST((date.info.format == TraceFormat::CandumpDate));
    BOOST_REQUIRE(date.frames.size() == 1u);
    BOOST_TEST(date.frames[0].frame.timestamp.count() == 1700000000123456LL);

    auto extra = read("  can0  RX - -  123   [1]  AA\n  can0  TX - -  1CEC56F4   [2]  10 31\n");
    BOOST_TEST((extra.info.format == TraceFormat::CandumpPlain));
    BOOST_TEST(extra.frames.size() == 2u);
}

// candump -L lines as candump writes them take a one-pass fast path; every other spelling of the
// same frame (tabs, double spaces, dotted payloads, finer or coarser fractions) and every bad
// line go through the general parser. Both must give the same frames and the same problems.
BOOST_AUTO_TEST_CASE(candump_l_lines_read_alike_whatever_their_spelling) {
    const auto c = read("(1700000000.123456) can0 1CEC56F4#1122 R\n"    // 1 the writer's spelling
                        "(1700000000.123456)\tcan0 1CEC56F4#1122\n"      // 2 tab
                        "(1700000000.123456)  can0  1CEC56F4#11.22 T\n"  // 3 double spaces, dotted payload
                        "(1700000000.1234564) can0 1CEC56F4#1122\n"      // 4 finer than 1 us: rounded down
                        "(1700000000.13) can0 123#\n"                    // 5 10 ms digits, empty payload
                        "(1700000000.2) can0 20000004#0000000000000000\n" // 6 error frame
                        "(1700000000.3) can0 123#R\n"                    // 7 remote
                        "(1700000000.4) can0 123#112\n"                  // 8 odd digits
                        "(1700000000.4) can0 1234#11\n"                  // 9 4-digit identifier
                        "(1700000000.4) can0 800#11\n"                   // 10 standard id above 7FF
                        "(1700000000.4) can0 40000000#11\n"              // 11 beyond 29 bits
                        "(1700000000.4) can0 123#112233445566778899\n"   // 12 nine bytes
                        "(1700000000.4) can0 123#11 X\n"                 // 13 text after the frame
                        "(1700000000.4) can0 123#11 T \n"                // 14 trailing space: still a frame
                        "(1700000000.5) can0 7FF#FFEEDDCCBBAA9988\n");   // 15 eight bytes
    BOOST_TEST((c.info.format == TraceFormat::CandumpL));
    BOOST_REQUIRE(c.frames.size() == 9u);
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST_CONTEXT("line " << c.frames[i].line) {
            const auto& f = c.frames[i].frame;
            BOOST_TEST(f.id == 0x1CEC56F4u);
            BOOST_TEST(f.extended);
            BOOST_TEST(!f.error);
            BOOST_TEST(bytesOf(f) == "1122");
            BOOST_TEST(f.timestamp.count() == 1700000000123456LL);
        }
    }
    BOOST_TEST(c.frames[4].frame.id == 0x123u);
    BOOST_TEST(!c.frames[4].frame.extended);
    BOOST_TEST(unsigned(c.frames[4].frame.dlc) == 0u);
    BOOST_TEST(c.frames[4].frame.timestamp.count() == 1700000000130000LL);
    BOOST_TEST(c.frames[5].frame.error);
    BOOST_TEST(!c.frames[5].frame.extended);
    BOOST_TEST(c.frames[5].frame.id == 4u);
    BOOST_TEST(unsigned(c.frames[5].frame.dlc) == 8u);
    BOOST_TEST(c.frames[6].frame.remote);
    BOOST_TEST(c.frames[7].line == 14u);
    BOOST_TEST(bytesOf(c.frames[7].frame) == "11");
    BOOST_TEST(bytesOf(c.frames[8].frame) == "FFEEDDCCBBAA9988");
    BOOST_TEST(c.info.resolutionUs == 100'000); // the coarsest fraction written (one digit)
    const std::vector<std::pair<std::size_t, std::string>> expected{
        {8, "odd number of hex digits in payload '112'"},
        {9, "identifier '1234' is not 3 (standard) or 8 (extended) hex digits"},
        {10, "standard identifier '800' is above 7FF"},
        {11, "identifier '40000000' does not fit 29 bits"},
        {12, "payload '112233445566778899' is longer than 8 bytes"},
        {13, "unexpected text after the frame"}};
    BOOST_REQUIRE(c.problems.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        BOOST_TEST(c.problems[i].line == expected[i].first);
        BOOST_TEST(c.problems[i].message.find(expected[i].second) != std::string::npos, c.problems[i].message);
    }
}

BOOST_AUTO_TEST_CASE(candump_relative_times_tell_td_from_tz) {
    // -td: deltas (one goes down, so they cannot be times since the start): added up.
    auto td = read("(000.000000)  can0  181056F4   [5]  A5 10 D8 0E 02\n"
                   "(000.050123)  can0  181056F4   [5]  A5 10 D8 0E 02\n"
                   "(000.010000)  can0  181056F4   [5]  A5 10 D8 0E 02\n");
    BOOST_TEST((td.info.format == TraceFormat::CandumpDelta));
    BOOST_REQUIRE(td.frames.size() == 3u);
    BOOST_TEST(td.frames[1].frame.timestamp.count() == 50123);
    BOOST_TEST(td.frames[2].frame.timestamp.count() == 60123);
    BOOST_TEST(td.problems.empty());
    // -tz: times since the first frame.
    auto tz = read("(000.000000)  can0  181056F4   [5]  A5 10 D8 0E 02\n"
                   "(000.050123)  can0  181056F4   [5]  A5 10 D8 0E 02\n"
                   "(001.000000)  can0  181056F4   [5]  A5 10 D8 0E 02\n");
    BOOST_TEST((tz.info.format == TraceFormat::CandumpZero));
    BOOST_TEST(tz.frames.at(2).frame.timestamp.count() == 1'000'000);
}

BOOST_AUTO_TEST_CASE(pcan_trc_1_1_written_from_the_format_description) {
    const auto c = read(";$FILEVERSION=1.1\r\n"
                        ";$STARTTIME=45244.4259259259\r\n"
                        ";   Message Number\r\n"
                        ";   |         Time Offset (ms)\r\n"
                        ";---+--   ----+----  --+--  ----+---  +  -+ -- -- -- -- -- -- --\r\n"
                        "     1)      1059.9  Rx     1CEC56F4  8  10 31 00 07 FF 00 02 00\r\n"
                        "     2)      1109.9  Rx         0123  2  11 22\r\n"
                        "     3)      1159.9  Tx         0300  4  RTR\r\n");
    BOOST_TEST((c.info.format == TraceFormat::PcanTrc1));
    BOOST_TEST(c.problems.empty());
    BOOST_REQUIRE(c.frames.size() == 3u);
    // 45244.4259259259 days after 1899-12-30 is 2023-11-14 10:13:20 (1699956800 s).
    BOOST_TEST(std::llabs(c.frames[0].frame.timestamp.count() - (1699956800LL * 1'000'000 + 1'059'900)) <= 5);
    BOOST_TEST(c.frames[0].frame.extended);
    BOOST_TEST(!c.frames[1].frame.extended);
    BOOST_TEST(c.frames[2].frame.remote);
    BOOST_TEST(unsigned(c.frames[2].frame.dlc) == 4u);
    BOOST_TEST(c.info.resolutionUs == 100);
}

BOOST_AUTO_TEST_CASE(vector_asc_in_decimal_with_relative_times) {
    const auto c = read("date Tue Nov 14 10:13:20.000 pm 2023\n"
                        "base dec  timestamps relative\n"
                        "internal events logged\n"
                        "// version 9.0.0\n"
                        "Begin Triggerblock Tue Nov 14 10:13:20.000 pm 2023\n"
                        "   0.000000 Start of measurement\n"
                        "   0.010000 1  419385573x      Rx   d 8 16 49 0 7 255 0 2 0  Length = 272000 BitCount = 140\n"
                        "   0.010000 1  291             Tx   d 2 17 34\n"
                        "   0.010000 CANFD 1 Rx 123 1 0 8 8 11 22 33 44 55 66 77 88\n"
                        "End TriggerBlock\n");
    BOOST_TEST((c.info.format == TraceFormat::VectorAsc));
    BOOST_REQUIRE(c.frames.size() == 2u);
    BOOST_TEST(c.frames[0].frame.id == 0x18FF50E5u);
    BOOST_TEST(bytesOf(c.frames[0].frame) == "10310007FF000200");
    BOOST_TEST(c.frames[0].frame.timestamp.count() == 1700000000010000LL);
    BOOST_TEST(c.frames[1].frame.id == 0x123u);
    BOOST_TEST(c.frames[1].frame.timestamp.count() == 1700000000020000LL);
    BOOST_REQUIRE(c.problems.size() == 1u); // CAN FD is refused with its line number
    BOOST_TEST(c.problems[0].line == 9u);
    BOOST_TEST(c.problems[0].message.find("CAN FD") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(files_no_format_reads_are_refused_saying_what_was_seen) {
    const std::string empty = unreadable("");
    BOOST_TEST(empty.find("empty file") != std::string::npos);
    BOOST_TEST(empty.find("supported: candump -L") != std::string::npos);

    std::mt19937 random(27930);
    std::string noise(4096, '\0');
    for (auto& c : noise) c = static_cast<char>(random());
    const std::string binary = unreadable(noise);
    BOOST_TEST(binary.find("binary data") != std::string::npos);
    BOOST_TEST(binary.find("recognised: not text") != std::string::npos);

    const std::string prose = unreadable("hello world\nthis is not a trace\n");
    BOOST_TEST(prose.find("recognised: UTF-8 text, 2 lines") != std::string::npos, prose);
    BOOST_TEST(prose.find("not recognised: line 1: 'hello world'") != std::string::npos, prose);
    BOOST_TEST(prose.find("as candump:") != std::string::npos, prose);
    BOOST_TEST(prose.find("as Vector ASC:") != std::string::npos, prose);
    BOOST_TEST(prose.find("supported:") != std::string::npos);

    // A header and no frame: what was recognised is said, no format is claimed.
    const std::string header = unreadable("序号\t传输方向\t时间标识\t帧ID\t帧格式\t帧类型\t数据长度\t数据\n");
    BOOST_TEST(header.find("line 1 is a ZLG text export header line") != std::string::npos, header);
    BOOST_TEST(header.find("no CAN frame") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_huge_binary_line_is_reported_short) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "(1700000000.000000) can0 18FF50E5#1122334455667788\n";
    std::mt19937 random(7);
    std::string junk(10 * 1024 * 1024, '\0');
    for (auto& c : junk) {
        c = static_cast<char>(random());
        if (c == '\n') c = 'x';
    }
    text += junk + "\n(1700000001.000000) can0 18FF50E5#11\n";
    const auto c = read(text);
    BOOST_TEST(c.frames.size() == 2001u);
    BOOST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].line == 2001u);
    BOOST_TEST(c.problems[0].message.size() < 1200u); // 200 characters, escapes and the path
    BOOST_TEST(c.problems[0].message.find("10485760 bytes") != std::string::npos, c.problems[0].message);
    for (char ch : c.problems[0].message) BOOST_TEST((ch == '\t' || static_cast<unsigned char>(ch) >= 0x20));
}

BOOST_AUTO_TEST_CASE(printable_excerpts_keep_utf8_and_escape_the_rest) {
    BOOST_TEST(traces::printableExcerpt("a\x01" "接收\xFF") == "a\\x01接收\\xFF");
    const std::string longLine(500, 'A');
    const std::string cut = traces::printableExcerpt(longLine);
    BOOST_TEST(cut.substr(0, 200) == std::string(200, 'A'));
    BOOST_TEST(cut.find("(500 bytes)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(time_going_back_and_out_of_range_are_problems) {
    const auto c = read("(1.000000) can0 18FF50E5#11\n"
                        "(2.000000) can0 18FF50E5#11\n"
                        "(1.500000) can0 18FF50E5#11\n"
                        "(9999999999999.000000) can0 18FF50E5#11\n");
    BOOST_TEST(c.frames.size() == 3u); // the frame going back is kept; the one out of range is not
    BOOST_REQUIRE(c.problems.size() == 2u);
    BOOST_TEST((c.problems[0].kind == traces::ProblemKind::TimeBackwards));
    BOOST_TEST(c.problems[0].line == 3u);
    BOOST_TEST(c.problems[0].backwardsUs == 500'000);
    BOOST_TEST(c.problems[0].message.find("backwards by 500.000 ms") != std::string::npos, c.problems[0].message);
    BOOST_TEST((c.problems[1].kind == traces::ProblemKind::TimeOutOfRange));
    BOOST_TEST(c.problems[1].line == 4u);
}

BOOST_AUTO_TEST_CASE(a_line_of_another_format_is_named_not_mixed_in) {
    const auto c = read("(1.000000) can0 18FF50E5#11\n"
                        "(2.000000) can0 18FF50E5#11\n"
                        "3\t接收\t0x00000010\t0x181056f4\t数据帧\t扩展帧\t0x01\ta5\n");
    BOOST_TEST((c.info.format == TraceFormat::CandumpL));
    BOOST_TEST(c.frames.size() == 2u);
    BOOST_REQUIRE(c.problems.size() == 1u);
    BOOST_TEST(c.problems[0].message.find("reads as ZLG CANTest/ZCANPRO text export") != std::string::npos, c.problems[0].message);
    BOOST_TEST(c.problems[0].message.find("sample:3: ") == 0u, c.problems[0].message);
}

BOOST_AUTO_TEST_SUITE_END()
