// The real captures in shared/data/gbt27930 (see its README): decode, analyze, import, export.
#include "capture_dir.hpp"

#include "v2gbench/protocols/gbt27930/trace_analyzer.hpp"
#include "v2gbench/protocols/gbt27930/trace_decoder.hpp"
#include "v2gbench/traces/trace_reader.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace v2gbench::protocols::gbt27930;

namespace {

std::string capture(const char* name) { return captureDir() + "/" + name; }

namespace traces = v2gbench::traces;

// A trace read by v2g_traces and decoded by the protocol library, as the GUI does.
struct Decoded : DecodeReport {
    traces::TraceCapture trace;
};

Decoded decodeTrace(const std::string& path) {
    Decoded d;
    d.trace = traces::readCapture(traces::openFileSource(path));
    static_cast<DecodeReport&>(d) = decodeFrames(d.trace.frames);
    return d;
}

// As `v2gbench analyze` does it: the reader's problems become findings.
AnalysisReport analyzeTrace(const std::string& path) {
    const auto trace = traces::readCapture(traces::openFileSource(path));
    AnalysisOptions options;
    options.timeResolutionUs = trace.info.resolutionUs;
    TraceAnalyzer analyzer(options);
    for (const auto& p : trace.problems) analyzer.onTraceIssue(TraceIssue::Malformed, p.line, p.message);
    for (const auto& f : trace.frames) analyzer.onFrame(f);
    return analyzer.finish();
}

std::string printed(const DecodeReport& report) {
    std::string out;
    for (const auto& e : report.entries) appendDecoded(e, out);
    return out;
}

std::size_t nonBlankLines(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line))
        if (line.find_first_not_of(" \t\r") != std::string::npos) ++n;
    return n;
}

#define REQUIRE_CAPTURES()                                                                                  \
    if (captureDir().empty()) {                                                                             \
        BOOST_TEST_MESSAGE("SKIP: ../shared/data/gbt27930 not found beside " V2G_SOURCE_DIR);               \
        return;                                                                                             \
    }

} // namespace

BOOST_AUTO_TEST_SUITE(captures)

BOOST_AUTO_TEST_CASE(candump_logs_decode_every_frame) {
    REQUIRE_CAPTURES();
    for (const char* name : {"handshake-failure-bem.candump.log", "long-charging-session.candump.log"}) {
        const auto path = capture(name);
        auto report = decodeTrace(path);
        BOOST_TEST((report.trace.info.format == traces::TraceFormat::CandumpL));
        // Every non-blank line is either a kept frame or a reported problem.
        BOOST_TEST(report.entries.size() + report.trace.problems.size() == nonBlankLines(path), name);
        BOOST_TEST(report.timestampsFlattened);
        std::size_t unknown = 0;
        for (const auto& e : report.entries)
            if (e.kind == EntryKind::Foreign || e.kind == EntryKind::ErrorFrame) ++unknown;
        BOOST_TEST(unknown == 0u, name << ": every frame is a GB/T 27930 message or TP");
    }
    auto longSession = decodeTrace(capture("long-charging-session.candump.log"));
    std::size_t bcl = 0, ccs = 0, bcs = 0;
    for (const auto& e : longSession.entries) {
        if (!e.message) continue;
        std::string n = e.message->spec->name;
        bcl += n == "BCL";
        ccs += n == "CCS";
        bcs += n == "BCS" && e.reassembled;
    }
    BOOST_TEST(bcl == 1461u);
    BOOST_TEST(ccs == 1461u);
    BOOST_TEST(bcs > 250u);
    BOOST_TEST(longSession.reassembled > bcs);
    // The BRM of this session: CATL NCM pack.
    for (const auto& e : longSession.entries)
        if (e.message && e.reassembled && std::string(e.message->spec->name) == "BRM") {
            BOOST_TEST(e.message->field("manufacturer")->text == "CATL");
            BOOST_TEST(e.message->field("battery type")->label == std::string("NCM (ternary)"));
            break;
        }
}

