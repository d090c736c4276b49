#include "v2gbench/results/dashboard.hpp"

#include "v2gbench/reports/svg_plot.hpp"
#include "v2gbench/reports/text_format.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

namespace v2gbench::results {

namespace fs = std::filesystem;
using reports::escapeXml;
using reports::formatNumber;

namespace {

constexpr const char* kStyle = R"(<style>
body{font-family:"DejaVu Sans",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;font-size:.85em}
table.grid td{text-align:center;width:1.4em;padding:1px}table.grid td.key{text-align:left;width:auto}
.pass{background:#c8f0c8}.fail{background:#f6b3b3}.inconclusive{background:#fde8a6}.error,.aborted{background:#e0b0f0}.rack-not-ready{background:#c9d6e8}
.not-applicable{background:#eee}a{color:#1a4f9c}.note{color:#666;font-size:.85em}
svg.trend{border:1px solid #ddd;margin:.3em 0;display:block}
</style>)";

struct RunView {
    RunHeader header;
    RunRecord record;
    std::string reportLink; // relative to the page's folder; empty: no report on this machine
};

std::string pageHead(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escapeXml(title) + "</title>" +
           kStyle + "</head><body>\n";
}

void writePage(const fs::path& path, const std::string& html) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << html;
    out.close();
    if (!out) throw std::runtime_error(path.string() + ": cannot write");
}

std::string link(const std::string& href, const std::string& text) {
    if (href.empty()) return escapeXml(text);
    return "<a href=\"" + escapeXml(href) + "\">" + escapeXml(text) + "</a>";
}

// A relative href from `fromFolder` to the run's report, or "" when it is not on this machine.
std::string reportHref(const RunHeader& run, const fs::path& fromFolder) {
    const fs::path report = fs::path(run.runFolder) / "report.html";
    std::error_code ec;
    if (run.runFolder.empty() || !fs::is_regular_file(report, ec)) return {};
    const auto relative = fs::relative(report, fromFolder, ec);
    if (ec || relative.empty()) return {};
    std::string href;
    for (const auto& part : relative) {
        if (!href.empty()) href += '/';
        for (unsigned char c : part.string()) {
            if (std::isalnum(c) || std::string_view("-._~").find(static_cast<char>(c)) != std::string_view::npos)
                href += static_cast<char>(c);
            else {
                static constexpr char kHex[] = "0123456789ABCDEF";
                href += '%';
                href += kHex[c >> 4];
                href += kHex[c & 15];
            }
        }
    }
    return href;
}

struct Series {
    std::string rack;
    std::vector<std::pair<std::size_t, const CheckRecord*>> points; // (night index, check)
};

// A check's value per night against its limits: x the window's nights, one polyline per rack,
// failing points red, limits dashed.
std::string trendSvg(const std::string& title, const std::vector<std::string>& nights, const std::vector<Series>& series) {
    constexpr int kWidth = 720, kHeight = 200, kLeft = 60, kRight = 10, kTop = 22, kBottom = 30;
    double low = INFINITY, high = -INFINITY;
    std::optional<double> limitLow, limitHigh;
    std::string unit;
    for (const auto& s : series)
        for (const auto& [n, k] : s.points) {
            if (k->value) low = std::min(low, *k->value), high = std::max(high, *k->value);
            if (k->low) limitLow = k->low, low = std::min(low, *k->low), high = std::max(high, *k->low);
            if (k->high) limitHigh = k->high, low = std::min(low, *k->high), high = std::max(high, *k->high);
            if (unit.empty()) unit = k->unit;
        }
    if (!std::isfinite(low)) low = 0, high = 1;
    if (high - low < 1e-12) low -= 0.5, high += 0.5;
    const auto ticks = reports::niceTicks(low, high, 5);
    const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
    const auto x = [&](std::size_t n) {
        return kLeft + (nights.size() <= 1 ? plotW / 2 : plotW * double(n) / double(nights.size() - 1));
    };
    const auto y = [&](double v) { return kTop + plotH * (1.0 - (v - ticks.first) / (ticks.last - ticks.first)); };
    std::string svg = "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(kWidth) +
                      "\" height=\"" + std::to_string(kHeight) + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                      std::to_string(kHeight) + "\"><title>" + escapeXml(title) + "</title>";
    svg += "<text x=\"" + std::to_string(kLeft) + "\" y=\"14\" font-size=\"12\">" + escapeXml(title) +
           (unit.empty() ? "" : " (" + escapeXml(unit) + ")") + "</text>";
    for (double t : ticks.values) {
        svg += "<line x1=\"" + std::to_string(kLeft) + "\" x2=\"" + std::to_string(kWidth - kRight) + "\" y1=\"" +
               formatNumber(y(t)) + "\" y2=\"" + formatNumber(y(t)) + "\" stroke=\"#eee\"/>";
        svg += "<text x=\"" + std::to_string(kLeft - 4) + "\" y=\"" + formatNumber(y(t) + 4) +
               "\" font-size=\"10\" text-anchor=\"end\">" + escapeXml(formatNumber(t, 4)) + "</text>";
    }
    const std::size_t labelEvery = std::max<std::size_t>(1, nights.size() / 8);
    for (std::size_t n = 0; n < nights.size(); n += labelEvery)
        svg += "<text x=\"" + formatNumber(x(n)) + "\" y=\"" + std::to_string(kHeight - 10) +
               "\" font-size=\"10\" text-anchor=\"middle\">" + escapeXml(nights[n].substr(5)) + "</text>";
    for (const auto& [limit, name] : {std::pair{limitLow, "low"}, std::pair{limitHigh, "high"}})
        if (limit)
            svg += "<line class=\"limit-" + std::string(name) + "\" x1=\"" + std::to_string(kLeft) + "\" x2=\"" +
                   std::to_string(kWidth - kRight) + "\" y1=\"" + formatNumber(y(*limit)) + "\" y2=\"" +
                   formatNumber(y(*limit)) + "\" stroke=\"#c00\" stroke-dasharray=\"6 4\"/>";
    static const char* kColours[] = {"#1a4f9c", "#2a9c4f", "#9c6a1a", "#6a1a9c", "#1a8c9c", "#555"};
    std::size_t colour = 0;
    for (const auto& s : series) {
        const char* c = kColours[colour++ % std::size(kColours)];
        std::string path;
        for (const auto& [n, k] : s.points)
            if (k->value) path += (path.empty() ? "M" : " L") + formatNumber(x(n)) + " " + formatNumber(y(*k->value));
        if (!path.empty())
            svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + c + "\" stroke-width=\"1.5\"><title>" +
                   escapeXml(s.rack) + "</title></path>";
        for (const auto& [n, k] : s.points)
            if (k->value)
                svg += "<circle cx=\"" + formatNumber(x(n)) + "\" cy=\"" + formatNumber(y(*k->value)) + "\" r=\"2.5\" fill=\"" +
                       (k->verdict == "fail" ? std::string("#d00") : std::string(c)) + "\"><title>" + escapeXml(s.rack) +
                       " " + escapeXml(nights[n]) + ": " + escapeXml(formatNumber(*k->value)) + " " + escapeXml(k->unit) +
                       " " + escapeXml(k->verdict) + "</title></circle>";
    }
    return svg + "</svg>\n";
}

} // namespace

DashboardOutcome writeDashboard(ResultsStore& store, const RunFilter& filter, const fs::path& outDir) {
    std::error_code ec;
    fs::create_directories(outDir / "trends", ec);
    if (ec) throw std::runtime_error(outDir.string() + ": cannot create: " + ec.message());
    const fs::path root = fs::absolute(outDir).lexically_normal();

    std::vector<RunView> runs;
    for (auto& header : store.runs(filter)) {
        auto record = store.readRun(header.runKey);
        if (!record) continue;
        runs.push_back({header, std::move(*record), reportHref(header, root)});
    }
    std::vector<std::string> nights;
    {
        std::set<std::string> set;
        for (const auto& r : runs) set.insert(r.header.night);
        nights.assign(set.begin(), set.end());
    }
    const auto nightIndex = [&nights](const std::string& n) {
        return static_cast<std::size_t>(std::lower_bound(nights.begin(), nights.end(), n) - nights.begin());
    };
    std::map<std::string, std::vector<const RunView*>> byRack; // oldest first
    for (const auto& r : runs) byRack[r.header.rack].push_back(&r);

    // check key → rack → points, for the trend plots.
    std::map<std::string, std::map<std::string, Series>> trends;
    std::map<std::string, std::set<std::string>> checksOfPlan;
    for (const auto& r : runs)
        for (const auto& k : r.record.checks) {
            auto& s = trends[k.key()][r.header.rack];
            s.rack = r.header.rack;
            s.points.emplace_back(nightIndex(r.header.night), &k);
            checksOfPlan[k.plan].insert(k.key());
        }
    const auto seriesOf = [&trends](const std::string& key) {
        std::vector<Series> out;
        for (const auto& [rack, s] : trends[key]) out.push_back(s);
        return out;
    };
    std::map<std::string, std::string> trendPage; // plan → "trends/N.html"
    {
        std::size_t n = 0;
        for (const auto& [plan, keys] : checksOfPlan) trendPage[plan] = "trends/" + std::to_string(++n) + ".html";
    }

    DashboardOutcome outcome;
    outcome.runs = runs.size();
    outcome.racks = byRack.size();
    std::string html = pageHead("v2gbench lab dashboard");
    html += "<h1>v2gbench lab dashboard</h1>\n<p class=\"note\">" + escapeXml(store.describe()) + " · " +
            std::to_string(runs.size()) + " runs on " + std::to_string(byRack.size()) + " racks" +
            (nights.empty() ? "" : ", nights " + nights.front() + " to " + nights.back()) + "</p>\n";

    // Newly failing: on each rack's latest run, failing checks that did not fail on its run before.
    html += "<h2 id=\"newly-failing\">Newly failing</h2>\n";
    std::string newly;
    for (const auto& [rack, list] : byRack) {
        const RunView* last = list.back();
        const RunView* before = list.size() > 1 ? list[list.size() - 2] : nullptr;
        std::map<std::string, std::string> previous;
        if (before)
            for (const auto& k : before->record.checks) previous[k.key()] = k.verdict;
        for (const auto& k : last->record.checks) {
            if (k.verdict != "fail") continue;
            const auto it = previous.find(k.key());
            if (it != previous.end() && it->second == "fail") continue;
            ++outcome.newlyFailing;
            newly += "<li><b>" + escapeXml(k.key()) + "</b> on " + escapeXml(rack) + ", night " + escapeXml(last->header.night) +
                     ", DUT firmware " + escapeXml(last->header.dutFirmware) + " (was " +
                     escapeXml(it == previous.end() ? "not run" : it->second) + ") — " +
                     link(last->reportLink, "report of " + last->header.runId) + " · " +
                     link(trendPage[k.plan], "trends of " + k.plan) + "\n";
            std::vector<Series> rackSeries;
            for (const auto& s : seriesOf(k.key()))
                if (s.rack == rack) rackSeries.push_back(s);
            newly += trendSvg(k.key() + " on " + rack, nights, rackSeries) + "</li>\n";
            ++outcome.trendPlots;
        }
    }
    html += newly.empty() ? "<p>None: no check fails on a rack's latest run that passed on its run before.</p>\n"
                          : "<ul class=\"newly-failing\">\n" + newly + "</ul>\n";

    html += "<h2 id=\"racks\">Racks: last night</h2>\n<table class=\"racks\"><tr><th>rack</th><th>night</th><th>DUT</th>"
            "<th>firmware</th><th>software</th><th>verdict</th><th>cases pass / fail / other</th><th>run</th></tr>\n";
    for (const auto& [rack, list] : byRack) {
        const RunView& r = *list.back();
        int pass = 0, fail = 0, other = 0;
        for (const auto& c : r.record.cases) (c.verdict == "pass" ? pass : c.verdict == "fail" ? fail : other)++;
        html += "<tr><td>" + escapeXml(rack) + "</td><td>" + escapeXml(r.header.night) + "</td><td>" +
                escapeXml(r.header.dutSerial) + "</td><td>" + escapeXml(r.header.dutFirmware) + "</td><td>" +
                escapeXml(r.header.softwareVersion) + "</td><td class=\"" + escapeXml(r.header.verdict) + "\">" +
                escapeXml(r.header.verdict) + "</td><td>" + std::to_string(pass) + " / " + std::to_string(fail) + " / " +
                std::to_string(other) + "</td><td>" + link(r.reportLink, r.header.runId) + "</td></tr>\n";
    }
    html += "</table>\n";

    html += "<h2 id=\"grid\">Nights × cases</h2>\n";
    for (const auto& [rack, list] : byRack) {
        std::set<std::string> caseKeys;
        for (const auto* r : list)
            for (const auto& c : r->record.cases) caseKeys.insert(c.key());
        html += "<h3>" + escapeXml(rack) + "</h3>\n<table class=\"grid\"><tr><th>case</th>";
        for (const auto* r : list)
            html += "<th title=\"" + escapeXml(r->header.night + " " + r->header.runId + " firmware " + r->header.dutFirmware) +
                    "\">" + link(r->reportLink, r->header.night.substr(8)) + "</th>";
        html += "</tr>\n";
        for (const auto& key : caseKeys) {
            html += "<tr><td class=\"key\">" + escapeXml(key) + "</td>";
            for (const auto* r : list) {
                const auto it = std::find_if(r->record.cases.begin(), r->record.cases.end(),
                                             [&key](const CaseRecord& c) { return c.key() == key; });
                if (it == r->record.cases.end()) {
                    html += "<td></td>";
                    continue;
                }
                const std::string letter = it->verdict == "not-applicable" ? "-" : std::string(1, char(std::toupper(it->verdict[0])));
                html += "<td class=\"" + escapeXml(it->verdict) + "\" title=\"" + escapeXml(r->header.night + ": " + it->verdict) +
                        "\">" + link(r->reportLink, letter) + "</td>";
            }
            html += "</tr>\n";
        }
        html += "</table>\n";
    }

    html += "<h2 id=\"trends\">Trends per plan</h2>\n<ul>\n";
    for (const auto& [plan, keys] : checksOfPlan)
        html += "<li>" + link(trendPage[plan], plan) + " (" + std::to_string(keys.size()) + " checks)</li>\n";
    html += "</ul>\n</body></html>\n";
    outcome.pages.push_back(root / "index.html");
    writePage(root / "index.html", html);

    for (const auto& [plan, keys] : checksOfPlan) {
        std::string page = pageHead("trends of " + plan) + "<p><a href=\"../index.html\">lab dashboard</a></p>\n<h1>Trends of " +
                           escapeXml(plan) + "</h1>\n";
        for (const auto& key : keys) {
            page += trendSvg(key, nights, seriesOf(key));
            ++outcome.trendPlots;
        }
        page += "</body></html>\n";
        outcome.pages.push_back(root / trendPage[plan]);
        writePage(root / trendPage[plan], page);
    }
    return outcome;
}

} // namespace v2gbench::results
