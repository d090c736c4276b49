#include "v2gbench/reports_pdf/pdf_report.hpp"

#include "page_flow.hpp"
#include "report_texts.hpp"
#include "trace_plot.hpp"

#include "v2gbench/reports/svg_plot.hpp"
#include "v2gbench/reports/text_format.hpp"
#include "v2gbench/reports/trace_csv.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace v2gbench::reports_pdf {

namespace fs = std::filesystem;
using reports::CaseResult;
using reports::CheckResult;
using reports::RunSummary;

namespace {

constexpr double kPlotHeight = 150;
constexpr Rgb kPassColor{0.05, 0.45, 0.15}, kFailColor{0.75, 0.05, 0.05}, kConditionalColor{0.70, 0.42, 0.0},
    kOtherColor{0.35, 0.35, 0.35};

Rgb verdictColor(std::string_view verdict) {
    if (verdict == "pass") return kPassColor;
    if (verdict == "fail" || verdict == "error" || verdict == "aborted") return kFailColor;
    if (verdict == "inconclusive" || verdict.rfind("conditional", 0) == 0) return kConditionalColor;
    return kOtherColor;
}

// The check's own decision under the run's rule when it has one ("conditional pass"), else its verdict.
std::string checkVerdict(const CheckResult& c) {
    return c.decision.empty() ? std::string(reports::toString(c.verdict)) : c.decision;
}

std::string caseName(const CaseResult& kase) {
    return kase.instance.empty() ? kase.id : kase.id + " [" + kase.instance + "]";
}

std::string measuredText(Language lang, const CheckResult& c) {
    if (!c.value) return c.answer.empty() ? text(lang, "no value") : c.answer;
    std::string s = reports::formatQuantity(*c.value, c.unit);
    const std::optional<double> u = c.budget && c.budget->expanded ? c.budget->expanded : c.uncertainty;
    if (u && *u > 0) {
        s += " ± " + reports::formatQuantity(*u, c.unit);
        if (c.budget && c.budget->k) s += " (k = " + reports::formatNumber(*c.budget->k, 3) + ")";
    } else if (c.budget && !c.budget->note.empty()) {
        s += " (" + c.budget->note + ")"; // never "± 0": a count is exact, a figure may be missing
    }
    return s;
}

std::string limitText(Language lang, const CheckResult& c) {
    if (c.low && c.high) return reports::formatQuantity(*c.low, c.unit) + " .. " + reports::formatQuantity(*c.high, c.unit);
    if (c.low) return "≥ " + reports::formatQuantity(*c.low, c.unit);
    if (c.high) return "≤ " + reports::formatQuantity(*c.high, c.unit);
    if (!c.limitText.empty()) return c.limitText;
    return text(lang, "unbounded");
}

// A trace path from summary.json as a file inside the run folder, or why it is not read.
std::optional<fs::path> traceInside(const fs::path& runDir, const std::string& rel, std::string& why) {
    const fs::path p(rel);
    if (p.is_absolute()) {
        why = "an absolute path; traces are read from inside the run folder only";
        return std::nullopt;
    }
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(runDir, ec);
    const fs::path full = fs::weakly_canonical(runDir / p, ec);
    if (ec) {
        why = ec.message();
        return std::nullopt;
    }
    if (std::mismatch(root.begin(), root.end(), full.begin(), full.end()).first != root.end()) {
        why = "resolves outside the run folder";
        return std::nullopt;
    }
    return full;
}

class ReportComposer {
public:
    ReportComposer(const RunSummary& summary, const fs::path& runDir, const std::optional<RunInfo>& info, Language lang,
                   const core::StopCheck& stop)
        : m_s(summary), m_dir(runDir), m_info(info.value_or(RunInfo{})), m_lang(lang),
          m_stop(stop) {
        if (m_info.reportNumber.empty()) m_info.reportNumber = summary.runId;
    }

