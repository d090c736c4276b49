#pragma once
// Flows paragraphs, tables and fixed-height boxes down A4 pages of a cairo PDF surface, breaking
// pages where the next block does not fit. The same flow runs twice: once measuring only (no
// drawing) to count the pages, then drawing with the count known, so every page can say
// "Page x of y". Internal to reports_pdf.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <string>
#include <vector>

namespace v2gbench::reports_pdf {

struct Rgb {
    double r = 0, g = 0, b = 0;
};

enum class TextStyle { Title, Heading, Subheading, Body, BodyBold, Small };

struct Cell {
    Cell(std::string t) : text(std::move(t)) {} // NOLINT: a plain string is a plain cell
    Cell(const char* t) : text(t) {}            // NOLINT
    Cell(std::string t, Rgb c) : text(std::move(t)), color(c), colored(true) {}
    std::string text;
    Rgb color;
    bool colored = false;
};

struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

class PageFlow {
public:
    static constexpr double kPageWidth = 595.28; // A4, points
    static constexpr double kPageHeight = 841.89;
    static constexpr double kMarginX = 48;
    static constexpr double kTop = 78;    // below the page header
    static constexpr double kBottom = 60; // above the page footer

    // Called at the start of every page (draw pass only) with the page number.
    using PageDecoration = std::function<void(const PageFlow&, cairo_t*, int page)>;

    // `drawing` false: nothing is drawn, pages are only counted. Text is laid out with `fonts`
    // (the caller's own font map, released with it; never pango's per-thread default, whose caches
    // outlive the report).
    PageFlow(cairo_t* cr, PangoFontMap* fonts, bool drawing, PageDecoration decoration);
    ~PageFlow();
    PageFlow(const PageFlow&) = delete;
    PageFlow& operator=(const PageFlow&) = delete;

    bool drawing() const { return m_drawing; }
    cairo_t* context() const { return m_cr; }
    double contentWidth() const { return kPageWidth - 2 * kMarginX; }
    int page() const { return m_page; }

    void paragraph(const std::string& text, TextStyle style = TextStyle::Body, Rgb color = {});
    // Label/value rows (a key-value block): left column `labelFraction` of the width.
    void fields(const std::vector<std::pair<std::string, std::string>>& rows, double labelFraction = 0.28);
    // A ruled table; `columns` are width fractions summing to 1. The header row repeats after a page break.
    void table(const std::vector<double>& columns, const std::vector<Cell>& header,
               const std::vector<std::vector<Cell>>& rows, TextStyle style = TextStyle::Small);
    void space(double points);
    // Breaks the page when fewer than `points` remain.
    void keep(double points);
    // A box of `height` on this page (breaking first when it does not fit), the cursor moved below it.
    Box reserve(double height);
    // Ends the last page.
    void finish();

    // A pango layout of `text` in `style`, wrapped to `width` (also used by the plot and the marks).
    PangoLayout* layout(const std::string& text, TextStyle style, double width) const;

private:
    void newPage();
    double remaining() const { return kPageHeight - kBottom - m_y; }
    double rowHeight(const std::vector<double>& columns, const std::vector<Cell>& row, TextStyle style) const;
    void drawRow(const std::vector<double>& columns, const std::vector<Cell>& row, TextStyle style, double height,
                 bool header);

    cairo_t* m_cr;
    PangoContext* m_pango;
    bool m_drawing;
    PageDecoration m_decoration;
    int m_page = 0;
    double m_y = 0;
};

} // namespace v2gbench::reports_pdf
