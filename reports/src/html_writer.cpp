#include "budget_html.hpp"
#include "check_text.hpp"
#include "coverage_html.hpp"
#include "run_folder_path.hpp"
#include "text_file.hpp"
#include "v2gbench/reports/reports.hpp"
#include "v2gbench/reports/svg_plot.hpp"
#include "v2gbench/reports/text_format.hpp"
#include "v2gbench/reports/trace_csv.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

namespace v2gbench::reports {

namespace {

// Inline so that the report is one file a certification body can archive and open offline.
constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1f2937;line-height:1.4}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.25em;margin-top:1.6em;border-bottom:2px solid #e5e7eb;padding-bottom:.2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}h4{font-size:1em;margin:.8em 0 .3em}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em}
th,td{border:1px solid #d1d5db;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.facts th{width:12em}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;overflow-wrap:break-word}
.hash{word-break:break-all}
.badge{display:inline-block;padding:1px 8px;border-radius:4px;color:#fff;font-weight:600;font-size:.85em;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
.badge.big{font-size:1.1em;padding:3px 12px}
.v-pass{background:#15803d}.v-fail{background:#dc2626}.v-inconclusive{background:#d97706}
.v-not-applicable{background:#6b7280}.v-error{background:#7e22ce}.v-aborted{background:#7f1d1d}.v-none{background:#9ca3af}
.plan{border-left:4px solid #d1d5db;padding-left:12px;margin-top:1.5em}
.case{margin:.8em 0 1.4em}.reason{color:#374151;font-style:italic}
.muted{color:#6b7280;font-size:.85em}
.unverified{display:inline-block;background:#fef3c7;color:#92400e;border:1px solid #f59e0b;border-radius:3px;padding:0 5px;font-weight:700;font-size:.8em;text-transform:uppercase;white-space:nowrap}
tr.unverified-row>td{background:#fffbeb}.confidence{font-size:.8em;color:#374151;white-space:nowrap}
.certificate{font-weight:700;padding:6px 10px;border-radius:4px;display:inline-block}
.certificate.yes{background:#dcfce7;color:#14532d}.certificate.no{background:#fef3c7;color:#92400e;border:1px solid #f59e0b}
details.budget{white-space:normal;text-align:left}details.budget table{font-size:.85em;margin:.3em 0}
figure{margin:.6em 0 1em;break-inside:avoid}figcaption{font-size:.85em;color:#4b5563}
.plot-error{color:#7e22ce}
.page-mark{font-weight:700;padding:6px 10px;margin:0 0 6px;border:2px solid #b91c1c;color:#b91c1c;background:#fef2f2}
.page-mark.simulation{border-color:#1d4ed8;color:#1d4ed8;background:#eff6ff}
@media print{.page-marks{position:fixed;top:0;left:0;right:0;opacity:.9}body{margin-top:5em}}
@media print{body{max-width:none}.plan{break-before:auto}}
)css";

std::string esc(const std::string& s) { return escapeXml(s); }

std::string badge(const std::optional<Verdict>& v, bool big = false) {
    const std::string name = v ? std::string(toString(*v)) : "none";
    return "<span class=\"badge" + std::string(big ? " big" : "") + " v-" + name + "\">" +
           (v ? esc(name) : std::string("not covered")) + "</span>";
}

std::string orDash(const std::string& s) { return s.empty() ? "&mdash;" : esc(s); }

std::string seconds(const std::optional<double>& s) { return s ? esc(formatQuantity(*s, "s")) : "&mdash;"; }

void factRow(std::string& html, const char* label, const std::string& valueHtml) {
    html += "<tr><th>";
    html += label;
    html += "</th><td>" + valueHtml + "</td></tr>\n";
}

// Whether the run can back a certificate, and which unverified criteria say it cannot.
std::string certificate(const CertificateInfo& c) {
    if (!c.known) return {};
    std::string html = "<section id=\"certificate\"><p class=\"certificate " + std::string(c.certificateGrade ? "yes" : "no") +
                       "\">" + esc(c.statement) + "</p>\n";
    if (!c.unverified.empty()) {
        html += "<table>\n<tr><th>Requirement</th><th>Unverified criterion</th><th>Whose limit</th></tr>\n";
        for (const auto& [req, k] : c.unverified)
            html += "<tr class=\"unverified-row\"><td><code>" + esc(req) + "</code></td><td><span class=\"unverified\">unverified</span> <code>" +
                    esc(k.name) + "</code> " + esc(k.text) + "</td><td>" + orDash(k.ours) + "</td></tr>\n";
        html += "</table>\n";
    }
    if (c.planLimitChecks > 0)
        html += "<p class=\"muted\">" + std::to_string(c.planLimitChecks) +
                " check(s) judged on limits written in the plan itself, not in a catalogue.</p>\n";
    return html + "</section>\n";
}

std::string header(const RunSummary& s) {
    std::string html = "<header>\n<h1>v2gbench run " + esc(s.runId) + "</h1>\n<p>" + badge(s.verdict, true) + "</p>\n";
    html += "<table class=\"facts\">\n";
    factRow(html, "Run id", "<code>" + esc(s.runId) + "</code>");
    factRow(html, "Started (UTC)", orDash(s.startedUtc));
    factRow(html, "Finished (UTC)", orDash(s.finishedUtc));
    factRow(html, "Bench time", seconds(s.benchTimeS));
    factRow(html, "Wall time", seconds(s.wallTimeS));
    factRow(html, "Clock", orDash(s.clock));
    if (s.exitCode) {
        factRow(html, "Exit code", std::to_string(*s.exitCode));
    }
    if (!s.abortReason.empty()) {
        factRow(html, "Abort reason", esc(s.abortReason));
    }
    if (!s.bench.name.empty()) {
        factRow(html, "Bench", esc(s.bench.name));
    }
    if (!s.dut.manufacturer.empty() || !s.dut.model.empty()) {
        factRow(html, "DUT", esc(s.dut.manufacturer + " " + s.dut.model));
    }
    factRow(html, "Tool version", orDash(s.toolVersion));
    if (s.certification.known) factRow(html, "Certification", esc(s.certification.statement));
    if (s.simulation) factRow(html, "Laboratory", "simulated (no physical charger or instrument)");
    if (!s.decisionRule.empty()) factRow(html, "Decision rule", esc(s.decisionRule) + " \xE2\x80\x94 " + esc(s.decisionRuleStatement));
    html += "</table>\n";
    html += certificate(s.certificate);

    if (!s.counts.empty()) {
        html += "<p>";
        for (const auto v : {Verdict::Pass, Verdict::Fail, Verdict::Inconclusive, Verdict::NotApplicable,
                             Verdict::Error, Verdict::Aborted}) {
            const auto it = s.counts.find(std::string(toString(v)));
            if (it != s.counts.end()) {
                html += badge(v) + " " + std::to_string(it->second) + " &nbsp; ";
            }
        }
        html += "</p>\n";
    }
    if (!s.settings.empty()) {
        html += "<h4>Settings</h4>\n<table class=\"facts\">\n";
        for (const auto& [k, v] : s.settings) {
            html += "<tr><th><code>" + esc(k) + "</code></th><td>" + esc(v) + "</td></tr>\n";
        }
        html += "</table>\n";
    }
    if (!s.dut.ratings.empty()) {
        html += "<h4>DUT ratings</h4>\n<table class=\"facts\">\n";
        for (const auto& [k, v] : s.dut.ratings) {
            html += "<tr><th><code>" + esc(k) + "</code></th><td class=\"num\">" + esc(v) + "</td></tr>\n";
        }
        html += "</table>\n";
    }
    html += "</header>\n";
    return html;
}

std::string equipment(const RunSummary& s) {
    std::string html = "<section id=\"equipment\">\n<h2>Equipment</h2>\n";
    if (s.instruments.empty()) {
        return html + "<p class=\"muted\">No instruments recorded.</p>\n</section>\n";
    }
    html += "<table>\n<tr><th>Role</th><th>Driver</th><th>URI</th><th>Manufacturer</th><th>Model</th><th>Serial</th>"
            "<th>Firmware</th><th>Register entry</th><th>Calibration certificate</th><th>Calibration due</th></tr>\n";
    for (const auto& i : s.instruments) {
        const std::string entry = i.registerState.empty() ? orDash(i.registerId)
                                                           : orDash(i.registerId) + " (" + esc(i.registerState) + ")";
        html += "<tr><td>" + orDash(i.role) + "</td><td>" + orDash(i.driver) + "</td><td><code>" + esc(i.uri) +
                "</code></td><td>" + orDash(i.manufacturer) + "</td><td>" + orDash(i.model) + "</td><td>" +
                orDash(i.serial) + "</td><td>" + orDash(i.firmware) + "</td><td>" + entry + "</td><td>" +
                orDash(i.calibrationCertificate) + "</td><td>" + orDash(i.calibrationDue) + "</td></tr>\n";
    }
    return html + "</table>\n</section>\n";
}

std::string inputs(const RunSummary& s) {
    std::vector<std::pair<std::string, const InputFile*>> rows;
    std::set<std::string> seen;
    const auto add = [&](const std::string& what, const InputFile& f) {
        if (f.file.empty() && f.source.empty() && f.sha256.empty()) {
            return;
        }
        if (!f.file.empty() && !seen.insert(f.file).second) {
            return; // manifest.json repeats what summary.json already listed
        }
        rows.emplace_back(what, &f);
    };
    add("bench", s.bench);
    add("dut", s.dut);
    for (const auto& p : s.plans) {
        add("plan " + p.id, p);
    }
    for (const auto& f : s.extraInputs) {
        add("input", f);
    }
    std::string html = "<section id=\"inputs\">\n<h2>Inputs</h2>\n";
    if (rows.empty()) {
        return html + "<p class=\"muted\">No inputs recorded.</p>\n</section>\n";
    }
    html += "<table>\n<tr><th>Used as</th><th>File</th><th>Source</th><th>SHA-256</th></tr>\n";
    for (const auto& [what, f] : rows) {
        html += "<tr><td>" + esc(what) + "</td><td><code>" + esc(f->file) + "</code></td><td><code>" + esc(f->source) +
                "</code></td><td class=\"mono hash\">" + orDash(f->sha256) + "</td></tr>\n";
    }
    return html + "</table>\n</section>\n";
}

std::string confidenceTag(const std::string& confidence) {
    if (confidence == "unverified") return "<span class=\"unverified\">unverified</span>";
    return confidence.empty() ? std::string("&mdash;") : "<span class=\"confidence\">" + esc(confidence) + "</span>";
}

// One catalogue: every entry, covered or not. A complete catalogue (every case of the standard)
// counts cases; another counts its entries.
std::string catalogueCoverage(const CatalogueInfo& c, const RunSummary& s) {
    int covered = 0;
    std::string rows;
    for (const auto& e : c.entries) {
        const RequirementInfo* r = nullptr;
        for (const auto& q : s.requirements)
            if (q.id == e.id) r = &q;
        const int checks = r ? r->checks : 0;
        covered += checks > 0 ? 1 : 0;
        bool unverifiedCriterion = false;
        if (r)
            for (const auto& k : r->criteria) unverifiedCriterion = unverifiedCriterion || k.confidence == "unverified";
        rows += "<tr" + std::string(e.confidence == "unverified" ? " class=\"unverified-row\"" : "") + "><td><code>" +
                esc(e.id) + "</code></td><td>" + orDash(e.title) + (r && !r->source.empty() ? "<br><span class=\"muted\">" + esc(r->source) + "</span>" : "") +
                "</td><td>" + confidenceTag(e.confidence) +
                (unverifiedCriterion && e.confidence != "unverified" ? " <span class=\"unverified\">unverified criteria</span>" : "") +
                "</td><td class=\"num\">" + std::to_string(checks) + "</td><td>" +
                badge(r ? r->verdict : std::nullopt) + "</td></tr>\n";
    }
    const bool cases = c.complete || c.casesInStandard;
    const std::string what = cases ? "cases of " + (c.standard.empty() ? c.name : c.standard) : "catalogue entries";
    const std::size_t total = c.casesInStandard ? static_cast<std::size_t>(*c.casesInStandard) : c.entries.size();
    std::string html = "<h3>" + esc(c.name) + " <span class=\"muted coverage-line\">(" + std::to_string(covered) + " of " +
                       std::to_string(total) + " " + esc(what) + " with checks)</span></h3>\n";
    return html + "<table>\n<tr><th>Requirement</th><th>Title and source</th><th>Confidence</th><th>Checks</th>"
                  "<th>Verdict</th></tr>\n" + rows + "</table>\n";
}

// Requirements no loaded catalogue lists (a summary.json from before `catalogues`, or ids the
// catalogues did not know), grouped per catalogue name in order of first appearance.
std::string unlistedCoverage(const std::vector<const RequirementInfo*>& unlisted) {
    std::vector<std::string> catalogues;
    const auto catalogueOf = [](const RequirementInfo& r) {
        return !r.catalogue.empty() ? r.catalogue : !r.standard.empty() ? r.standard : std::string("(no catalogue)");
    };
    for (const auto* r : unlisted)
        if (std::find(catalogues.begin(), catalogues.end(), catalogueOf(*r)) == catalogues.end())
            catalogues.push_back(catalogueOf(*r));
    std::string html;
    for (const auto& c : catalogues) {
        int covered = 0;
        int total = 0;
        std::string rows;
        for (const auto* r : unlisted) {
            if (catalogueOf(*r) != c) continue;
            ++total;
            covered += r->checks > 0 ? 1 : 0;
            rows += "<tr><td><code>" + esc(r->id) + "</code></td><td>" + orDash(r->clause) + "</td><td>" +
                    orDash(r->summary) + "</td><td>" + confidenceTag(r->confidence) + "</td><td class=\"num\">" +
                    std::to_string(r->checks) + "</td><td>" + badge(r->verdict) + "</td></tr>\n";
        }
        html += "<h3>" + esc(c) + " <span class=\"muted\">(" + std::to_string(covered) + " of " + std::to_string(total) +
                " with checks)</span></h3>\n";
        html += "<table>\n<tr><th>Requirement</th><th>Clause</th><th>Summary</th><th>Confidence</th><th>Checks</th>"
                "<th>Verdict</th></tr>\n" + rows + "</table>\n";
    }
    return html;
}

std::string coverage(const RunSummary& s) {
    std::string html = "<section id=\"coverage\">\n<h2>Requirement coverage</h2>\n";
    if (s.requirements.empty()) {
        return html + "<p class=\"muted\">No requirements referenced.</p>\n</section>\n";
    }
    std::set<std::string> listed;
    if (!s.standardCoverage.empty()) {
        // Every case of each standard in scope, against its full list (summary "standard_coverage").
        for (const auto& sc : s.standardCoverage) html += standardCoverageHtml(sc);
        for (const auto& c : s.catalogues)
            for (const auto& e : c.entries) listed.insert(e.id);
    } else {
        // A run folder from before standard_coverage: the catalogues' rows the run touched.
        for (const auto& c : s.catalogues) {
            bool touched = false;
            for (const auto& e : c.entries) {
                listed.insert(e.id);
                for (const auto& r : s.requirements) touched = touched || r.id == e.id;
            }
            if (touched) html += catalogueCoverage(c, s); // catalogues the run did not touch stay out
        }
    }
    std::vector<const RequirementInfo*> unlisted;
    for (const auto& r : s.requirements)
        if (!listed.count(r.id)) unlisted.push_back(&r);
    return html + unlistedCoverage(unlisted) + "</section>\n";
}

// What renders the results needs besides the summary: where traces live, what was refused, and
// the Ctrl-C check.
struct TraceAccess {
    std::filesystem::path runDir;
    const core::StopCheck& stop;
};

std::string plot(const CheckResult& c, const TraceAccess& access) {
    if (access.stop && access.stop()) throw core::ReadStopped("report stopped before " + c.trace);
    std::string why;
    const auto file = resolveInsideRunFolder(access.runDir, c.trace, why);
    if (!file) {
        return "<figure><p class=\"plot-error refused\">Trace <code>" + esc(c.trace) + "</code> not read: " + esc(why) +
               "</p></figure>\n";
    }
    Trace trace;
    try {
        trace = readTraceCsv(*file, access.stop);
    } catch (const core::ReadStopped&) {
        throw;
    } catch (const std::exception& e) {
        // One lost trace must not cost the whole report; say so where the plot would be.
        return "<figure><p class=\"plot-error\">Trace <code>" + esc(c.trace) + "</code> not plotted: " + esc(e.what()) +
               "</p></figure>\n";
    }
    PlotOptions o;
    o.title = c.name;
    o.windowStartS = c.tStartS;
    o.windowEndS = c.tEndS;
    // Limits are in the check's unit; for a response metric (settling time in s) they are not
    // values of the recorded signal, so they get no horizontal line. A capture's trace is a daq
    // channel: its limits apply only when the result is in that channel's unit (peak, value); the
    // window markers show where the clock started and stopped (t0, t1).
    const bool sameUnit = c.kind != "response" && (trace.unit == c.unit || (trace.unit.empty() && c.kind != "capture"));
    if (sameUnit) {
        o.low = c.low;
        o.high = c.high;
        o.nominal = c.nominal;
    }
    return "<figure>" + renderSvgPlot(trace, o) + "<figcaption>" + esc(c.name) + " &mdash; <code>" + esc(c.trace) +
           "</code>, " + std::to_string(trace.values.size()) + " samples</figcaption></figure>\n";
}

// The bus messages behind a bus check, as a monospace block under the table.
std::string evidence(const CheckResult& c) {
    std::string html = "<figure class=\"evidence\"><figcaption>" + esc(c.name) + " &mdash; bus evidence for <code>" +
                       esc(c.signal) + "</code></figcaption>\n<pre class=\"mono\">";
    for (const auto& line : c.evidence) html += esc(line) + "\n";
    return html + "</pre></figure>\n";
}

// Where a check's limits come from: the catalogue criterion with its source and confidence
// (unverified marked, with whose number it is), or the plan itself; for inspect checks also who answered.
std::string criterionCell(const CheckResult& c) {
    std::string html;
    if (c.criterion.name.empty()) {
        html = "<span class=\"muted\">plan limit (not from a catalogue)</span>";
    } else {
        html = "<code>" + esc(c.criterion.name) + "</code> <span class=\"muted\">of " + esc(c.criterionRequirement) +
               "</span><br>" + confidenceTag(c.criterion.confidence) + " <span class=\"muted\">" + esc(c.criterion.source) +
               "</span>";
        if (!c.criterion.ours.empty()) html += "<br><span class=\"muted\">ours: " + esc(c.criterion.ours) + "</span>";
    }
    if (c.kind == "inspect" && !c.answeredBy.empty())
        html += "<br>answered by " + esc(c.answeredBy) + " <span class=\"muted\">(" + esc(c.answerOrigin) + ")</span>";
    return html;
}

std::string checksTable(const CaseResult& k, const TraceAccess& access) {
    if (k.checks.empty()) {
        return "<p class=\"muted\">No checks recorded.</p>\n";
    }
    std::string html = "<table class=\"checks\">\n<tr><th>Check</th><th>Signal</th><th>Statistic / metric</th>"
                       "<th>Measured</th><th>Limits</th><th>Criterion, source, confidence</th><th>Uncertainty</th>"
                       "<th>Verdict</th></tr>\n";
    std::string plots;
    for (const auto& c : k.checks) {
        const bool unverified = c.criterion.confidence == "unverified";
        html += std::string(unverified ? "<tr class=\"unverified-row\">" : "<tr>") + "<td>" + esc(c.name);
        if (!c.reason.empty()) {
            html += "<br><span class=\"reason\">" + esc(c.reason) + "</span>";
        }
        if (!c.requirements.empty()) {
            std::string reqs;
            for (const auto& r : c.requirements) {
                reqs += (reqs.empty() ? "" : ", ") + r;
            }
            html += "<br><span class=\"muted\">" + esc(reqs) + "</span>";
        }
        if (!c.source.empty()) {
            html += "<br><span class=\"muted mono\">" + esc(c.source) + "</span>";
        }
        const std::string how = !c.metric.empty() ? c.metric : c.statistic;
        html += "</td><td><code>" + esc(c.signal) + "</code></td><td>" + orDash(how) + "</td><td class=\"num\">" +
                esc(measuredText(c)) + "</td><td class=\"num\">" + esc(limitsText(c));
        if (!c.limitText.empty()) {
            html += "<br><span class=\"muted\">" + esc(c.limitText) + "</span>";
        }
        html += "</td><td>" + criterionCell(c) + "</td><td class=\"num\">" +
                uncertaintyCellHtml(c) +
                "</td><td>" + badge(c.verdict) + "</td></tr>\n";
        if (!c.trace.empty()) {
            plots += plot(c, access);
        }
        if (!c.evidence.empty()) {
            plots += evidence(c);
        }
    }
    return html + "</table>\n" + plots;
}

std::string results(const RunSummary& s, const TraceAccess& access) {
    std::string html = "<section id=\"results\">\n<h2>Results</h2>\n";
    if (s.plans.empty()) {
        html += "<p class=\"muted\">No plans ran.</p>\n";
    }
    std::size_t planNo = 0;
    for (const auto& p : s.plans) {
        ++planNo;
        html += "<section class=\"plan\" id=\"plan-" + std::to_string(planNo) + "\">\n<h2>" + esc(p.id) + " " +
                badge(p.verdict) + "</h2>\n";
        if (!p.title.empty()) {
            html += "<p>" + esc(p.title) + "</p>\n";
        }
        if (!p.reason.empty()) {
            html += "<p class=\"reason\">" + esc(p.reason) + "</p>\n";
        }
        const std::string planFile = p.source.empty() ? p.file : p.source;
        html += "<p class=\"muted\">" + (planFile.empty() ? std::string() : "Plan <code>" + esc(planFile) + "</code>, ") +
                "bench time " + seconds(p.benchTimeS) + "</p>\n";
        for (const auto& k : p.cases) {
            html += "<div class=\"case\">\n<h3>" + esc(caseDisplayName(k)) + " " + badge(k.verdict) + "</h3>\n";
            if (!k.title.empty()) {
                html += "<p>" + esc(k.title) + "</p>\n";
            }
            if (!k.reason.empty()) {
                html += "<p class=\"reason\">" + esc(k.reason) + "</p>\n";
            }
            html += checksTable(k, access) + "</div>\n";
        }
        html += "</section>\n";
    }
    return html + "</section>\n";
}

// SIMULATION and NOT FOR CERTIFICATION, at the top of the report; printed, they repeat on every
// page (position: fixed in print media).
std::string pageMarks(const RunSummary& s) {
    std::string html;
    if (s.simulation)
        html += "<p class=\"page-mark simulation\">SIMULATION \xE2\x80\x94 not a test of a physical charger</p>\n";
    if (s.certification.known && !s.certification.forCertification) {
        html += "<p class=\"page-mark not-for-certification\">" + esc(s.certification.statement) + "</p>\n";
        if (!s.certification.refused.empty()) {
            html += "<ul class=\"page-mark\">\n";
            for (const auto& r : s.certification.refused) html += "<li>" + esc(r) + "</li>\n";
            html += "</ul>\n";
        }
    }
    if (s.rack.present && !s.rack.ready) {
        // The charger was not judged: the rack failed its self-check (bench/rack_readiness.hpp).
        html += "<p class=\"page-mark rack-not-ready\">RACK NOT READY \xE2\x80\x94 the charger was not judged</p>\n<ul class=\"page-mark\">\n";
        for (const auto& r : s.rack.reasons) html += "<li>" + esc(r) + "</li>\n";
        if (!s.rack.plansNotRun.empty()) {
            std::string plans;
            for (const auto& p : s.rack.plansNotRun) plans += (plans.empty() ? "" : ", ") + p;
            html += "<li>not run: " + esc(plans) + "</li>\n";
        }
        html += "</ul>\n";
    }
    return html.empty() ? html : "<div class=\"page-marks\">\n" + html + "</div>\n";
}

// Every trace path of the summary that may not be read, checked before anything is rendered so
// the warning can stand at the top of the report, where nobody misses it.
std::vector<std::string> refusedTracePaths(const RunSummary& s, const std::filesystem::path& runDir) {
    std::vector<std::string> refused;
    for (const auto& p : s.plans)
        for (const auto& k : p.cases)
            for (const auto& c : k.checks) {
                std::string why;
                if (!c.trace.empty() && !resolveInsideRunFolder(runDir, c.trace, why)) refused.push_back(c.trace + ": " + why);
            }
    return refused;
}

std::string refusedWarning(const std::vector<std::string>& refused) {
    if (refused.empty()) return {};
    std::string html = "<section id=\"refused\" class=\"plot-error\"><h2>Warning: paths not read</h2>\n"
                       "<p>summary.json names files outside this run folder; they were not read:</p>\n<ul>\n";
    for (const auto& r : refused) html += "<li><code>" + esc(r) + "</code></li>\n";
    return html + "</ul>\n</section>\n";
}

} // namespace

std::string renderHtmlReport(const RunSummary& summary, const std::filesystem::path& runDir, HtmlReportOutcome* outcome,
                             const core::StopCheck& stop) {
    const auto refused = refusedTracePaths(summary, runDir);
    if (outcome) outcome->refusedPaths = refused;
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    html += esc("v2gbench " + summary.runId + " \xE2\x80\x94 " + std::string(toString(summary.verdict)) +
                (summary.simulation ? " \xE2\x80\x94 SIMULATION" : "") +
                (summary.certification.known && !summary.certification.forCertification ? " \xE2\x80\x94 NOT FOR CERTIFICATION" : ""));
    html += "</title>\n<style>";
    html += kStyle;
    html += "</style>\n</head>\n<body>\n";
    const auto marks = pageMarks(summary);
    html += marks;
    html += header(summary);
    html += refusedWarning(refused);
    html += equipment(summary);
    html += inputs(summary);
    html += coverage(summary);
    html += results(summary, TraceAccess{runDir, stop});
    html += marks;
    html += "<footer class=\"muted\"><p>Generated from <code>summary.json</code> (" + esc(summary.format) +
            ") by v2gbench reports.</p></footer>\n</body>\n</html>\n";
    return html;
}

HtmlReportOutcome writeHtmlReport(const std::filesystem::path& runDir, const std::filesystem::path& out,
                                  const core::StopCheck& stop) {
    HtmlReportOutcome outcome;
    writeTextFileAtomically(out, renderHtmlReport(loadRunSummary(runDir), runDir, &outcome, stop));
    return outcome;
}

} // namespace v2gbench::reports