    // One pass over the whole report; returns the page count. `pages` is 0 while measuring.
    int compose(cairo_t* cr, PangoFontMap* fonts, bool drawing, int pages) {
        PageFlow flow(cr, fonts, drawing, [this, pages](const PageFlow& f, cairo_t* c, int page) { decoratePage(f, c, page, pages); });
        m_unread.clear();
        titleBlock(flow);
        sampleBlock(flow);
        conditionsBlock(flow);
        equipmentBlock(flow);
        methodBlock(flow);
        resultsSummary(flow);
        caseSections(flow, drawing);
        coverageBlock(flow);
        signOffBlock(flow);
        flow.finish();
        return flow.page();
    }

    const std::vector<std::string>& unreadTraces() const { return m_unread; }

private:
    std::string t(std::string_view key) const { return text(m_lang, key); }
    std::string given(const std::string& value) const { return value.empty() ? t("not given") : value; }
    bool simulated() const { return m_s.simulation; }
    bool notForCertification() const { return m_s.certification.known && !m_s.certification.forCertification; }

    void decoratePage(const PageFlow& flow, cairo_t* cr, int page, int pages) const {
        const double left = PageFlow::kMarginX, right = PageFlow::kPageWidth - PageFlow::kMarginX;
        if (simulated()) watermark(flow, cr);
        const auto put = [&](const std::string& s, TextStyle style, double x, double y, double alignX, Rgb c = {}) {
            std::unique_ptr<PangoLayout, void (*)(void*)> l(flow.layout(s, style, -1), g_object_unref);
            int w = 0;
            pango_layout_get_pixel_size(l.get(), &w, nullptr);
            cairo_set_source_rgb(cr, c.r, c.g, c.b);
            cairo_move_to(cr, x - alignX * w, y);
            pango_cairo_show_layout(cr, l.get());
        };
        put(given(m_info.labName), TextStyle::BodyBold, left, 28, 0);
        put(t("Report number") + ": " + m_info.reportNumber, TextStyle::Body, right, 28, 1);
        if (notForCertification()) put(t("NOT FOR CERTIFICATION"), TextStyle::BodyBold, left, 44, 0, kFailColor);
        if (simulated()) put(t("SIMULATION — not a test of a physical charger"), TextStyle::Small, right, 46, 1, kFailColor);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(cr, 0.6);
        cairo_move_to(cr, left, 62);
        cairo_line_to(cr, right, 62);
        cairo_move_to(cr, left, PageFlow::kPageHeight - 48);
        cairo_line_to(cr, right, PageFlow::kPageHeight - 48);
        cairo_stroke(cr);
        const double footY = PageFlow::kPageHeight - 44;
        put(pages > 0 ? pageOf(m_lang, page, pages) : std::string(), TextStyle::Body, right, footY, 1);
        put(t("Run") + " " + m_s.runId, TextStyle::Small, left, footY, 0, kOtherColor);
        if (notForCertification()) put(t("NOT FOR CERTIFICATION"), TextStyle::Small, left, footY + 11, 0, kFailColor);
    }

    void watermark(const PageFlow& flow, cairo_t* cr) const {
        std::unique_ptr<PangoLayout, void (*)(void*)> l(flow.layout(t("SIMULATION — not a test of a physical charger"),
                                                                    TextStyle::Title, -1),
                                                        g_object_unref);
        PangoFontDescription* font = pango_font_description_copy(pango_layout_get_font_description(l.get()));
        pango_font_description_set_size(font, 30 * PANGO_SCALE);
        pango_layout_set_font_description(l.get(), font);
        pango_font_description_free(font);
        int w = 0, h = 0;
        pango_layout_get_pixel_size(l.get(), &w, &h);
        cairo_save(cr);
        cairo_translate(cr, PageFlow::kPageWidth / 2, PageFlow::kPageHeight / 2);
        cairo_rotate(cr, -std::atan2(PageFlow::kPageHeight, PageFlow::kPageWidth));
        cairo_set_source_rgba(cr, 0.85, 0.1, 0.1, 0.13);
        cairo_move_to(cr, -w / 2.0, -h / 2.0);
        pango_cairo_show_layout(cr, l.get());
        cairo_restore(cr);
    }