BOOST_AUTO_TEST_CASE(bem_is_a_crm_aa_timeout) {
    REQUIRE_CAPTURES();
    auto report = decodeTrace(capture("handshake-failure-bem.candump.log"));
    std::size_t crmAa = 0, ctsCml = 0;
    for (const auto& e : report.entries) {
        if (!e.message || std::string(e.message->spec->name) != "BEM") continue;
        const auto& m = *e.message;
        if (m.field("CRM 0xAA timeout")->raw == 1) {
            ++crmAa;
            BOOST_TEST(e.frame.data[0] == 0xF4);
            BOOST_TEST(m.field("CRM 0xAA timeout")->formatValue() == "timeout (01)");
        }
        if (m.field("CTS/CML timeout")->raw == 1) ++ctsCml;
    }
    // README says 15 BEM F4F0F0FC; the file has 10 of them and 5 BEM F0F1F0FC (CTS/CML timeout).
    BOOST_TEST(crmAa == 10u);
    BOOST_TEST(ctsCml == 5u);
    // The BMS gives up its BRM transfers with Conn_Abort: the charger never sends CTS.
    bool aborted = false;
    for (const auto& t : report.tpErrors) aborted = aborted || t.kind == TpErrorKind::Aborted;
    BOOST_TEST(aborted);
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_reported_with_line_numbers) {
    REQUIRE_CAPTURES();
    // The README announces a malformed last line in each candump log; the files have none (their
    // last lines are complete, only the final newline is missing). Check with a copy that has one.
    for (const char* name : {"handshake-failure-bem.candump.log", "long-charging-session.candump.log"}) {
        auto clean = decodeTrace(capture(name));
        BOOST_TEST(clean.trace.problems.empty(), name);
        std::ifstream in(capture(name));
        std::stringstream text;
        text << in.rdbuf();
        std::string content = text.str();
        if (!content.empty() && content.back() != '\n') content += '\n';
        const std::size_t lines = nonBlankLines(capture(name));
        content += "(1703560121.247259) can0 101AF456#0400F0F01\n";
        content += "(1703560121.247259) can0 182756F4#D80F\n";
        auto tmp = std::filesystem::temp_directory_path() / (std::string("gbt27930-bad-") + name);
        std::ofstream(tmp) << content;
        auto report = decodeTrace(tmp.string());
        const auto& problems = report.trace.problems;
        BOOST_REQUIRE(problems.size() == 1u);
        BOOST_TEST(problems[0].line == lines + 1);
        BOOST_TEST(problems[0].message.find(":" + std::to_string(lines + 1) + ":") != std::string::npos);
        BOOST_TEST(problems[0].message.find("odd number of hex digits") != std::string::npos);
        BOOST_TEST(report.entries.size() == lines + 1); // every good frame kept, the one after it too
        BOOST_TEST(report.entries.back().line == lines + 2);
        auto analysis = analyzeTrace(tmp.string());
        BOOST_TEST(analysis.malformedLines == 1u);
        BOOST_TEST(analysis.hasErrors());
        std::filesystem::remove(tmp);
    }
    // ZLG rows too.
    const std::string zlg = "序号\t传输方向\t时间\n0\t接收\t0x00000010\t0x181056f4\t数据帧\t扩展帧\t0x05\ta5\t10\td8\t0e\t02\t\r\n"
                            "1\t接收\t0x00000020\t0x181056f4\t数据帧\t扩展帧\t0x05\ta5\t10\t\r\n"
                            "2\t接收\tlater\t0x181056f4\t数据帧\t扩展帧\t0x05\ta5\t10\td8\t0e\t02\r\n";
    auto log = traces::readCapture(traces::memorySource(zlg, "zlg"));
    BOOST_TEST(log.frames.size() == 1u);
    BOOST_REQUIRE(log.problems.size() == 2u);
    BOOST_TEST(log.problems[0].line == 3u);
    BOOST_TEST(log.problems[1].line == 4u);
    BOOST_TEST(log.frames[0].frame.timestamp.count() == 1600);
}

