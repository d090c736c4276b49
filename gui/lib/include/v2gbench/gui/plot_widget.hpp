#pragma once
// Several signals in stacked lanes on one shared time axis, drawn with QPainter from each
// series' min/max pyramid (so 10 M samples redraw in milliseconds). Wheel zooms time around the
// cursor, drag pans, double-click returns to "follow" (fit all data as it grows). Each lane can
// show limit bands and measurement windows (the running check's).
#include "v2gbench/gui/signal_series.hpp"

#include <QWidget>

#include <optional>
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

    QSize sizeHint() const override { return {800, 400}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    void fitToData();
    QRectF plotArea() const;

    std::vector<Lane> m_lanes;
    double m_t0 = 0, m_t1 = 1;
    bool m_follow = true;
    std::optional<QPointF> m_dragFrom;
    double m_dragT0 = 0, m_dragT1 = 1;
    std::vector<float> m_mins, m_maxs; // scratch, reused between paints
};

} // namespace v2gbench::gui