    void titleBlock(PageFlow& f) {
        f.paragraph(t("Test report"), TextStyle::Title);
        std::vector<std::pair<std::string, std::string>> rows{{t("Report number"), m_info.reportNumber},
                                                              {t("Laboratory"), given(m_info.labName)}};
        if (!m_info.labAddress.empty()) rows.emplace_back(t("Address"), m_info.labAddress);
        if (!m_info.labAccreditation.empty()) rows.emplace_back(t("Accreditation"), m_info.labAccreditation);
        rows.emplace_back(t("Customer"), given(m_info.customerName));
        if (!m_info.customerAddress.empty()) rows.emplace_back(t("Address"), m_info.customerAddress);
        f.fields(rows);
        rackNotReadyMark(f);
    }

    bool rackNotReady() const { return m_s.rack.present && !m_s.rack.ready; }

    // As report.html: the rack failed its self-check, so no verdict here is the charger's.
    void rackNotReadyMark(PageFlow& f) {
        if (!rackNotReady()) return;
        f.space(4);
        f.paragraph(t("RACK NOT READY — the charger was not judged"), TextStyle::Heading, kFailColor);
        for (const auto& r : m_s.rack.reasons) f.paragraph("• " + r, TextStyle::Body, kFailColor);
        if (m_s.rack.plansNotRun.empty()) return;
        std::string plans;
        for (const auto& p : m_s.rack.plansNotRun) plans += (plans.empty() ? "" : ", ") + p;
        f.paragraph(t("Plans not run") + ": " + plans, TextStyle::Body, kFailColor);
    }

    void sampleBlock(PageFlow& f) {
        f.paragraph(t("Sample"), TextStyle::Heading);
        const std::string makeModel = m_s.dut.manufacturer.empty() && m_s.dut.model.empty()
                                          ? t("not given")
                                          : m_s.dut.manufacturer + " " + m_s.dut.model;
        const std::string dates =
            !m_info.testDates.empty() ? m_info.testDates : m_s.startedUtc + " — " + m_s.finishedUtc;
        f.fields({{t("Description"), given(m_info.sampleDescription)},
                  {t("Manufacturer and model"), makeModel},
                  {t("Serial number"), given(m_info.sampleSerial)},
                  {t("Firmware"), given(m_info.sampleFirmware)},
                  {t("Received"), given(m_info.sampleReceived)},
                  {t("Test dates"), dates},
                  {t("Test location"), given(m_info.testLocation)},
                  {t("Run"), m_s.runId},
                  {t("Software"), "v2gbench " + m_s.toolVersion}});
    }

    void conditionsBlock(PageFlow& f) {
        f.paragraph(t("Test conditions"), TextStyle::Heading);
        f.fields({{t("Temperature"), given(m_info.temperature)},
                  {t("Relative humidity"), given(m_info.humidity)},
                  {t("Air pressure"), given(m_info.pressure)},
                  {t("Source"), given(m_info.environmentSource)},
                  {t("Bench"), m_s.bench.name + (m_s.clock.empty() ? "" : " (" + m_s.clock + ")")}});
    }