BOOST_AUTO_TEST_CASE(zlg_session_decodes_with_its_brm) {
    REQUIRE_CAPTURES();
    const auto path = capture("complete-session.zlg.txt");
    auto report = decodeTrace(path);
    BOOST_TEST((report.trace.info.format == traces::TraceFormat::ZlgText));
    BOOST_TEST(report.trace.problems.empty());
    BOOST_TEST(report.entries.size() == 595u);
    BOOST_TEST(report.entries.size() == nonBlankLines(path) - 1); // header row
    BOOST_TEST(!report.timestampsFlattened);
    const DecodedMessage* brm = nullptr;
    const DecodedMessage* cml = nullptr;
    for (const auto& e : report.entries) {
        BOOST_TEST((e.kind != EntryKind::Foreign && e.kind != EntryKind::ErrorFrame));
        if (e.message && e.reassembled && std::string(e.message->spec->name) == "BRM" && !brm) brm = &*e.message;
        if (e.message && std::string(e.message->spec->name) == "CML" && !cml) cml = &*e.message;
    }
    BOOST_REQUIRE(brm);
    BOOST_TEST(brm->length == 49u);
    BOOST_TEST((brm->layout == Layout::Gbt2015));
    BOOST_TEST(brm->field("battery type")->label == std::string("LFP"));
    BOOST_TEST(brm->field("rated voltage")->volts()->value == 750.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(brm->field("BMS protocol version")->text == "V1.1");
    BOOST_REQUIRE(cml);
    BOOST_TEST(cml->field("max output voltage")->value == 500.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cml->field("min output voltage")->value == 200.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cml->field("max output current")->value == 120.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(cml->field("min output current")->value == 4.0, boost::test_tools::tolerance(1e-9));
    const std::string out = printed(report);
    BOOST_TEST(out.find("BRM (reassembled, 49 bytes)") != std::string::npos);
    BOOST_TEST(out.find("rated voltage=750.0 V") != std::string::npos);
    BOOST_TEST(out.find("BMS→charger") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(analyze_zlg_periods) {
    REQUIRE_CAPTURES();
    auto report = analyzeTrace(capture("complete-session.zlg.txt"));
    BOOST_TEST(report.periodsJudged);
    const auto* bcl = report.stats("BCL");
    const auto* ccs = report.stats("CCS");
    BOOST_REQUIRE(bcl);
    BOOST_REQUIRE(ccs);
    BOOST_TEST(bcl->count == 140u);
    BOOST_TEST(ccs->count == 169u);
    BOOST_REQUIRE(bcl->period.has_value());
    BOOST_REQUIRE(ccs->period.has_value());
    // 5 %: the capture's ticks read 3-4 % long (shared/data README); the histogram adds ±0.05 ms.
    BOOST_REQUIRE(bcl->period->medianMs.has_value());
    BOOST_REQUIRE(ccs->period->medianMs.has_value());
    BOOST_TEST(*bcl->period->medianMs == 50.0, boost::test_tools::tolerance(0.05));
    BOOST_TEST(*ccs->period->medianMs == 50.0, boost::test_tools::tolerance(0.05));
    BOOST_TEST(ccs->dlcs.at(7) == 169u);
    bool sawCharging = false;
    for (const auto& p : report.phases) sawCharging = sawCharging || p.phase == Phase::Charging;
    BOOST_TEST(sawCharging);
    BOOST_TEST((report.phases.back().phase == Phase::End));
    std::ostringstream out;
    printAnalysis(report, "# trace", out);
    BOOST_TEST_MESSAGE(out.str());
    BOOST_TEST(out.str().find("BCL") != std::string::npos);
    BOOST_TEST(out.str().find("cannot be judged") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(analyze_candump_says_periods_cannot_be_judged) {
    REQUIRE_CAPTURES();
    for (const char* name : {"handshake-failure-bem.candump.log", "long-charging-session.candump.log"}) {
        auto report = analyzeTrace(capture(name));
        BOOST_TEST(!report.periodsJudged);
        BOOST_TEST(report.timingNote.find("cannot be judged") != std::string::npos);
        for (const auto& s : report.perMessage) BOOST_TEST(!s.period.has_value(), s.spec->name);
        std::ostringstream out;
        printAnalysis(report, "# trace", out);
        BOOST_TEST(out.str().find("periods cannot be judged") != std::string::npos);
        BOOST_TEST(out.str().find("0.0 / 0.0 / 0.0") == std::string::npos);
        BOOST_TEST_MESSAGE(out.str());
    }
    auto handshake = analyzeTrace(capture("handshake-failure-bem.candump.log"));
    bool bemFinding = false;
    for (const auto& f : handshake.findings)
        bemFinding = bemFinding || (f.rule == "error-report" && f.message.find("CRM 0xAA timeout") != std::string::npos);
    BOOST_TEST(bemFinding);
    BOOST_TEST(handshake.reconnectAttempts > 0u);
}

BOOST_AUTO_TEST_CASE(export_candump_round_trip) {
    REQUIRE_CAPTURES();
    auto log = traces::readCapture(traces::openFileSource(capture("complete-session.zlg.txt")));
    std::ostringstream out;
    traces::writeCandump(log.frames, out);
    const std::string text = out.str();
    auto again = traces::readCapture(traces::memorySource(text, "export"));
    BOOST_TEST(again.problems.empty());
    BOOST_TEST((again.info.format == traces::TraceFormat::CandumpL));
    BOOST_REQUIRE(again.frames.size() == log.frames.size());
    for (std::size_t i = 0; i < log.frames.size(); ++i) {
        BOOST_TEST(again.frames[i].frame.sameContent(log.frames[i].frame));
        BOOST_TEST(again.frames[i].frame.timestamp == log.frames[i].frame.timestamp);
    }
}

BOOST_AUTO_TEST_SUITE_END()
