// The plot's tools a lab engineer expects (issue 16): vertical zoom and auto-scale, two cursors
// with Δt / Δy readout, the hover readout, the reset per run, and export of the visible range.
#include "gui_fixture.hpp"
#include "v2gbench/gui/plot_export.hpp"
#include "v2gbench/gui/plot_panel.hpp"
#include "v2gbench/gui/plot_widget.hpp"
#include "v2gbench/gui/signal_series.hpp"

#include <boost/test/unit_test.hpp>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QWheelEvent>

using namespace v2gbench;

namespace {
// A charger's output current: a 0 → 250 A ramp over 0–5 s, then 10 A held from 5 s to 10 s,
// sampled every 100 ms (the shape of "a 10 A ± 0.3 A window on a 0–250 A axis").
std::unique_ptr<gui::SignalSeries> rampThenHold() {
    auto s = std::make_unique<gui::SignalSeries>("analyzer.dc_current", "A");
    for (int i = 0; i <= 100; ++i) {
        const double t = i / 10.0;
        s->append(t, t < 5.0 ? 50.0 * t : 10.0);
    }
    return s;
}

struct PlotFixture {
    PlotFixture() : series(rampThenHold()) {
        plot.resize(900, 400);
        plot.setLanes({gui::PlotWidget::Lane{series.get(), QColor("#1f77b4"), {}, {}}});
        plot.show();
        QApplication::processEvents();
    }
    std::unique_ptr<gui::SignalSeries> series;
    gui::PlotWidget plot;
};

} // namespace

BOOST_AUTO_TEST_SUITE(plot_tools)

BOOST_FIXTURE_TEST_CASE(vertical_zoom_and_auto_scale, PlotFixture) {
    const auto [lo, hi] = plot.valueRange(0);
    BOOST_TEST(lo < 0.0);
    BOOST_TEST(hi > 250.0); // the whole ramp is visible: auto-scale takes it in
    // Looking at the 10 A hold: the time zoom alone does not help while the ramp's end is visible.
    plot.zoomValues(0, 10.0, 0.01);
    BOOST_TEST(plot.valueZoomed(0));
    const auto [zlo, zhi] = plot.valueRange(0);
    BOOST_TEST(zlo < 10.0);
    BOOST_TEST(zhi > 10.0);
    BOOST_TEST(zhi - zlo < 3.0);
    // The zoom is kept while time moves.
    plot.setTimeRange(4.0, 8.0);
    BOOST_TEST(plot.valueRange(0).second - plot.valueRange(0).first < 3.0);
    // Auto-scale: back to the visible samples (4–8 s: 200 A → 250 A, then 10 A).
    plot.autoScaleValues();
    BOOST_TEST(!plot.valueZoomed(0));
    BOOST_TEST(plot.valueRange(0).second > 245.0);
    BOOST_TEST(plot.valueRange(0).first < 10.0);
    // Only the hold visible: auto-scale fits it, not 0–250 A.
    plot.setTimeRange(6.0, 9.0);
    BOOST_TEST(plot.valueRange(0).second - plot.valueRange(0).first < 2.0);
}

BOOST_FIXTURE_TEST_CASE(ctrl_wheel_zooms_values_plain_wheel_zooms_time, PlotFixture) {
    const auto before = plot.timeRange();
    const QPointF at(450, 200);
    QWheelEvent ctrl(at, plot.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                     Qt::NoScrollPhase, false);
    QApplication::sendEvent(&plot, &ctrl);
    BOOST_TEST(plot.valueZoomed(0));
    BOOST_TEST((plot.timeRange() == before)); // time untouched
    BOOST_TEST(plot.following());
    QWheelEvent plain(at, plot.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&plot, &plain);
    BOOST_TEST(!plot.following());
    BOOST_TEST(plot.timeRange().second - plot.timeRange().first < before.second - before.first);
    // Double-click: follow the data again, every lane auto-scaled.
    QMouseEvent dbl(QEvent::MouseButtonDblClick, at, plot.mapToGlobal(at), Qt::LeftButton, Qt::LeftButton,
                    Qt::NoModifier);
    QApplication::sendEvent(&plot, &dbl);
    BOOST_TEST(plot.following());
    BOOST_TEST(!plot.valueZoomed(0));
}

BOOST_FIXTURE_TEST_CASE(two_cursors_give_delta_t_and_delta_y, PlotFixture) {
    BOOST_TEST(plot.cursorReadout().isEmpty());
    plot.setCursor(0, 2.0);
    plot.setCursor(1, 4.5);
    const QStringList lines = plot.cursorReadout().split('\n');
    BOOST_REQUIRE(lines.size() == 2);
    BOOST_TEST(lines[0].toStdString() == "A 2 s · B 4.5 s · Δt 2.5 s");
    // 50 A/s: 100 A at A, 225 A at B.
    BOOST_TEST(lines[1].toStdString() == "analyzer.dc_current: A 100 A · B 225 A · Δ 125 A");
    // Sample-and-hold: between samples the readout is the last sample, not an interpolation.
    plot.setCursor(0, 2.05);
    BOOST_TEST(plot.cursorReadout().split('\n')[1].startsWith("analyzer.dc_current: A 100 A"));
    // Before the first sample there is no value.
    plot.setCursor(0, -1.0);
    BOOST_TEST(plot.cursorReadout().split('\n')[1].startsWith("analyzer.dc_current: A — · B 225 A"));
    plot.clearCursors();
    BOOST_TEST(plot.cursorReadout().isEmpty());
}