    void equipmentBlock(PageFlow& f) {
        f.paragraph(t("Equipment"), TextStyle::Heading);
        std::vector<std::vector<Cell>> rows;
        for (const auto& i : m_s.instruments) {
            const Rgb stateColor = i.registerState == "calibrated" || i.registerState == "simulation" ? Rgb{} : kFailColor;
            const std::string due = i.calibrationDue.empty() ? std::string("—") : i.calibrationDue;
            rows.push_back({i.role, i.manufacturer + " " + i.model + (i.firmware.empty() ? "" : " (fw " + i.firmware + ")"),
                            i.serial,
                            i.registerId + (i.calibrationCertificate.empty() ? "" : "\n" + i.calibrationCertificate) +
                                (i.calibrationLab.empty() ? "" : ", " + i.calibrationLab),
                            (i.calibrationDate.empty() ? std::string("—") : i.calibrationDate) + " / " + due,
                            Cell(i.registerState, stateColor)});
        }
        f.table({0.10, 0.30, 0.13, 0.19, 0.16, 0.12},
                {t("Role"), t("Instrument"), t("Serial number"), t("Register entry") + " / " + t("Certificate"),
                 t("Calibrated") + " / " + t("Due"), t("State")},
                rows);
        if (m_s.certification.known) f.paragraph(t("Certification") + ": " + m_s.certification.statement, TextStyle::Small);
        for (const auto& r : m_s.certification.refused) f.paragraph("• " + r, TextStyle::Small, kFailColor);
    }

    void methodBlock(PageFlow& f) {
        f.paragraph(t("Method"), TextStyle::Heading);
        f.paragraph(t("Standards"), TextStyle::Subheading);
        for (const auto& c : m_s.catalogues) f.paragraph("• " + c.standard + (c.title.empty() ? "" : " — " + c.title));
        f.paragraph(t("Test plans"), TextStyle::Subheading);
        for (const auto& p : m_s.plans) f.paragraph("• " + p.id + " — " + p.title + "  (" + p.file + ")");
        f.paragraph(t("Decision rule"), TextStyle::Subheading);
        f.paragraph(decisionRuleText(m_lang, m_s.decisionRule, m_s.decisionRuleStatement));
        f.paragraph(t("Deviations from the method"), TextStyle::Subheading);
        if (m_info.deviations.empty() && m_s.abortReason.empty()) f.paragraph(t("None recorded."));
        for (const auto& d : m_info.deviations) f.paragraph("• " + d);
        if (!m_s.abortReason.empty()) f.paragraph("• " + t("Run aborted") + ": " + m_s.abortReason, TextStyle::Body, kFailColor);
    }

    void resultsSummary(PageFlow& f) {
        f.space(6);
        f.paragraph(t("Summary of results"), TextStyle::Heading);
        const std::string overall(reports::toString(m_s.verdict));
        f.paragraph(t("Overall verdict") + ": " + verdictWord(m_lang, overall), TextStyle::BodyBold, verdictColor(overall));
        std::vector<std::vector<Cell>> rows;
        for (const auto& p : m_s.plans)
            for (const auto& k : p.cases) {
                const std::string v(reports::toString(k.verdict));
                rows.push_back({caseName(k), k.title, Cell(verdictWord(m_lang, v), verdictColor(v))});
            }
        if (rackNotReady()) {
            f.paragraph(t("RACK NOT READY — the charger was not judged"), TextStyle::BodyBold, kFailColor);
            for (const auto& p : m_s.rack.plansNotRun) rows.push_back({p, "", Cell(t("not run: rack not ready"), kFailColor)});
        }
        f.table({0.26, 0.56, 0.18}, {t("Case"), t("Title"), t("Verdict")}, rows);
    }

    void caseSections(PageFlow& f, bool drawing) {
        f.paragraph(t("Results per case"), TextStyle::Heading);
        for (const auto& p : m_s.plans)
            for (const auto& k : p.cases) {
                if (m_stop && m_stop()) throw core::ReadStopped("the PDF report was stopped");
                caseSection(f, k, drawing);
            }
    }

