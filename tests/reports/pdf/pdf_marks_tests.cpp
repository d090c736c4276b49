// What the PDF report shows of a run beyond its numbers (issue 13): case titles with their plan
// parameters' values (a title "... at ${battery_voltage}" reads "... at 404 V"), the RACK NOT READY
// mark report.html shows when the rack failed its self-check, and run --run-info recording who
// tested which sample in summary.json run_info. Checked with poppler's pdftotext.
#include "child_process.hpp"
#include "cli_in_process.hpp"
#include "test_paths.hpp"
#include "v2gbench/app/registration.hpp"
#include "v2gbench/app/run_folder_finish.hpp"
#include "v2gbench/app/verify_command.hpp"
#include "v2gbench/bench/abort_flag.hpp"
#include "v2gbench/bench/run_controller.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace v2gbench;
using nlohmann::json;

namespace {

test::CliResult runWithPdf(const std::vector<std::string>& plans, const fs::path& out, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"run"};
    for (const auto& p : plans) args.push_back(test::sourcePath(p));
    args.insert(args.end(), {"--bench", test::sourcePath("benches/sim.yaml"), "--dut",
                             test::sourcePath("testplans/duts/sim-v2g-charger.yaml"), "--requirements",
                             test::sourcePath("testplans/requirements"), "--out", out.string(), "--quiet", "--pdf"});
    args.insert(args.end(), extra.begin(), extra.end());
    return test::runCliInProcess(args);
}

std::string pdfText(const fs::path& pdf, const fs::path& scratch) {
    const auto [code, text] = test::runProgram({"/usr/bin/pdftotext", "-raw", pdf.string(), "-"}, (scratch / "pdftotext.err").string());
    BOOST_TEST_REQUIRE(code == 0, "pdftotext " << pdf << ": " << test::readFile((scratch / "pdftotext.err").string()));
    return text;
}

json summaryOf(const fs::path& run) { return json::parse(test::readFile((run / "summary.json").string())); }

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

} // namespace

BOOST_AUTO_TEST_SUITE(pdf_report_marks)

BOOST_AUTO_TEST_CASE(case_titles_show_the_values_of_their_parameters_and_run_info_is_recorded) {
    test::TempDir tmp("pdf-titles");
    const fs::path run = tmp.path() / "run";
    const auto r = runWithPdf({"testplans/gbt34657/inrush-current.yaml"}, run,
                              {"--run-info", test::sourcePath("lab/run-info-demo.yaml")});
    BOOST_TEST_REQUIRE((r.code == 0 || r.code == 1), r.err);
    const auto summary = summaryOf(run);
    // Two instances, one per battery voltage; each title names its own value.
    std::vector<std::string> titles;
    for (const auto& p : summary.at("plans"))
        for (const auto& c : p.at("cases")) titles.push_back(c.at("title"));
    BOOST_TEST_REQUIRE(titles.size() == 2u);
    for (const auto& t : titles) {
        BOOST_TEST(!contains(t, "${"), t);
        BOOST_TEST(contains(t, "Peak current at K1/K2 closure with the battery at "), t);
        BOOST_TEST(contains(t, " V"), t);
    }
    BOOST_TEST(titles[0] != titles[1]);
    const std::string text = pdfText(run / "report-en.pdf", tmp.path());
    BOOST_TEST(!contains(text, "${"));
    // pdftotext may break a long title cell: its value part is on the page either way.
    const std::string value = titles[0].substr(titles[0].rfind(" at ") + 4);
    BOOST_TEST(contains(text, value), value);
    // --run-info: who tested which sample, in summary.json too.
    const auto& info = summary.at("run_info");
    BOOST_TEST(info.at("sample_serial") == "SIM-V2G-120-0001");
    BOOST_TEST(info.at("operator") == "demo operator");
    BOOST_TEST(info.at("firmware") == "sim 1.0");
    BOOST_TEST(info.at("report_number") == "V2GB-DEMO-2026-0001");
    BOOST_TEST(!info.contains("reviewer")); // empty in the file: left out
}

