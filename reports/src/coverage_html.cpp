#include "coverage_html.hpp"

#include "v2gbench/reports/text_format.hpp"

#include <array>
#include <map>

namespace v2gbench::reports {

namespace {

std::string esc(const std::string& s) { return escapeXml(s); }

// The statuses in the order the heading counts them; a status a later format adds is counted too.
constexpr std::array<const char*, 4> kStatuses{"tested", "unverified", "not-applicable", "not-tested"};

std::string words(const std::string& status) {
    std::string out = status;
    for (auto& c : out)
        if (c == '-') c = ' ';
    return out;
}

} // namespace

std::string standardCoverageHtml(const StandardCoverage& sc) {
    std::map<std::string, int> counts;
    std::string rows;
    for (const auto& c : sc.cases) {
        ++counts[c.status];
        const std::string verdict = c.verdict.empty() ? std::string("&mdash;")
                                                      : "<span class=\"badge v-" + esc(c.verdict) + "\">" + esc(c.verdict) + "</span>";
        rows += "<tr class=\"coverage-" + esc(c.status) + "\"><td><code>" + esc(c.id) + "</code></td><td>" +
                (c.title.empty() ? std::string("&mdash;") : esc(c.title)) + "</td><td>" +
                (c.status == "unverified" ? "<span class=\"unverified\">unverified</span>" : esc(words(c.status))) + "</td><td>" +
                verdict + "</td><td>" + (c.reason.empty() ? std::string() : "<span class=\"reason\">" + esc(c.reason) + "</span>") +
                "</td></tr>\n";
    }
    std::string tally;
    for (const char* status : kStatuses) {
        tally += ", " + std::to_string(counts[status]) + " " + words(status);
        counts.erase(status);
    }
    for (const auto& [status, n] : counts) tally += ", " + std::to_string(n) + " " + esc(words(status));
    const std::string what = sc.complete ? " cases" : " catalogue entries";
    return "<h3>" + esc(sc.standard) + " <span class=\"muted coverage-line\">(" + std::to_string(sc.cases.size()) + what +
           tally + ")</span></h3>\n<table class=\"standard-coverage\">\n<tr><th>Case</th><th>Title</th><th>Status</th>"
           "<th>Verdict</th><th>Reason</th></tr>\n" + rows + "</table>\n";
}

} // namespace v2gbench::reports