    void caseSection(PageFlow& f, const CaseResult& k, bool drawing) {
        f.keep(80);
        const std::string v(reports::toString(k.verdict));
        f.paragraph(caseName(k) + " — " + k.title, TextStyle::Subheading);
        f.paragraph(t("Verdict") + ": " + verdictWord(m_lang, v) + (k.reason.empty() ? "" : " — " + k.reason),
                    TextStyle::Body, verdictColor(v));
        if (k.checks.empty()) return;
        std::vector<std::vector<Cell>> rows;
        for (const auto& c : k.checks) {
            const std::string cv = checkVerdict(c);
            rows.push_back({c.name, measuredText(m_lang, c), limitText(m_lang, c), Cell(verdictWord(m_lang, cv), verdictColor(cv)),
                            c.reason});
        }
        f.table({0.2, 0.2, 0.18, 0.14, 0.28}, {t("Check"), t("Measured value ± U"), t("Limit"), t("Verdict"), t("Reason")},
                rows);
        for (const auto& c : k.checks)
            if (c.budget) budget(f, c);
        for (const auto& c : k.checks) plot(f, c, drawing);
    }

    void budget(PageFlow& f, const CheckResult& c) {
        const auto& b = *c.budget;
        f.paragraph(t("Uncertainty budget") + ": " + c.name + (b.kind.empty() ? "" : " (" + b.kind + ")"), TextStyle::BodyBold);
        std::vector<std::vector<Cell>> rows;
        const auto q = [](const std::optional<double>& v, const std::string& unit) {
            return v ? reports::formatQuantity(*v, unit) : std::string("—");
        };
        for (const auto& x : b.contributions)
            rows.push_back({x.name, x.source, x.type, q(x.standard, x.unit),
                            x.sensitivity ? reports::formatNumber(*x.sensitivity, 4) : std::string("—")});
        f.table({0.24, 0.36, 0.08, 0.18, 0.14}, {t("Contribution"), t("Source"), t("Type"), t("Standard uncertainty"), t("Sensitivity")},
                rows);
        f.paragraph(t("Combined standard uncertainty") + ": " + q(b.combinedStandard, b.unit) + "    " +
                        t("Expanded uncertainty") + ": " + q(b.expanded, b.unit) +
                        (b.k ? " (k = " + reports::formatNumber(*b.k, 3) + ")" : ""),
                    TextStyle::Small);
    }

    void plot(PageFlow& f, const CheckResult& c, bool drawing) {
        if (c.trace.empty()) return; // bus and inspect checks record no signal
        const Box box = f.reserve(kPlotHeight);
        if (drawing) drawPlot(f, c, box); // the box's size does not depend on the trace: read it once
        f.space(6);                       // after drawing: the space may start the next page
    }

    void drawPlot(PageFlow& f, const CheckResult& c, const Box& box) {
        std::string why;
        const auto path = traceInside(m_dir, c.trace, why);
        if (!path) {
            m_unread.push_back(c.trace + ": " + why);
            drawPlotMessage(f, box, t("Trace not read") + ": " + c.trace + " — " + why);
            return;
        }
        try {
            const auto trace = reports::readTraceCsv(*path, m_stop);
            reports::PlotOptions options;
            options.title = c.name + " — " + c.signal + (trace.unit.empty() ? "" : " / " + trace.unit);
            options.low = c.low;
            options.high = c.high;
            options.nominal = c.nominal;
            options.windowStartS = c.tStartS;
            options.windowEndS = c.tEndS;
            drawTracePlot(f, box, trace, options, t("time / s"));
        } catch (const core::ReadStopped&) {
            throw;
        } catch (const std::exception& e) {
            m_unread.push_back(c.trace + ": " + e.what());
            drawPlotMessage(f, box, t("Trace not read") + ": " + e.what());
        }
    }

    void coverageBlock(PageFlow& f) {
        if (m_s.standardCoverage.empty()) return;
        f.paragraph(t("Coverage of the standard"), TextStyle::Heading);
        for (const auto& sc : m_s.standardCoverage) {
            f.paragraph(sc.standard, TextStyle::Subheading);
            std::vector<std::vector<Cell>> rows;
            for (const auto& c : sc.cases)
                rows.push_back({c.id, c.title, verdictWord(m_lang, c.status),
                                c.verdict.empty() ? Cell("—") : Cell(verdictWord(m_lang, c.verdict), verdictColor(c.verdict)),
                                c.reason});
            f.table({0.14, 0.34, 0.14, 0.14, 0.24}, {t("Case"), t("Title"), t("Status"), t("Verdict"), t("Reason")}, rows);
        }
    }

