// The lab dashboard in a real browser: headless Chromium (Debian's chromium) loads the generated
// pages and dumps their DOM; the grid and the trend plots with limit lines are there, and every
// link resolves to a file. No page asks for a network resource.
#include "cli_in_process.hpp"
#include "results_history.hpp"
#include "test_paths.hpp"

#include "v2gbench/app/cli.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace v2gbench;
namespace fs = std::filesystem;

namespace {

int cli(const std::vector<std::string>& args, std::string* out = nullptr) {
    const auto r = test::runCliInProcess(args);
    if (out) *out = r.out + r.err;
    return r.code;
}

std::string chromium() {
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (fs::exists(candidate)) return candidate;
    throw std::runtime_error("no chromium (Debian package chromium; scripts/setup.sh installs it)");
}

// The DOM Chromium built from `page` (its scripts run, resources loaded), as text.
std::string renderedDom(const fs::path& page, const fs::path& scratch) {
    const auto dom = scratch / (page.stem().string() + ".dom.html");
    const std::string command = chromium() + " --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=" +
                                (scratch / "profile").string() + " --dump-dom 'file://" + page.string() + "' > '" +
                                dom.string() + "' 2> '" + (scratch / "chromium.log").string() + "'";
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0, test::readFile((scratch / "chromium.log").string()));
    return test::readFile(dom.string());
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

std::string percentDecoded(const std::string& href) {
    std::string out;
    for (std::size_t i = 0; i < href.size(); ++i) {
        if (href[i] == '%' && i + 2 < href.size()) {
            out += static_cast<char>(std::stoi(href.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += href[i];
        }
    }
    return out;
}

// Every href of the DOM, resolved against the page's folder: each must be an existing file.
std::size_t checkLinks(const std::string& dom, const fs::path& page) {
    // Plain scanning, not <regex>: GCC 12's -O2 sanitizer build warns (-Werror) inside std::regex.
    static const std::string kHref = "href=\"";
    std::size_t links = 0;
    for (auto at = dom.find(kHref); at != std::string::npos; at = dom.find(kHref, at)) {
        at += kHref.size();
        const auto end = dom.find('"', at);
        BOOST_REQUIRE(end != std::string::npos);
        const std::string href = dom.substr(at, end - at);
        BOOST_TEST(href.find(':') == std::string::npos, "not a relative link: " << href);
        const auto target = (page.parent_path() / percentDecoded(href)).lexically_normal();
        BOOST_TEST(fs::is_regular_file(target), page.filename().string() << ": link does not resolve: " << href);
        ++links;
    }
    return links;
}

} // namespace

BOOST_AUTO_TEST_SUITE(results_dashboard)

BOOST_AUTO_TEST_CASE(the_dashboard_renders_in_chromium_with_its_grid_trends_and_resolving_links) {
    test::TempDir dir("results-dashboard");
    test::HistorySpec rack1, rack2;
    rack2.rack = "rack-2";
    rack2.defectNight = 99;
    rack2.flakySeed = 3;
    auto folders = test::writeHistory(dir.path() / "runs", rack1);
    const auto more = test::writeHistory(dir.path() / "runs", rack2);
    folders.insert(folders.end(), more.begin(), more.end());
    // Each run folder gets its report.html, as `run` writes it; one run's report is missing (a run
    // imported from another machine): it is named without a link.
    for (const auto& f : folders) BOOST_TEST_REQUIRE(cli({"report", f.string()}) == 0, f.string());
    fs::remove(folders.front() / "report.html");
    const std::string url = "sqlite://" + dir.file("results.sqlite");
    BOOST_TEST_REQUIRE(cli({"results", "import", (dir.path() / "runs").string(), "--results", url}) == 0);
    std::string said;
    BOOST_TEST_REQUIRE(cli({"dashboard", "--out", dir.file("site"), "--since", "2026-11-01", "--results", url}, &said) == 0, said);
    BOOST_TEST(said.find("40 runs on 2 racks") != std::string::npos, said);

    const auto index = dir.path() / "site" / "index.html";
    const std::string dom = renderedDom(index, dir.path());
    BOOST_TEST(count(dom, "<table class=\"grid\">") == 2u); // one grid per rack
    BOOST_TEST(count(dom, "<td class=\"fail\"") >= 9u);     // rack-1's defect from night 12 on
    BOOST_TEST(dom.find("id=\"newly-failing\"") < dom.find("id=\"racks\""));
    BOOST_TEST(dom.find("id=\"racks\"") < dom.find("id=\"grid\""));
    BOOST_TEST(count(dom, ">rack-1-night-20</a>") == 1u);
    BOOST_TEST(dom.find("rack-1-night-01</a>") == std::string::npos); // its report is not there: no link
    const std::size_t indexLinks = checkLinks(dom, index);
    BOOST_TEST(indexLinks >= 2u * 20u * 3u); // every grid cell and night header of the runs with a report

    // The trend page: one plot per check (1 + 1 + 6 stable), each with its limit lines.
    const auto trends = dir.path() / "site" / "trends" / "1.html";
    const std::string trendDom = renderedDom(trends, dir.path());
    BOOST_TEST(count(trendDom, "<svg class=\"trend\"") == 8u);
    BOOST_TEST(count(trendDom, "class=\"limit-high\"") == 8u);
    BOOST_TEST(count(trendDom, "class=\"limit-low\"") == 8u);
    BOOST_TEST(count(trendDom, "<path d=\"M") == 16u); // one series per rack
    BOOST_TEST(checkLinks(trendDom, trends) == 1u);    // back to the dashboard

    // No network resource: nothing is fetched (src=, stylesheets, http URLs other than SVG's namespace).
    for (const auto& page : {test::readFile(index.string()), test::readFile(trends.string())}) {
        BOOST_TEST(page.find("src=") == std::string::npos);
        BOOST_TEST(page.find("<link") == std::string::npos);
        const std::string svgNamespace = "www.w3.org/2000/svg\"";
        for (const std::string scheme : {"http://", "https://"})
            for (auto at = page.find(scheme); at != std::string::npos; at = page.find(scheme, at + 1))
                BOOST_TEST(page.compare(at + scheme.size(), svgNamespace.size(), svgNamespace) == 0,
                           "a network URL: " << page.substr(at, 60));
    }
}

BOOST_AUTO_TEST_SUITE_END()
