#include "budget_html.hpp"

#include "v2gbench/reports/text_format.hpp"

#include <cmath>
#include <optional>

namespace v2gbench::reports {

namespace {

std::string esc(const std::string& s) { return escapeXml(s); }

std::string contributionsTable(const UncertaintyBudget& b) {
    std::string html = "<table class=\"budget\">\n<tr><th>Contribution</th><th>Source</th><th>Type</th>"
                       "<th>u<sub>i</sub></th><th>c<sub>i</sub></th><th>|c<sub>i</sub>&middot;u<sub>i</sub>|</th></tr>\n";
    const auto quantity = [](const std::optional<double>& v, const std::string& unit) {
        return v ? esc(formatQuantity(*v, unit)) : std::string("&mdash;");
    };
    for (const auto& c : b.contributions) {
        std::optional<double> product;
        if (c.standard) product = std::fabs(c.sensitivity.value_or(1.0) * *c.standard);
        html += "<tr><td>" + esc(c.name) + "</td><td class=\"mono\">" + esc(c.source) + "</td><td>" + esc(c.type) +
                "</td><td class=\"num\">" + quantity(c.standard, c.unit) + "</td><td class=\"num\">" +
                (c.sensitivity ? esc(formatNumber(*c.sensitivity, 4)) : std::string("&mdash;")) + "</td><td class=\"num\">" +
                quantity(product, b.unit) + "</td></tr>\n";
    }
    html += "<tr><td colspan=\"5\">combined standard uncertainty u<sub>c</sub></td><td class=\"num\">" +
            quantity(b.combinedStandard, b.unit) + "</td></tr>\n";
    html += "<tr><td colspan=\"5\">expanded uncertainty U = k&middot;u<sub>c</sub>, k = " +
            (b.k ? esc(formatNumber(*b.k, 3)) : std::string("&mdash;")) + "</td><td class=\"num\">" +
            quantity(b.expanded, b.unit) + "</td></tr>\n";
    return html + "</table>\n";
}

} // namespace

std::string uncertaintyCellHtml(const CheckResult& c) {
    if (!c.budget) return c.uncertainty ? "\xC2\xB1" + esc(formatQuantity(*c.uncertainty, c.unit)) : std::string("&mdash;");
    const UncertaintyBudget& b = *c.budget;
    std::string html;
    if (b.expanded && *b.expanded > 0)
        html = "\xC2\xB1" + esc(formatQuantity(*b.expanded, c.unit)) +
               (b.k ? " <span class=\"muted\">(k = " + esc(formatNumber(*b.k, 3)) + ")</span>" : std::string());
    else
        html = "&mdash;"; // no ±0: the note says why (exact, or no figure)
    if (!b.note.empty()) html += "<br><span class=\"muted\">" + esc(b.note) + "</span>";
    if (!b.contributions.empty())
        html += "<details class=\"budget\"><summary>" + esc(b.kind) + " budget</summary>\n" + contributionsTable(b) + "</details>";
    return html;
}

} // namespace v2gbench::reports
