#include "sample_run.hpp"

#include "v2gbench/reports/reports.hpp"
#include "v2gbench/reports/svg_plot.hpp"
#include "v2gbench/reports/text_format.hpp"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <locale>
#include <sstream>

using namespace v2gbench::reports;
using v2gbench::reports::test::countOccurrences;
using v2gbench::reports::test::TempDir;

namespace {

struct SampleHtml {
    SampleHtml() {
        summary = test::writeSampleRun(dir.path());
        writeHtmlReport(dir.path(), dir.path() / "report.html");
        html = test::readFile(dir.path() / "report.html");
        // Lets a developer look at the sample: V2G_SAMPLE_REPORT=/tmp/sample-report.html
        if (const char* out = std::getenv("V2G_SAMPLE_REPORT")) {
            test::writeFile(out, html);
        }
    }
    TempDir dir;
    nlohmann::json summary;
    std::string html;
};

std::vector<std::string> svgElements(const std::string& html) {
    std::vector<std::string> out;
    for (std::size_t pos = html.find("<svg"); pos != std::string::npos; pos = html.find("<svg", pos + 1)) {
        const std::size_t end = html.find("</svg>", pos);
        BOOST_REQUIRE(end != std::string::npos);
        out.push_back(html.substr(pos, end + 6 - pos));
    }
    return out;
}

// Minimum y of a points="x,y x,y ..." attribute: how high on the plot the drawn signal reaches.
double minPointY(const std::string& svg, const std::string& element) {
    const std::size_t at = svg.find("<" + element);
    BOOST_REQUIRE(at != std::string::npos);
    const std::size_t start = svg.find("points=\"", at) + 8;
    const std::size_t end = svg.find('"', start);
    std::istringstream in(svg.substr(start, end - start));
    in.imbue(std::locale::classic());
    double best = 1e9;
    std::string pair;
    while (in >> pair) {
        best = std::min(best, std::stod(pair.substr(pair.find(',') + 1)));
    }
    return best;
}

struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
};

} // namespace

BOOST_AUTO_TEST_SUITE(html_report)

