#include "page_flow.hpp"

#include "v2gbench/reports_pdf/pdf_report.hpp"

#include <algorithm>
#include <memory>

namespace v2gbench::reports_pdf {

namespace {

constexpr double kCellPad = 3;

struct GObjectUnref {
    void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

double points(int pangoUnits) { return static_cast<double>(pangoUnits) / PANGO_SCALE; }

} // namespace

PageFlow::PageFlow(cairo_t* cr, PangoFontMap* fonts, bool drawing, PageDecoration decoration)
    : m_cr(cr), m_pango(pango_font_map_create_context(fonts)), m_drawing(drawing), m_decoration(std::move(decoration)) {
    pango_cairo_update_context(m_cr, m_pango); // the PDF surface's font options (no hinting)
    newPage();
}

PageFlow::~PageFlow() { g_object_unref(m_pango); }

PangoLayout* PageFlow::layout(const std::string& text, TextStyle style, double width) const {
    PangoLayout* l = pango_layout_new(m_pango);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, std::string(kReportFontFamily).c_str());
    double size = 9;
    PangoWeight weight = PANGO_WEIGHT_NORMAL;
    switch (style) {
    case TextStyle::Title: size = 18; weight = PANGO_WEIGHT_BOLD; break;
    case TextStyle::Heading: size = 13; weight = PANGO_WEIGHT_BOLD; break;
    case TextStyle::Subheading: size = 10.5; weight = PANGO_WEIGHT_BOLD; break;
    case TextStyle::Body: size = 9; break;
    case TextStyle::BodyBold: size = 9; weight = PANGO_WEIGHT_BOLD; break;
    case TextStyle::Small: size = 7.5; break;
    }
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    pango_font_description_set_weight(font, weight);
    pango_layout_set_font_description(l, font);
    pango_font_description_free(font);
    if (width > 0) {
        pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
    return l;
}

void PageFlow::newPage() {
    if (m_page > 0 && m_drawing) cairo_show_page(m_cr);
    ++m_page;
    m_y = kTop;
    if (m_drawing && m_decoration) {
        cairo_save(m_cr);
        m_decoration(*this, m_cr, m_page);
        cairo_restore(m_cr);
    }
}

void PageFlow::keep(double pts) {
    if (remaining() < pts && m_y > kTop) newPage();
}

void PageFlow::space(double pts) {
    m_y += pts;
    if (remaining() <= 0) newPage();
}

void PageFlow::paragraph(const std::string& text, TextStyle style, Rgb color) {
    LayoutPtr l(layout(text, style, contentWidth()));
    // Breaks between lines, so a long paragraph continues on the next page.
    const int lines = pango_layout_get_line_count(l.get());
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    double consumed = 0; // layout y where the current page's part starts
    double startY = m_y;
    bool first = true;
    for (int i = 0; i < lines; ++i, pango_layout_iter_next_line(it)) {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        const double top = points(logical.y), bottom = points(logical.y + logical.height);
        if (startY + bottom - consumed > kPageHeight - kBottom && !(first && m_y <= kTop)) {
            newPage();
            consumed = top;
            startY = m_y;
        }
        first = false;
        if (m_drawing) {
            const int baseline = pango_layout_iter_get_baseline(it);
            cairo_set_source_rgb(m_cr, color.r, color.g, color.b);
            cairo_move_to(m_cr, kMarginX + points(logical.x), startY + points(baseline) - consumed);
            pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(it));
        }
        m_y = startY + bottom - consumed;
    }
    pango_layout_iter_free(it);
    m_y += style == TextStyle::Title || style == TextStyle::Heading ? 6 : 3;
}

void PageFlow::fields(const std::vector<std::pair<std::string, std::string>>& rows, double labelFraction) {
    for (const auto& [label, value] : rows) {
        const double labelWidth = contentWidth() * labelFraction;
        LayoutPtr l(layout(label, TextStyle::BodyBold, labelWidth - 6));
        LayoutPtr v(layout(value, TextStyle::Body, contentWidth() - labelWidth));
        int lh = 0, vh = 0;
        pango_layout_get_pixel_size(l.get(), nullptr, &lh);
        pango_layout_get_pixel_size(v.get(), nullptr, &vh);
        const double h = std::max(lh, vh) + 2.0;
        keep(h);
        if (m_drawing) {
            cairo_set_source_rgb(m_cr, 0.25, 0.25, 0.25);
            cairo_move_to(m_cr, kMarginX, m_y);
            pango_cairo_show_layout(m_cr, l.get());
            cairo_set_source_rgb(m_cr, 0, 0, 0);
            cairo_move_to(m_cr, kMarginX + labelWidth, m_y);
            pango_cairo_show_layout(m_cr, v.get());
        }
        m_y += h;
    }
    m_y += 4;
}

double PageFlow::rowHeight(const std::vector<double>& columns, const std::vector<Cell>& row, TextStyle style) const {
    double h = 0;
    for (std::size_t i = 0; i < columns.size() && i < row.size(); ++i) {
        LayoutPtr l(layout(row[i].text, style, columns[i] * contentWidth() - 2 * kCellPad));
        int ch = 0;
        pango_layout_get_pixel_size(l.get(), nullptr, &ch);
        h = std::max(h, static_cast<double>(ch));
    }
    return h + 2 * kCellPad;
}

void PageFlow::drawRow(const std::vector<double>& columns, const std::vector<Cell>& row, TextStyle style,
                       double height, bool header) {
    if (!m_drawing) return;
    double x = kMarginX;
    if (header) {
        cairo_set_source_rgb(m_cr, 0.90, 0.92, 0.95);
        cairo_rectangle(m_cr, kMarginX, m_y, contentWidth(), height);
        cairo_fill(m_cr);
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const double w = columns[i] * contentWidth();
        if (i < row.size()) {
            LayoutPtr l(layout(row[i].text, style, w - 2 * kCellPad));
            const Rgb c = row[i].colored ? row[i].color : Rgb{};
            cairo_set_source_rgb(m_cr, c.r, c.g, c.b);
            cairo_move_to(m_cr, x + kCellPad, m_y + kCellPad);
            pango_cairo_show_layout(m_cr, l.get());
        }
        cairo_set_source_rgb(m_cr, 0.6, 0.6, 0.6);
        cairo_set_line_width(m_cr, 0.4);
        cairo_rectangle(m_cr, x, m_y, w, height);
        cairo_stroke(m_cr);
        x += w;
    }
}

void PageFlow::table(const std::vector<double>& columns, const std::vector<Cell>& header,
                     const std::vector<std::vector<Cell>>& rows, TextStyle style) {
    const double headerHeight = rowHeight(columns, header, style);
    keep(headerHeight + (rows.empty() ? 0 : rowHeight(columns, rows.front(), style)));
    drawRow(columns, header, style, headerHeight, true);
    m_y += headerHeight;
    for (const auto& row : rows) {
        const double h = rowHeight(columns, row, style);
        if (remaining() < h) {
            newPage();
            drawRow(columns, header, style, headerHeight, true);
            m_y += headerHeight;
        }
        drawRow(columns, row, style, h, false);
        m_y += h;
    }
    m_y += 6;
}

Box PageFlow::reserve(double height) {
    keep(height);
    Box box{kMarginX, m_y, contentWidth(), height};
    m_y += height;
    return box;
}

void PageFlow::finish() {
    if (m_drawing) cairo_show_page(m_cr);
}

} // namespace v2gbench::reports_pdf
