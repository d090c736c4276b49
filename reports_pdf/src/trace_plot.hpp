#pragma once
// A recorded trace drawn with cairo into a box of the page: relative time axis, value axis with
// its unit, dashed limit lines, the measurement window shaded. Long traces are drawn as a min/max
// envelope per point column, so a 10^5-sample trace costs what a 10^3-sample one does. Internal.

#include "page_flow.hpp"

#include "v2gbench/reports/svg_plot.hpp"
#include "v2gbench/reports/trace_csv.hpp"

#include <string>

namespace v2gbench::reports_pdf {

void drawTracePlot(const PageFlow& flow, const Box& box, const reports::Trace& trace,
                   const reports::PlotOptions& options, const std::string& timeAxisLabel);

// The box with a message in place of the plot (no trace, a trace that could not be read).
void drawPlotMessage(const PageFlow& flow, const Box& box, const std::string& message);

} // namespace v2gbench::reports_pdf