BOOST_AUTO_TEST_CASE(a_rack_not_ready_is_marked_on_the_first_page_and_in_the_verdict_table) {
    test::TempDir tmp("pdf-rack");
    const fs::path run = tmp.path() / "run";
    const auto r = runWithPdf({"testplans/rack/self-check.yaml", "testplans/gbt34657/dc-voltage-control-error.yaml"}, run,
                              {"--rack-fault", "grid-source-low"});
    BOOST_TEST_REQUIRE(r.code == 4, r.err);
    BOOST_TEST_REQUIRE(summaryOf(run).at("rack").at("ready") == false);
    // Page by page: the mark is on page 1, and the verdict table lists the plan that did not run.
    const auto [code, first] = test::runProgram(
        {"/usr/bin/pdftotext", "-raw", "-f", "1", "-l", "1", (run / "report-en.pdf").string(), "-"},
        (tmp.path() / "p1.err").string());
    BOOST_TEST_REQUIRE(code == 0);
    BOOST_TEST(contains(first, "RACK NOT READY"));
    const std::string text = pdfText(run / "report-en.pdf", tmp.path());
    // The verdict table's row of the plan that did not run (its cells wrap: compared with the
    // line breaks as spaces).
    std::string flat;
    for (const char c : text) flat += (c == '\n' ? ' ' : c);
    BOOST_TEST(contains(flat, "control-error not run: rack not ready"));
    const std::string zh = [&] {
        const auto z = runWithPdf({"testplans/rack/self-check.yaml", "testplans/gbt34657/dc-voltage-control-error.yaml"},
                                  tmp.path() / "run-zh", {"--rack-fault", "grid-source-low", "--lang", "zh"});
        BOOST_TEST_REQUIRE(z.code == 4, z.err);
        return pdfText(tmp.path() / "run-zh" / "report-zh.pdf", tmp.path());
    }();
    BOOST_TEST(contains(zh, "检测台未就绪"));
}

// A sound rack: no mark.
BOOST_AUTO_TEST_CASE(a_run_without_a_rack_fault_has_no_rack_mark) {
    test::TempDir tmp("pdf-no-rack");
    const fs::path run = tmp.path() / "run";
    const auto r = runWithPdf({"testplans/gbt34657/dc-voltage-control-error.yaml"}, run, {});
    BOOST_TEST_REQUIRE((r.code == 0 || r.code == 1), r.err);
    BOOST_TEST(!contains(pdfText(run / "report-en.pdf", tmp.path()), "RACK NOT READY"));
}

// The front-ends' finishing step (app/run_folder_finish.hpp, the CLI's and the GUI's): a PDF that
// cannot be drawn — here the folder's run-info.yaml does not read — is no reason to leave the
// record unsealed. The failure is in the journal, under the seal, and the verdict is untouched.
BOOST_AUTO_TEST_CASE(a_pdf_that_fails_is_journaled_and_the_folder_is_sealed_all_the_same) {
    test::TempDir tmp("pdf-fails");
    core::DriverRegistry registry;
    app::registerAllDrivers(registry);
    bench::RunRequest request;
    request.plans = {test::sourcePath("testplans/gbt34657/dc-voltage-control-error.yaml")};
    request.benchProfile = test::sourcePath("benches/sim.yaml");
    request.dutProfile = test::sourcePath("testplans/duts/sim-v2g-charger.yaml");
    request.requirementFolders = {test::sourcePath("testplans/requirements")};
    request.outDir = tmp.path() / "run";
    bench::AbortFlag abort;
    const auto outcome = bench::executeRun(request, registry, abort, {});
    BOOST_TEST_REQUIRE(!outcome.runDir.empty());
    const std::string verdictBefore = summaryOf(outcome.runDir).at("verdict");
    std::ofstream(outcome.runDir / "run-info.yaml") << "report_number: R-1\nsample: {serial: [not, text]}\n";
    app::PdfReportRequest pdf;
    pdf.languages = {"en"};
    const auto finished = app::writeReportsAndSeal(outcome.runDir, "", pdf);
    BOOST_TEST(finished.pdfs.empty());
    BOOST_TEST(contains(finished.pdfFailure, "run-info.yaml:2:"), finished.pdfFailure);
    BOOST_TEST(!fs::exists(outcome.runDir / "report-en.pdf"));
    std::string last, line;
    std::ifstream journal(outcome.runDir / "journal.jsonl");
    long previousSeq = 0;
    while (std::getline(journal, line)) {
        if (!last.empty()) previousSeq = json::parse(last).at("seq");
        last = line;
    }
    const auto event = json::parse(last);
    BOOST_TEST(event.at("event") == "pdf_report_failed");
    BOOST_TEST(event.at("seq") == previousSeq + 1);
    BOOST_TEST(contains(event.at("reason").get<std::string>(), "must be a text value"));
    BOOST_TEST(summaryOf(outcome.runDir).at("verdict") == verdictBefore);
    std::ostringstream out, err;
    BOOST_TEST(app::runVerify({outcome.runDir.string()}, out, err) == 0, out.str() << err.str());
}

BOOST_AUTO_TEST_SUITE_END()
