#include "trace_plot.hpp"

#include "v2gbench/reports/text_format.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace v2gbench::reports_pdf {

namespace {

struct GObjectUnref {
    void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

constexpr double kLeft = 52, kRight = 8, kTop = 22, kBottom = 24; // kTop: the title line above the plot

void showText(const PageFlow& flow, const std::string& text, double x, double y, double alignX, double alignY) {
    cairo_t* cr = flow.context();
    LayoutPtr l(flow.layout(text, TextStyle::Small, -1));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(l.get(), &w, &h);
    cairo_move_to(cr, x - alignX * w, y - alignY * h);
    pango_cairo_show_layout(cr, l.get());
}

} // namespace

void drawPlotMessage(const PageFlow& flow, const Box& box, const std::string& message) {
    if (!flow.drawing()) return;
    cairo_t* cr = flow.context();
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.97, 0.97, 0.97);
    cairo_rectangle(cr, box.x, box.y, box.width, box.height);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.45, 0.1, 0.1);
    showText(flow, message, box.x + box.width / 2, box.y + box.height / 2, 0.5, 0.5);
    cairo_restore(cr);
}

void drawTracePlot(const PageFlow& flow, const Box& box, const reports::Trace& trace,
                   const reports::PlotOptions& options, const std::string& timeAxisLabel) {
    if (!flow.drawing()) return;
    if (trace.timeS.empty()) {
        drawPlotMessage(flow, box, trace.column + ": no samples");
        return;
    }
    cairo_t* cr = flow.context();
    cairo_save(cr);
    const double t0 = trace.timeS.front();
    const double tEnd = std::max(trace.timeS.back() - t0, 1e-9);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const double v : trace.values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    for (const auto& limit : {options.low, options.high, options.nominal})
        if (limit && std::isfinite(*limit)) lo = std::min(lo, *limit), hi = std::max(hi, *limit);
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
    const auto yTicks = reports::niceTicks(lo, hi, 5);
    const auto xTicks = reports::niceTicks(0, tEnd, 6);

    const double px = box.x + kLeft, py = box.y + kTop, pw = box.width - kLeft - kRight, ph = box.height - kTop - kBottom;
    const auto xOf = [&](double t) { return px + (t - xTicks.first) / (xTicks.last - xTicks.first) * pw; };
    const auto yOf = [&](double v) { return py + ph - (v - yTicks.first) / (yTicks.last - yTicks.first) * ph; };

    // Title, measurement window, grid.
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    showText(flow, options.title, box.x, box.y, 0, 0);
    if (options.windowStartS && options.windowEndS) {
        const double a = std::clamp(xOf(*options.windowStartS - t0), px, px + pw);
        const double b = std::clamp(xOf(*options.windowEndS - t0), px, px + pw);
        cairo_set_source_rgb(cr, 0.88, 0.93, 1.0);
        cairo_rectangle(cr, a, py, std::max(b - a, 0.5), ph);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, 0.3);
    cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
    for (const double v : yTicks.values) {
        cairo_move_to(cr, px, yOf(v));
        cairo_line_to(cr, px + pw, yOf(v));
    }
    for (const double t : xTicks.values) {
        cairo_move_to(cr, xOf(t), py);
        cairo_line_to(cr, xOf(t), py + ph);
    }
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    for (const double v : yTicks.values) showText(flow, reports::formatNumber(v, 4), px - 3, yOf(v), 1, 0.5);
    for (const double t : xTicks.values) showText(flow, reports::formatNumber(t, 4), xOf(t), py + ph + 2, 0.5, 0);
    showText(flow, timeAxisLabel, px + pw, py + ph + 12, 1, 0);

    // The trace: a polyline, or the min/max of each column when there are more samples than columns.
    cairo_rectangle(cr, px, py, pw, ph);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 0.05, 0.3, 0.7);
    cairo_set_line_width(cr, 0.7);
    const std::size_t n = std::min(trace.timeS.size(), trace.values.size());
    const int columns = std::max(1, static_cast<int>(pw * 2));
    if (options.allowEnvelope && n > static_cast<std::size_t>(2 * columns)) {
        std::vector<double> colLo(columns, std::numeric_limits<double>::infinity()), colHi(columns, -colLo[0]);
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(trace.values[i])) continue;
            const int c = std::clamp(static_cast<int>((trace.timeS[i] - t0) / tEnd * (columns - 1)), 0, columns - 1);
            colLo[c] = std::min(colLo[c], trace.values[i]);
            colHi[c] = std::max(colHi[c], trace.values[i]);
        }
        bool started = false;
        for (int c = 0; c < columns; ++c) {
            if (!std::isfinite(colLo[c])) continue;
            const double x = xOf(tEnd * c / (columns - 1));
            if (!started) cairo_move_to(cr, x, yOf(colLo[c]));
            cairo_line_to(cr, x, yOf(colLo[c]));
            cairo_line_to(cr, x, yOf(colHi[c]));
            started = true;
        }
    } else {
        bool started = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(trace.values[i])) {
                started = false;
                continue;
            }
            const double x = xOf(trace.timeS[i] - t0), y = yOf(trace.values[i]);
            if (started) cairo_line_to(cr, x, y);
            else cairo_move_to(cr, x, y);
            started = true;
        }
    }
    cairo_stroke(cr);

    // Limits dashed red, the nominal dashed grey.
    const double dash[] = {4, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.8);
    for (const auto& limit : {options.low, options.high}) {
        if (!limit) continue;
        cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
        cairo_move_to(cr, px, yOf(*limit));
        cairo_line_to(cr, px + pw, yOf(*limit));
        cairo_stroke(cr);
    }
    if (options.nominal) {
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
        cairo_move_to(cr, px, yOf(*options.nominal));
        cairo_line_to(cr, px + pw, yOf(*options.nominal));
        cairo_stroke(cr);
    }
    cairo_reset_clip(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.6);
    cairo_rectangle(cr, px, py, pw, ph);
    cairo_stroke(cr);
    cairo_restore(cr);
}

} // namespace v2gbench::reports_pdf
