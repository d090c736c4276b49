#include "v2gbench/reports/svg_plot.hpp"

#include "v2gbench/reports/text_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace v2gbench::reports {

namespace {

// Smallest step of the form {1, 2, 2.5, 5} x 10^n that is >= x: the axis gets at most the asked
// number of intervals, and a spike does not leave half the plot empty.
double niceStep(double x) {
    const double exponent = std::floor(std::log10(x));
    const double base = std::pow(10.0, exponent);
    const double fraction = x / base;
    for (const double nice : {1.0, 2.0, 2.5, 5.0}) {
        if (fraction <= nice * (1.0 + 1e-9)) {
            return nice * base;
        }
    }
    return 10.0 * base;
}

// Pixel coordinates with one decimal: enough for a screen, and keeps the SVG small.
void appendCoord(std::string& out, double v) {
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), std::round(v * 10.0) / 10.0,
                                 std::chars_format::fixed, 1);
    std::string_view s(buf.data(), static_cast<std::size_t>(r.ptr - buf.data()));
    if (s.size() > 2 && s.substr(s.size() - 2) == ".0") {
        s.remove_suffix(2);
    }
    if (s == "-0") {
        s = "0";
    }
    out += s;
}

std::string coord(double v) {
    std::string s;
    appendCoord(s, v);
    return s;
}

struct Frame {
    double left, top, width, height;
    double xMin, xMax, yMin, yMax;
    double x(double t) const { return left + (t - xMin) / (xMax - xMin) * width; }
    double y(double v) const { return top + (yMax - v) / (yMax - yMin) * height; }
};

} // namespace

AxisTicks niceTicks(double low, double high, int targetCount) {
    AxisTicks ticks;
    if (!std::isfinite(low) || !std::isfinite(high)) {
        low = 0.0;
        high = 1.0;
    }
    if (high < low) {
        std::swap(low, high);
    }
    if (high - low <= std::fabs(high) * 1e-12 || high == low) {
        // A flat signal still needs a visible axis: open it up around the value.
        const double pad = low == 0.0 ? 1.0 : std::fabs(low) * 0.1;
        low -= pad;
        high += pad;
    }
    const int count = std::max(2, targetCount);
    ticks.step = niceStep((high - low) / (count - 1));
    ticks.first = std::floor(low / ticks.step) * ticks.step;
    ticks.last = std::ceil(high / ticks.step) * ticks.step;
    const auto n = static_cast<long>(std::llround((ticks.last - ticks.first) / ticks.step));
    for (long i = 0; i <= n; ++i) {
        double v = ticks.first + static_cast<double>(i) * ticks.step;
        if (std::fabs(v) < ticks.step * 1e-9) {
            v = 0.0; // no "-1.3e-17" tick labels
        }
        ticks.values.push_back(v);
    }
    return ticks;
}