BOOST_FIXTURE_TEST_CASE(hover_shows_each_lanes_value, PlotFixture) {
    BOOST_TEST(plot.hoverReadout().isEmpty());
    plot.setTimeRange(0.0, 10.0);
    // The plot area starts 64 px from the left: hover at its middle (5 s on a 0–10 s axis).
    const double x = 64 + (plot.width() - 64 - 12) / 2.0;
    QMouseEvent move(QEvent::MouseMove, QPointF(x, 100), plot.mapToGlobal(QPointF(x, 100)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&plot, &move);
    const QString text = plot.hoverReadout();
    BOOST_TEST(text.startsWith("analyzer.dc_current @ "), text.toStdString());
    BOOST_TEST(text.endsWith(" A"), text.toStdString());
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(&plot, &leave);
    BOOST_TEST(plot.hoverReadout().isEmpty());
}

BOOST_FIXTURE_TEST_CASE(export_of_the_visible_range, PlotFixture) {
    QTemporaryDir dir;
    BOOST_REQUIRE(dir.isValid());
    plot.setTimeRange(2.0, 4.0);
    plot.setCursor(0, 2.5);
    plot.setCursor(1, 3.5);

    const QString csv = dir.filePath("plot.csv");
    gui::exportPlotCsv(plot, csv);
    QFile f(csv);
    BOOST_REQUIRE(f.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    BOOST_REQUIRE(lines.size() >= 3);
    BOOST_TEST(lines[0].startsWith("# v2gbench plot export"));
    BOOST_TEST(lines[1].toStdString() == "signal,unit,time_s,value");
    // Samples at 2.0, 2.1, …, 4.0 s (the floating-point grid may put the ends a hair outside).
    int rows = 0;
    for (int i = 2; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(',');
        BOOST_REQUIRE(cells.size() == 4);
        BOOST_TEST(cells[0].toStdString() == "analyzer.dc_current");
        BOOST_TEST(cells[1].toStdString() == "A");
        const double t = cells[2].toDouble();
        BOOST_TEST((t >= 2.0 && t <= 4.0));
        BOOST_TEST(cells[3].toDouble() == 50.0 * t, boost::test_tools::tolerance(1e-4));
        ++rows;
    }
    BOOST_TEST(rows >= 19);
    BOOST_TEST(rows <= 21);

    const QString png = dir.filePath("plot.png");
    gui::exportPlotPng(plot, png);
    QImage image(png);
    BOOST_TEST(!image.isNull());
    BOOST_TEST(image.width() >= plot.width());

    const QString svg = dir.filePath("plot.svg");
    gui::exportPlotSvg(plot, svg);
    QFile s(svg);
    BOOST_REQUIRE(s.open(QIODevice::ReadOnly));
    const QByteArray text = s.readAll();
    BOOST_TEST(text.contains("<svg"));
    BOOST_TEST(text.contains("visible range 2 s to 4 s"));

    // A folder that does not exist: an error naming the file, nothing written.
    const QString bad = dir.filePath("missing/plot.csv");
    BOOST_CHECK_EXCEPTION(gui::exportPlotCsv(plot, bad), std::runtime_error, [&](const std::runtime_error& e) {
        return std::string(e.what()).find(bad.toStdString()) != std::string::npos;
    });

    // What an engineer sees: the hold zoomed, cursors A and B with the readouts.
    plot.setTimeRange(0.0, 10.0);
    plot.zoomValues(0, 10.0, 0.02);
    const QImage shot = plot.grab().toImage();
    BOOST_TEST(shot.save(test::guiOutputDir() + "/plot-cursors-zoom.png"));
}

BOOST_AUTO_TEST_CASE(a_new_run_resets_zoom_and_cursors) {
    gui::PlotPanel panel;
    panel.resize(1000, 500);
    panel.show();
    for (int i = 0; i < 50; ++i) panel.appendSample("live/analyzer.dc_current", "A", i * 0.1, 10.0 + i);
    panel.showSignal("live/analyzer.dc_current");
    gui::PlotWidget* plot = panel.plot();
    BOOST_REQUIRE(plot->lanes().size() == 1);
    plot->setTimeRange(1.0, 2.0);
    plot->zoomValues(0, 15.0, 0.1);
    plot->setCursor(0, 1.5);
    BOOST_TEST(!plot->following());
    panel.clear(); // what the main window does when a run starts
    BOOST_TEST(plot->following());
    BOOST_TEST(!plot->cursor(0).has_value());
    panel.appendSample("run/analyzer.dc_current", "A", 0.0, 1.0);
    panel.showSignal("run/analyzer.dc_current");
    BOOST_REQUIRE(plot->lanes().size() == 1);
    BOOST_TEST(!plot->valueZoomed(0));
}

BOOST_AUTO_TEST_SUITE_END()
