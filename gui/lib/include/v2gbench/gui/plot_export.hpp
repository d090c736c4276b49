#pragma once
// Exports what a plot shows: PNG and SVG draw the widget as it is (its lanes, visible time range,
// value zoom, limits, windows and cursors); CSV writes every sample of every lane inside the
// visible time range, as recorded (no resampling). Each throws std::runtime_error naming the
// file when it cannot be written; nothing is left half-written under the name (written aside,
// then renamed).
#include <QString>

namespace v2gbench::gui {

class PlotWidget;

void exportPlotPng(PlotWidget& plot, const QString& path);
void exportPlotSvg(PlotWidget& plot, const QString& path);
void exportPlotCsv(const PlotWidget& plot, const QString& path);

} // namespace v2gbench::gui
