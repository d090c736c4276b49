#pragma once
// Several signals in stacked lanes on one shared time axis, drawn with QPainter from each
// series' min/max pyramid (so 10 M samples redraw in milliseconds). Wheel zooms time around the
// mouse, Ctrl+wheel zooms the lane's values around the mouse, drag pans, double-click returns to
// "follow" (fit all data as it grows) with every lane auto-scaled to what is visible. Two time
// cursors (A, B; right-click menu) give Δt and each lane's Δy; hovering shows each lane's value.
// Each lane can show limit bands and measurement windows (the running check's).
//
// Readouts are sample-and-hold: the value at t is the last sample at or before t, never an
// interpolation between samples nobody measured.
#include "v2gbench/gui/signal_series.hpp"

#include <QWidget>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace v2gbench::gui {

struct PlotLimits {
    std::optional<double> low, high;
    double t0 = 0, t1 = 0; // where they apply (a check's window); t1 <= t0: the whole time axis
};

struct PlotWindow {
    double t0 = 0, t1 = 0;
    QString label;
};

class PlotWidget : public QWidget {
    Q_OBJECT
public:
    explicit PlotWidget(QWidget* parent = nullptr);

    struct Lane {
        const SignalSeries* series = nullptr;
        QColor color;
        std::vector<PlotLimits> limits;
        std::vector<PlotWindow> windows;
    };
    void setLanes(std::vector<Lane> lanes);
    std::vector<Lane>& lanes() { return m_lanes; }

    // Visible time range; setting it stops following.
    void setTimeRange(double t0, double t1);
    std::pair<double, double> timeRange() const { return {m_t0, m_t1}; }
    void follow();
    bool following() const { return m_follow; }

    // Values. A lane scales to its visible samples and limits, unless zoomed: then it keeps the
    // value range it was given until auto-scaled. Lanes are known by their series' name, so a zoom
    // survives ticking another signal.
    void zoomValues(int lane, double around, double factor);
    void setValueRange(int lane, double lo, double hi);
    void autoScaleValues();
    bool valueZoomed(int lane) const;
    std::pair<double, double> valueRange(int lane) const; // the range the lane is drawn with

    // Time cursors: which 0 = A, 1 = B.
    void setCursor(int which, double t);
    void clearCursors();
    std::optional<double> cursor(int which) const { return m_cursors[which & 1]; }
    // "A 12 s · B 14.5 s · Δt 2.5 s", then one line per lane: "name: A 10.02 · B 9.98 · Δ -0.04 A".
    QString cursorReadout() const;
    // Each lane's value at the hovered time ("name @ 12.3 s: 10.02 A"); empty when not hovering.
    void setHoverTime(std::optional<double> t);
    QString hoverReadout() const;

    // A new run: follow the data, auto-scale every lane, no cursors.
    void resetView();

    QSize sizeHint() const override { return {800, 400}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void fitToData();
    QRectF plotArea() const;
    QRectF laneBox(int lane) const;
    int laneAt(double y) const;
    double timeAt(double x) const;
    std::optional<double> valueAt(int lane, double t) const;
    QString valueText(int lane, double v) const;
    void exportVisible(const QString& format);

    std::vector<Lane> m_lanes;
    double m_t0 = 0, m_t1 = 1;
    bool m_follow = true;
    std::optional<QPointF> m_dragFrom;
    double m_dragT0 = 0, m_dragT1 = 1;
    std::map<std::string, std::pair<double, double>> m_valueZoom; // series name → value range
    std::optional<double> m_cursors[2];
    std::optional<double> m_hover;
    mutable std::vector<float> m_mins, m_maxs; // scratch, reused between paints
};

} // namespace v2gbench::gui
