// The PDF test report (issue 13 item 6): a real simulated run through the CLI writes it in English
// and Chinese before the seal; poppler's pdftotext (an independent reader) must find the report
// number, the sample serial, "Page 1 of N" / "第 1 页 共 N 页", every case id, the decision rule
// and the SIMULATION mark in it, and pdffonts must list the CJK font as embedded.
#include "child_process.hpp"
#include "cli_in_process.hpp"
#include "test_paths.hpp"

#include "v2gbench/reports/run_summary.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace v2gbench;
using test::runCliInProcess;

namespace {

const std::string kRunInfo = test::sourcePath("lab/run-info-demo.yaml");

// `v2gbench run` of one GB/T 34657.1 output-check plan on the simulated lab, with --pdf.
test::CliResult runWithPdf(const fs::path& out, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"run",
                                     test::sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml"),
                                     "--bench", test::sourcePath("benches/sim.yaml"),
                                     "--dut", test::sourcePath("testplans/duts/sim-v2g-charger.yaml"),
                                     "--requirements", test::sourcePath("testplans/requirements"),
                                     "--out", out.string(), "--quiet", "--pdf"};
    args.insert(args.end(), extra.begin(), extra.end());
    return runCliInProcess(args);
}

// -raw: text in content order, with the spaces as drawn (the default layout mode drops the spaces
// between CJK and digits, "第1页共5页").
std::string pdfText(const fs::path& pdf, const fs::path& scratch) {
    const auto [code, text] = test::runProgram({"/usr/bin/pdftotext", "-raw", pdf.string(), "-"}, (scratch / "pdftotext.err").string());
    BOOST_TEST_REQUIRE(code == 0, "pdftotext " << pdf << ": " << test::readFile((scratch / "pdftotext.err").string()));
    return text;
}

int pdfPages(const fs::path& pdf, const fs::path& scratch) {
    const auto [code, info] = test::runProgram({"/usr/bin/pdfinfo", pdf.string()}, (scratch / "pdfinfo.err").string());
    BOOST_TEST_REQUIRE(code == 0);
    const auto at = info.find("Pages:");
    BOOST_TEST_REQUIRE(at != std::string::npos, info);
    return std::stoi(info.substr(at + 6)); // stoi skips the spaces
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// What every language's report must hold.
void checkCommonContent(const std::string& text, const reports::RunSummary& summary) {
    BOOST_TEST(contains(text, "V2GB-DEMO-2026-0001"));
    BOOST_TEST(contains(text, "SIM-V2G-120-0001"));
    BOOST_TEST(contains(text, summary.decisionRule), "decision rule '" << summary.decisionRule << "'");
    BOOST_TEST(contains(text, "SIMULATION"));
    int cases = 0;
    for (const auto& p : summary.plans)
        for (const auto& k : p.cases) {
            BOOST_TEST(contains(text, k.id), "case " << k.id);
            ++cases;
        }
    BOOST_TEST(cases > 0);
}

} // namespace

BOOST_AUTO_TEST_SUITE(pdf_report)

BOOST_AUTO_TEST_CASE(english_and_chinese_reports_hold_number_serial_pages_cases_rule_and_simulation_mark) {
    test::TempDir tmp("pdf-report");
    const fs::path run = tmp.path() / "run";
    const auto r = runWithPdf(run, {"--lang", "en", "--lang", "zh", "--run-info", kRunInfo});
    BOOST_TEST_REQUIRE((r.code == 0 || r.code == 1), r.err);
    const auto summary = reports::loadRunSummary(run);
    BOOST_TEST_REQUIRE(summary.simulation);
    BOOST_TEST(fs::exists(run / "run-info.yaml"));
    BOOST_TEST(contains(r.out, (run / "report-en.pdf").string()));

    const fs::path en = run / "report-en.pdf", zh = run / "report-zh.pdf";
    const int enPages = pdfPages(en, tmp.path()), zhPages = pdfPages(zh, tmp.path());
    BOOST_TEST(enPages >= 2);
    const auto enText = pdfText(en, tmp.path());
    checkCommonContent(enText, summary);
    BOOST_TEST(contains(enText, "Page 1 of " + std::to_string(enPages)));
    BOOST_TEST(contains(enText, "Page " + std::to_string(enPages) + " of " + std::to_string(enPages)));
    BOOST_TEST(contains(enText, "The results relate only to the item tested."));
    BOOST_TEST(contains(enText, "Decision rule"));

    const auto zhText = pdfText(zh, tmp.path());
    checkCommonContent(zhText, summary);
    BOOST_TEST(contains(zhText, "第 1 页 共 " + std::to_string(zhPages) + " 页"), zhText.substr(0, 2000));
    BOOST_TEST(contains(zhText, "判定规则"));
    BOOST_TEST(contains(zhText, "仿真"));
    BOOST_TEST(contains(zhText, "本报告检测结果仅对所检样品有效"));

    // The simulation mark on every page: pdftotext separates pages by form feeds.
    std::size_t pagesWithMark = 0, start = 0;
    for (std::size_t ff = enText.find('\f'); ff != std::string::npos; start = ff + 1, ff = enText.find('\f', start))
        pagesWithMark += contains(enText.substr(start, ff - start), "SIMULATION — not a test of a physical charger");
    BOOST_TEST(pagesWithMark == static_cast<std::size_t>(enPages));

    // The CJK font is embedded (a subset), not left to the reader's machine.
    const auto [fontsCode, fonts] = test::runProgram({"/usr/bin/pdffonts", zh.string()}, tmp.file("pdffonts.err"));
    BOOST_TEST(fontsCode == 0);
    bool embedded = false; // a line "XXXXXX+NotoSansCJKsc-Regular  CID Type 0C  Identity-H  yes yes yes …"
    for (std::size_t from = 0, end = 0; from < fonts.size(); from = end + 1) {
        end = fonts.find('\n', from);
        if (end == std::string::npos) end = fonts.size();
        const auto line = fonts.substr(from, end - from);
        embedded = embedded || (contains(line, "NotoSansCJK") && contains(line, " yes "));
    }
    BOOST_TEST(embedded, fonts);

    // Written before the seal: the sealed folder verifies with both PDFs in it.
    const auto verify = runCliInProcess({"verify", run.string()});
    BOOST_TEST(verify.code == 0, verify.out << verify.err);
}

