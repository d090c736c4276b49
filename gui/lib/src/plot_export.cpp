#include "v2gbench/gui/plot_export.hpp"

#include "v2gbench/gui/plot_widget.hpp"

#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <stdexcept>

namespace v2gbench::gui {

namespace {
[[noreturn]] void fail(const QString& path, const QString& why) {
    throw std::runtime_error(("cannot write " + path + ": " + why).toStdString());
}

void commit(QSaveFile& file, const QString& path) {
    if (!file.commit()) fail(path, file.errorString());
}
} // namespace

void exportPlotPng(PlotWidget& plot, const QString& path) {
    QImage image(plot.size() * plot.devicePixelRatioF(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(plot.devicePixelRatioF());
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        plot.render(&painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) fail(path, file.errorString());
    if (!image.save(&file, "PNG")) fail(path, "PNG encoding failed");
    commit(file, path);
}

void exportPlotSvg(PlotWidget& plot, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) fail(path, file.errorString());
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(plot.size());
    svg.setViewBox(QRect(QPoint(0, 0), plot.size()));
    svg.setTitle("v2gbench plot");
    const auto [t0, t1] = plot.timeRange();
    svg.setDescription(QString("visible range %1 s to %2 s").arg(t0, 0, 'g', 12).arg(t1, 0, 'g', 12));
    {
        QPainter painter(&svg);
        plot.render(&painter);
    }
    commit(file, path);
}

void exportPlotCsv(const PlotWidget& plot, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) fail(path, file.errorString());
    const auto [t0, t1] = plot.timeRange();
    // Long format: lanes have their own time bases (a check trace, a live poll), so one row per
    // sample keeps every sample at its own time instead of resampling onto a shared grid.
    QByteArray out = "# v2gbench plot export: samples with " + QByteArray::number(t0, 'g', 12) +
                     " s <= time_s <= " + QByteArray::number(t1, 'g', 12) + " s, as recorded\n";
    out += "signal,unit,time_s,value\n";
    auto& lanes = const_cast<PlotWidget&>(plot).lanes();
    for (const auto& lane : lanes) {
        if (!lane.series) continue;
        const QByteArray name = QByteArray::fromStdString(lane.series->name());
        const QByteArray unit = QByteArray::fromStdString(lane.series->unit());
        const auto [first, last] = lane.series->range(t0, t1);
        for (std::size_t i = first; i < last; ++i) {
            const double t = lane.series->time(i);
            if (t < t0 || t > t1) continue; // range() widens by a sample each side for drawing
            out += name + "," + unit + "," + QByteArray::number(t, 'g', 12) + "," +
                   QByteArray::number(static_cast<double>(lane.series->value(i)), 'g', 9) + "\n";
        }
    }
    if (file.write(out) != out.size()) fail(path, file.errorString());
    commit(file, path);
}

} // namespace v2gbench::gui
