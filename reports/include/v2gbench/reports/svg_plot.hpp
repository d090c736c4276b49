#pragma once
// Inline SVG plot of one recorded trace: relative time axis, value axis with unit, dashed limit
// lines, shaded measurement window. Long traces are drawn as a min/max envelope per pixel column, so
// a 10^5-sample trace costs about as many bytes as a 10^3-sample one.

#include "v2gbench/reports/trace_csv.hpp"

#include <optional>
#include <string>
#include <vector>

namespace v2gbench::reports {

struct PlotOptions {
    std::string title;         // becomes the SVG <title> (tooltip, screen readers)
    int width = 720;           // px
    int height = 260;          // px
    std::optional<double> low;  // limit lines, in the trace's unit
    std::optional<double> high;
    std::optional<double> nominal;
    std::optional<double> windowStartS; // measurement window, bench time (same clock as time_s)
    std::optional<double> windowEndS;
    // Above this many samples per pixel column budget (samples > 2 * plot width) the envelope is used.
    bool allowEnvelope = true;
};

// "Nice" axis ticks (1, 2, 5 x 10^n steps) covering [low, high] with about `targetCount` ticks.
struct AxisTicks {
    double first = 0.0; // axis start (<= low), a multiple of step
    double last = 1.0;  // axis end (>= high)
    double step = 1.0;
    std::vector<double> values;
};
AxisTicks niceTicks(double low, double high, int targetCount = 6);

std::string renderSvgPlot(const Trace& trace, const PlotOptions& options);

} // namespace v2gbench::reports