BOOST_AUTO_TEST_CASE(a_run_not_for_certification_says_so_on_every_page) {
    test::TempDir tmp("pdf-nfc");
    const fs::path run = tmp.path() / "run";
    const auto r = runWithPdf(run, {"--lang", "zh", "--not-for-certification"});
    BOOST_TEST_REQUIRE((r.code == 0 || r.code == 1), r.err);
    const auto text = pdfText(run / "report-zh.pdf", tmp.path());
    const int pages = pdfPages(run / "report-zh.pdf", tmp.path());
    std::size_t marked = 0, start = 0;
    for (std::size_t ff = text.find('\f'); ff != std::string::npos; start = ff + 1, ff = text.find('\f', start))
        marked += contains(text.substr(start, ff - start), "不用于认证 NOT FOR CERTIFICATION");
    BOOST_TEST(marked == static_cast<std::size_t>(pages));
    // Without a run-information file: the run id is the report number, the serial is "not given".
    BOOST_TEST(contains(text, "报告编号: " + reports::loadRunSummary(run).runId));
    BOOST_TEST(contains(text, "未提供"));
}

BOOST_AUTO_TEST_CASE(report_pdf_on_a_sealed_folder_writes_beside_it_and_verify_still_passes) {
    test::TempDir tmp("pdf-beside");
    const fs::path run = tmp.path() / "run";
    const auto r = runWithPdf(run, {"--run-info", kRunInfo});
    BOOST_TEST_REQUIRE((r.code == 0 || r.code == 1), r.err);
    const auto report = runCliInProcess({"report", run.string(), "--pdf", "--lang", "zh"});
    BOOST_TEST_REQUIRE(report.code == 0, report.err);
    const fs::path beside = tmp.path() / "run.report-zh.pdf";
    BOOST_TEST(fs::exists(beside));
    BOOST_TEST(!fs::exists(run / "report-zh.pdf"));
    BOOST_TEST(contains(report.out, "beside the sealed run folder"));
    // It read the run folder's own run-info.yaml.
    BOOST_TEST(contains(pdfText(beside, tmp.path()), "V2GB-DEMO-2026-0001"));
    const auto verify = runCliInProcess({"verify", run.string()});
    BOOST_TEST(verify.code == 0, verify.out << verify.err);
}

BOOST_AUTO_TEST_CASE(a_bad_run_information_file_or_language_is_refused_before_the_run) {
    test::TempDir tmp("pdf-bad");
    {
        std::ofstream(tmp.file("info.yaml")) << "report_number: R-1\nsample:\n  serial: X\n  colour: red\n";
        const auto r = runWithPdf(tmp.path() / "run", {"--run-info", tmp.file("info.yaml")});
        BOOST_TEST(r.code == 2);
        BOOST_TEST(contains(r.err, tmp.file("info.yaml") + ":4:3: unknown key 'sample.colour'"), r.err);
        BOOST_TEST(!fs::exists(tmp.path() / "run"));
    }
    {
        std::ofstream(tmp.file("nonumber.yaml")) << "lab: {name: L}\n";
        const auto r = runWithPdf(tmp.path() / "run", {"--run-info", tmp.file("nonumber.yaml")});
        BOOST_TEST(r.code == 2);
        BOOST_TEST(contains(r.err, "report_number is missing"), r.err);
    }
    const auto lang = runWithPdf(tmp.path() / "run", {"--lang", "fr"});
    BOOST_TEST(lang.code == 2);
    BOOST_TEST(contains(lang.err, "--lang 'fr': expected zh or en"), lang.err);
    const auto noPdf = runCliInProcess({"report", tmp.path().string(), "--lang", "zh"});
    BOOST_TEST(noPdf.code == 2);
    BOOST_TEST(contains(noPdf.err, "--lang and --run-info go with --pdf"), noPdf.err);
}

BOOST_AUTO_TEST_SUITE_END()