    void signOffBlock(PageFlow& f) {
        f.keep(170);
        f.space(8);
        f.paragraph(t("The results relate only to the item tested."), TextStyle::BodyBold);
        f.paragraph(t("This report shall not be reproduced except in full without the written approval of the laboratory."),
                    TextStyle::Small);
        f.space(6);
        f.paragraph(t("Sign-off"), TextStyle::Heading);
        const std::string blank = "\n\n";
        f.table({0.2, 0.3, 0.3, 0.2}, {t("Role"), t("Name"), t("Signature"), t("Date")},
                {{t("Operator"), given(m_info.operatorName), blank, ""},
                 {t("Reviewer"), given(m_info.reviewerName), blank, ""},
                 {t("Approver"), given(m_info.approverName), blank, ""}},
                TextStyle::Body);
    }

    const RunSummary& m_s;
    fs::path m_dir;
    RunInfo m_info;
    Language m_lang;
    core::StopCheck m_stop;
    std::vector<std::string> m_unread;
};

cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

struct Surface {
    cairo_surface_t* surface;
    cairo_t* cr;
    explicit Surface(cairo_surface_t* s) : surface(s), cr(cairo_create(s)) {}
    ~Surface() {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
    Surface(const Surface&) = delete;
    Surface& operator=(const Surface&) = delete;
};

} // namespace

PdfReportOutcome writePdfReport(const RunSummary& summary, const fs::path& runDir, const std::optional<RunInfo>& info,
                                Language language, const fs::path& out, const core::StopCheck& stop) {
    requireReportFont();
    ReportComposer composer(summary, runDir, info, language, stop);
    // The report's own font map, released at the end: pango's per-thread default would keep every
    // font it loaded until the process ends.
    const std::unique_ptr<PangoFontMap, void (*)(void*)> fonts(pango_cairo_font_map_new(), g_object_unref);
    int pages = 0;
    {
        // The measuring pass: the same flow on a PDF surface whose bytes are thrown away, so text
        // metrics are those of the real file.
        Surface measure(cairo_pdf_surface_create_for_stream(discard, nullptr, PageFlow::kPageWidth, PageFlow::kPageHeight));
        pages = composer.compose(measure.cr, fonts.get(), false, 0);
    }
    PdfReportOutcome outcome;
    try {
        Surface file(cairo_pdf_surface_create(out.c_str(), PageFlow::kPageWidth, PageFlow::kPageHeight));
        if (cairo_surface_status(file.surface) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(out.string() + ": cannot write the PDF report: " +
                                     cairo_status_to_string(cairo_surface_status(file.surface)));
        const std::string title = text(language, "Test report") + " " + (info ? info->reportNumber : summary.runId);
        cairo_pdf_surface_set_metadata(file.surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(file.surface, CAIRO_PDF_METADATA_CREATOR, ("v2gbench " + summary.toolVersion).c_str());
        outcome.pages = composer.compose(file.cr, fonts.get(), true, pages);
        cairo_surface_finish(file.surface);
        if (cairo_surface_status(file.surface) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(out.string() + ": writing the PDF report failed: " +
                                     cairo_status_to_string(cairo_surface_status(file.surface)));
    } catch (...) {
        std::error_code ignored;
        fs::remove(out, ignored); // a half-written report is no report
        throw;
    }
    if (outcome.pages != pages)
        throw std::logic_error("PDF report: " + std::to_string(outcome.pages) + " pages drawn, " + std::to_string(pages) +
                               " measured");
    outcome.unreadTraces = composer.unreadTraces();
    return outcome;
}

} // namespace v2gbench::reports_pdf