std::string renderSvgPlot(const Trace& trace, const PlotOptions& options) {
    const double width = std::max(200, options.width);
    const double height = std::max(120, options.height);
    constexpr double kLeft = 72.0;
    constexpr double kRight = 16.0;
    constexpr double kTop = 12.0;
    constexpr double kBottom = 42.0;

    std::string svg;
    svg.reserve(24 * 1024);
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"" + coord(width) + "\" height=\"" +
           coord(height) + "\" viewBox=\"0 0 " + coord(width) + " " + coord(height) +
           "\" font-family=\"sans-serif\" font-size=\"11\">";
    svg += "<title>" + escapeXml(options.title.empty() ? trace.column : options.title) + "</title>";

    // Only finite samples take part; a NaN from a dropped reading must not poison the axis range.
    double tMin = std::numeric_limits<double>::infinity();
    double tMax = -tMin;
    double vMin = tMin;
    double vMax = -tMin;
    std::size_t finite = 0;
    for (std::size_t i = 0; i < trace.timeS.size() && i < trace.values.size(); ++i) {
        const double t = trace.timeS[i];
        const double v = trace.values[i];
        if (!std::isfinite(t) || !std::isfinite(v)) {
            continue;
        }
        ++finite;
        tMin = std::min(tMin, t);
        tMax = std::max(tMax, t);
        vMin = std::min(vMin, v);
        vMax = std::max(vMax, v);
    }
    if (finite == 0) {
        svg += "<rect x=\"0.5\" y=\"0.5\" width=\"" + coord(width - 1) + "\" height=\"" + coord(height - 1) +
               "\" fill=\"none\" stroke=\"#999\"/><text x=\"" + coord(width / 2) + "\" y=\"" + coord(height / 2) +
               "\" text-anchor=\"middle\" fill=\"#666\">no samples recorded</text></svg>";
        return svg;
    }

    // The limits belong in view: a trace that sits just inside its limits should show how close it is.
    for (const auto& limit : {options.low, options.high}) {
        if (limit && std::isfinite(*limit)) {
            vMin = std::min(vMin, *limit);
            vMax = std::max(vMax, *limit);
        }
    }
    const double vPad = (vMax - vMin) * 0.05;
    const AxisTicks yTicks = niceTicks(vMin - vPad, vMax + vPad, 6);

    const double t0 = tMin; // time axis is relative to the first sample
    const double span = tMax - tMin;
    const AxisTicks xTicks = span > 0 ? niceTicks(0.0, span, 8) : niceTicks(0.0, 1.0, 8);

    const Frame f{kLeft, kTop, width - kLeft - kRight, height - kTop - kBottom,
                  xTicks.first, xTicks.last, yTicks.first, yTicks.last};

    // Axis units, with an SI prefix chosen from the axis extent.
    const SiPrefix yPrefix =
        chooseSiPrefix(std::max(std::fabs(yTicks.first), std::fabs(yTicks.last)), trace.unit);
    const SiPrefix xPrefix = chooseSiPrefix(std::max(std::fabs(xTicks.first), std::fabs(xTicks.last)), "s");

    // Plot background and grid.
    svg += "<rect x=\"" + coord(f.left) + "\" y=\"" + coord(f.top) + "\" width=\"" + coord(f.width) + "\" height=\"" +
           coord(f.height) + "\" fill=\"#fff\" stroke=\"#888\"/>";

    if (options.windowStartS || options.windowEndS) {
        const double a = std::clamp(options.windowStartS.value_or(tMin) - t0, f.xMin, f.xMax);
        const double b = std::clamp(options.windowEndS.value_or(tMax) - t0, f.xMin, f.xMax);
        svg += "<rect class=\"window\" x=\"" + coord(f.x(std::min(a, b))) + "\" y=\"" + coord(f.top) +
               "\" width=\"" + coord(std::fabs(f.x(b) - f.x(a))) + "\" height=\"" + coord(f.height) +
               "\" fill=\"#3b82f6\" fill-opacity=\"0.12\"><title>measurement window</title></rect>";
    }

    svg += "<g class=\"grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">";
    for (const double v : yTicks.values) {
        svg += "<line x1=\"" + coord(f.left) + "\" x2=\"" + coord(f.left + f.width) + "\" y1=\"" + coord(f.y(v)) +
               "\" y2=\"" + coord(f.y(v)) + "\"/>";
    }
    for (const double t : xTicks.values) {
        svg += "<line y1=\"" + coord(f.top) + "\" y2=\"" + coord(f.top + f.height) + "\" x1=\"" + coord(f.x(t)) +
               "\" x2=\"" + coord(f.x(t)) + "\"/>";
    }
    svg += "</g>";

    svg += "<g class=\"ticks\" fill=\"#333\">";
    for (const double v : yTicks.values) {
        svg += "<text x=\"" + coord(f.left - 6) + "\" y=\"" + coord(f.y(v) + 4) + "\" text-anchor=\"end\">" +
               escapeXml(formatNumber(v / yPrefix.scale, 6)) + "</text>";
    }
    for (const double t : xTicks.values) {
        svg += "<text x=\"" + coord(f.x(t)) + "\" y=\"" + coord(f.top + f.height + 15) +
               "\" text-anchor=\"middle\">" + escapeXml(formatNumber(t / xPrefix.scale, 6)) + "</text>";
    }
    svg += "</g>";

    const std::string yLabel = trace.signal.empty() ? trace.column : trace.signal;
    const std::string yUnit = trace.unit.empty() ? std::string() : " [" + std::string(yPrefix.symbol) + trace.unit + "]";
    svg += "<text class=\"axis-label\" transform=\"translate(14," + coord(f.top + f.height / 2) +
           ") rotate(-90)\" text-anchor=\"middle\">" + escapeXml(yLabel + yUnit) + "</text>";
    svg += "<text class=\"axis-label\" x=\"" + coord(f.left + f.width / 2) + "\" y=\"" + coord(height - 6) +
           "\" text-anchor=\"middle\">" +
           escapeXml("time [" + std::string(xPrefix.symbol) + "s] from t = " + formatQuantity(t0, "s") +
                     " (bench clock)") +
           "</text>";

    // The signal: every point when it fits, otherwise one min/max pair per pixel column.
    const auto columns = static_cast<std::size_t>(std::max(1.0, std::floor(f.width)));
    const bool envelope = options.allowEnvelope && finite > 2 * columns;
    if (envelope) {
        std::vector<double> colMin(columns, std::numeric_limits<double>::infinity());
        std::vector<double> colMax(columns, -std::numeric_limits<double>::infinity());
        for (std::size_t i = 0; i < trace.timeS.size() && i < trace.values.size(); ++i) {
            const double t = trace.timeS[i];
            const double v = trace.values[i];
            if (!std::isfinite(t) || !std::isfinite(v)) {
                continue;
            }
            const double px = (t - t0 - f.xMin) / (f.xMax - f.xMin) * static_cast<double>(columns);
            const auto c = std::min(columns - 1, static_cast<std::size_t>(std::max(0.0, px)));
            colMin[c] = std::min(colMin[c], v);
            colMax[c] = std::max(colMax[c], v);
        }
        std::vector<std::size_t> used;
        for (std::size_t c = 0; c < columns; ++c) {
            if (colMin[c] <= colMax[c]) {
                used.push_back(c);
            }
        }
        std::string points;
        for (const std::size_t c : used) {
            appendCoord(points, f.left + static_cast<double>(c) + 0.5);
            points += ',';
            appendCoord(points, f.y(colMax[c]));
            points += ' ';
        }
        for (auto it = used.rbegin(); it != used.rend(); ++it) {
            appendCoord(points, f.left + static_cast<double>(*it) + 0.5);
            points += ',';
            appendCoord(points, f.y(colMin[*it]));
            points += ' ';
        }
        if (!points.empty()) {
            points.pop_back();
        }
        // Stroke as well as fill: where min == max the band has zero height and would vanish.
        svg += "<polygon class=\"envelope\" points=\"" + points +
               "\" fill=\"#1d4ed8\" fill-opacity=\"0.5\" stroke=\"#1d4ed8\" stroke-width=\"1\" "
               "stroke-linejoin=\"round\"/>";
    } else {
        std::string points;
        for (std::size_t i = 0; i < trace.timeS.size() && i < trace.values.size(); ++i) {
            const double t = trace.timeS[i];
            const double v = trace.values[i];
            if (!std::isfinite(t) || !std::isfinite(v)) {
                continue;
            }
            appendCoord(points, f.x(t - t0));
            points += ',';
            appendCoord(points, f.y(v));
            points += ' ';
        }
        points.pop_back();
        svg += "<polyline class=\"trace\" points=\"" + points +
               "\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>";
    }

    // Labels sit above the high line, below the low line and at the left for nominal, so that
    // tight limits (10 A +- 0.3 A) do not print on top of each other.
    enum class LabelAt { Above, Below, Left };
    const auto limitLine = [&](const std::optional<double>& value, const char* cls, const char* label,
                               const char* colour, const char* dash, LabelAt at) {
        if (!value || !std::isfinite(*value) || *value < f.yMin || *value > f.yMax) {
            return;
        }
        const double yLine = f.y(*value);
        const std::string y = coord(yLine);
        svg += std::string("<line class=\"") + cls + "\" x1=\"" + coord(f.left) + "\" x2=\"" + coord(f.left + f.width) +
               "\" y1=\"" + y + "\" y2=\"" + y + "\" stroke=\"" + colour + "\" stroke-width=\"1.2\" stroke-dasharray=\"" +
               dash + "\"/>";
        const bool left = at == LabelAt::Left;
        const double yText = at == LabelAt::Below ? yLine + 12 : yLine - 3;
        svg += "<text x=\"" + coord(left ? f.left + 4 : f.left + f.width - 4) + "\" y=\"" + coord(yText) +
               "\" text-anchor=\"" + (left ? "start" : "end") + "\" fill=\"" + colour + "\">" +
               escapeXml(std::string(label) + " " + formatQuantity(*value, trace.unit)) + "</text>";
    };
    limitLine(options.nominal, "nominal", "nominal", "#6b7280", "2 3", LabelAt::Left);
    limitLine(options.low, "limit limit-low", "low", "#dc2626", "6 4", LabelAt::Below);
    limitLine(options.high, "limit limit-high", "high", "#dc2626", "6 4", LabelAt::Above);

    svg += "</svg>";
    return svg;
}

} // namespace v2gbench::reports