BOOST_FIXTURE_TEST_CASE(header_shows_run_facts_and_overall_badge, SampleHtml) {
    BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0u);
    BOOST_TEST(html.find("20261126T101500Z-gbt34657-dc-current-control-error") != std::string::npos);
    BOOST_TEST(html.find("<span class=\"badge big v-aborted\">aborted</span>") != std::string::npos);
    BOOST_TEST(html.find("2026-11-26T10:15:00Z") != std::string::npos);
    BOOST_TEST(html.find("55.25 s") != std::string::npos);    // bench time
    BOOST_TEST(html.find("800 ms") != std::string::npos);     // wall time
    BOOST_TEST(html.find("sim-virtual") != std::string::npos);
    BOOST_TEST(html.find("slow-current-adjustment") != std::string::npos); // the simulated defect
    BOOST_TEST(html.find("SIGINT during v2g-dispatch") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(every_verdict_has_its_colour, SampleHtml) {
    for (const auto& [verdict, colour] : std::vector<std::pair<std::string, std::string>>{
             {"pass", "#15803d"}, {"fail", "#dc2626"}, {"inconclusive", "#d97706"},
             {"not-applicable", "#6b7280"}, {"error", "#7e22ce"}, {"aborted", "#7f1d1d"}}) {
        BOOST_TEST_CONTEXT(verdict) {
            BOOST_TEST(html.find(".v-" + verdict + "{background:" + colour + "}") != std::string::npos);
            BOOST_TEST(html.find("class=\"badge v-" + verdict + "\"") != std::string::npos);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(equipment_inputs_and_coverage, SampleHtml) {
    BOOST_TEST(html.find("<h2>Equipment</h2>") != std::string::npos);
    BOOST_TEST(html.find("SA-0042") != std::string::npos);
    BOOST_TEST(html.find("2027-01-31") != std::string::npos);
    BOOST_TEST(html.find("sim-analyzer") != std::string::npos);
    BOOST_TEST(html.find("<h2>Inputs</h2>") != std::string::npos);
    BOOST_TEST(html.find(std::string(64, 'b')) != std::string::npos);
    BOOST_TEST(html.find("testplans/duts/sim-v2g-charger.yaml") != std::string::npos);
    BOOST_TEST(html.find("inputs/plan-01-gbt34657-dc-current-control-error.yaml") != std::string::npos);
    BOOST_TEST(html.find("<h2>Requirement coverage</h2>") != std::string::npos);
    // Grouped per catalogue: one heading each, both GB/T requirements under the first.
    BOOST_TEST(countOccurrences(html, "<h3>GB/T 34657.1-2017 ") == 1u);
    BOOST_TEST(html.find("<h3>Lab platform requirements ") != std::string::npos);
    // A complete catalogue counts the standard's cases, not only those the run touched.
    BOOST_TEST(html.find("(2 of 3 cases of GB/T 34657.1-2017 with checks)") != std::string::npos);
    BOOST_TEST(html.find("Output voltage control error") != std::string::npos); // listed though not run
    BOOST_TEST(html.find("(0 of 1 with checks)") != std::string::npos);
    BOOST_TEST(html.find("Discharge &lt;start&gt; &amp; &quot;stop&quot;") != std::string::npos);
    BOOST_TEST(html.find("not covered") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(criteria_sources_and_unverified_marks_are_shown, SampleHtml) {
    // Each check says where its limits come from.
    BOOST_TEST(html.find("<code>current_error</code> <span class=\"muted\">of GBT34657.1-2017/D0.4102</span>") !=
               std::string::npos);
    BOOST_TEST(html.find("GB/T 34657.1-2017 6.3.5.2 [S1]") != std::string::npos);
    BOOST_TEST(html.find("<span class=\"confidence\">single-source</span>") != std::string::npos);
    // The unverified one is marked in its row, with whose number it is, and no check is silent about it.
    BOOST_TEST(html.find("<tr class=\"unverified-row\"><td>current settling time") != std::string::npos);
    BOOST_TEST(html.find("ours: 2 s is our engineering bound") != std::string::npos);
    BOOST_TEST(html.find("plan limit (not from a catalogue)") != std::string::npos);
    // Not certificate-grade, said at the top.
    const auto statement = html.find("<p class=\"certificate no\">certificate-grade: no \xE2\x80\x94 1 unverified criterion</p>");
    BOOST_TEST(statement != std::string::npos);
    BOOST_TEST(statement < html.find("<h2>Equipment</h2>"));
}

BOOST_FIXTURE_TEST_CASE(every_check_is_listed_escaped, SampleHtml) {
    int checks = 0;
    for (const auto& plan : summary["plans"]) {
        for (const auto& kase : plan["cases"]) {
            for (const auto& check : kase.value("checks", nlohmann::json::array())) {
                ++checks;
                const std::string name = check["name"].get<std::string>();
                BOOST_TEST_CONTEXT(name) { BOOST_TEST(html.find(escapeXml(name)) != std::string::npos); }
            }
        }
    }
    BOOST_TEST(checks == 5);
    BOOST_TEST(html.find("output current at 30 A <&>") == std::string::npos);
    BOOST_TEST(html.find("10.02 A") != std::string::npos);
    BOOST_TEST(html.find("29.7 A .. 30.3 A") != std::string::npos);
    BOOST_TEST(html.find("30 A ± 1 %") != std::string::npos);
    BOOST_TEST(html.find("±20 mA") != std::string::npos);
    BOOST_TEST(html.find("settling_time") != std::string::npos);
    BOOST_TEST(html.find("-7.2 kW .. -6.8 kW") != std::string::npos);
    BOOST_TEST(html.find("no value") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(one_wellformed_svg_per_traced_check, SampleHtml) {
    const auto svgs = svgElements(html);
    BOOST_TEST(svgs.size() == static_cast<std::size_t>(test::kSampleTracedChecks));
    for (const auto& svg : svgs) {
        std::istringstream in(svg);
        boost::property_tree::ptree tree;
        BOOST_CHECK_NO_THROW(boost::property_tree::read_xml(in, tree));
    }
    // Limits of the three measure checks are drawn; the response check's limit (seconds) is not a
    // value of the current trace and must not be drawn as one.
    BOOST_TEST(countOccurrences(html, "class=\"limit limit-high\"") == 3u);
    BOOST_TEST(countOccurrences(html, "class=\"limit limit-low\"") == 3u);
    BOOST_TEST(countOccurrences(html, "stroke-dasharray=\"6 4\"") == 6u);
    // Three checks have a measurement window.
    BOOST_TEST(countOccurrences(html, "class=\"window\"") == 3u);
    BOOST_TEST(html.find("analyzer.dc_current [A]") != std::string::npos);
    BOOST_TEST(html.find("analyzer.ac_frequency [Hz]") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(self_contained, SampleHtml) {
    BOOST_TEST(html.find("<script") == std::string::npos);
    BOOST_TEST(html.find("<link") == std::string::npos);
    BOOST_TEST(html.find("src=") == std::string::npos);
    BOOST_TEST(html.find("url(") == std::string::npos);
    // The only URL is the SVG namespace name, which is never fetched.
    BOOST_TEST(countOccurrences(html, "http") == countOccurrences(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    BOOST_TEST(html.find("<style>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_trace_is_reported_in_place) {
    TempDir dir;
    test::writeSampleRun(dir.path());
    std::filesystem::remove(dir.path() / "signals/0004.csv");
    BOOST_REQUIRE_NO_THROW(writeHtmlReport(dir.path(), dir.path() / "report.html"));
    const std::string html = test::readFile(dir.path() / "report.html");
    BOOST_TEST(countOccurrences(html, "<svg") == static_cast<std::size_t>(test::kSampleTracedChecks - 1));
    BOOST_TEST(html.find("<code>signals/0004.csv</code> not plotted") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(numbers_ignore_the_global_locale) {
    TempDir dir;
    test::writeSampleRun(dir.path());
    const std::locale previous = std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
    std::string html;
    try {
        html = renderHtmlReport(loadRunSummary(dir.path()), dir.path());
    } catch (...) {
        std::locale::global(previous);
        throw;
    }
    std::locale::global(previous);
    BOOST_TEST(html.find("10.02 A") != std::string::npos);
    BOOST_TEST(html.find("10,02") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(html_envelope)

BOOST_AUTO_TEST_CASE(long_trace_stays_small) {
    TempDir dir;
    auto summary = test::writeSampleRun(dir.path());
    test::writeStepTrace(dir.path() / "signals/0001.csv", "analyzer.dc_current_A", 200000, 30.0, 1e-5, 0.0, 10.02,
                         0.2);
    const auto csvSize = std::filesystem::file_size(dir.path() / "signals/0001.csv");
    BOOST_REQUIRE(csvSize > 3'000'000u);
    writeHtmlReport(dir.path(), dir.path() / "report.html");
    const std::string html = test::readFile(dir.path() / "report.html");
    // The other three plots are short polylines; the 200k-sample one must be an envelope, not 200k points.
    BOOST_TEST(countOccurrences(html, "class=\"envelope\"") == 1u);
    BOOST_TEST(countOccurrences(html, "class=\"trace\"") == 3u);
    BOOST_TEST(html.size() < 150'000u, "report is " << html.size() << " bytes");
    BOOST_TEST(html.find("200000 samples") != std::string::npos);
    if (const char* out = std::getenv("V2G_SAMPLE_REPORT")) {
        test::writeFile(std::string(out) + ".long.html", html);
    }
}

BOOST_AUTO_TEST_CASE(envelope_keeps_a_single_sample_spike) {
    Trace trace;
    trace.column = "analyzer.dc_current_A";
    trace.signal = "analyzer.dc_current";
    trace.unit = "A";
    for (int i = 0; i < 200000; ++i) {
        trace.timeS.push_back(i * 1e-5);
        trace.values.push_back(i == 123457 ? 100.0 : (i % 2 == 0 ? 0.0 : 1.0));
    }
    PlotOptions options;
    const std::string svg = renderSvgPlot(trace, options);
    BOOST_REQUIRE(svg.find("class=\"envelope\"") != std::string::npos);
    BOOST_TEST(svg.size() < 40'000u);
    // Axis -25..125 A over a 206 px plot starting at y=12: the spike at 100 A sits at y ~ 46. A plot
    // that decimated by skipping samples would top out near 1 A (y ~ 187).
    BOOST_TEST(minPointY(svg, "polygon") < 60.0);

    options.allowEnvelope = false;
    const std::string full = renderSvgPlot(trace, options);
    BOOST_TEST(full.find("class=\"trace\"") != std::string::npos);
    BOOST_TEST(full.size() > 10 * svg.size());
}

BOOST_AUTO_TEST_SUITE_END()
