#include "v2gbench/gui/plot_widget.hpp"

#include <QMouseEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace v2gbench::gui {

namespace {
constexpr double kLeft = 64, kRight = 12, kTop = 6, kBottom = 24, kLaneGap = 8;

// A "nice" tick step (1, 2, 5 × 10^n) giving about `count` ticks over `span`.
double niceStep(double span, int count) {
    const double raw = span / std::max(count, 1);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10 * mag;
}

QString label(double v) {
    const double a = std::fabs(v);
    if (a != 0 && (a >= 1e5 || a < 1e-3)) return QString::number(v, 'g', 3);
    return QString::number(v, 'g', 5);
}
} // namespace

PlotWidget::PlotWidget(QWidget* parent) : QWidget(parent) {
    setObjectName("plot");
    setMinimumSize(300, 150);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PlotWidget::setLanes(std::vector<Lane> lanes) {
    m_lanes = std::move(lanes);
    if (m_follow) fitToData();
    update();
}

void PlotWidget::setTimeRange(double t0, double t1) {
    if (t1 <= t0) return;
    m_t0 = t0;
    m_t1 = t1;
    m_follow = false;
    update();
}

void PlotWidget::follow() {
    m_follow = true;
    fitToData();
    update();
}

void PlotWidget::fitToData() {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& lane : m_lanes)
        if (lane.series && !lane.series->empty()) {
            lo = std::min(lo, lane.series->firstTime());
            hi = std::max(hi, lane.series->lastTime());
        }
    if (!std::isfinite(lo)) return;
    if (hi - lo < 1e-6) hi = lo + 1.0;
    m_t0 = lo;
    m_t1 = hi;
}

QRectF PlotWidget::plotArea() const {
    return QRectF(kLeft, kTop, std::max(10.0, width() - kLeft - kRight), std::max(10.0, height() - kTop - kBottom));
}

void PlotWidget::paintEvent(QPaintEvent*) {
    if (m_follow) fitToData();
    QPainter p(this);
    p.fillRect(rect(), QColor("#fbfbfb"));
    const QRectF area = plotArea();
    p.setPen(QColor("#555"));
    if (m_lanes.empty()) {
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                   "No signal selected: tick signals in the list (recorded traces of a run, or live readings of the "
                   "open bench)");
        return;
    }
    const int n = static_cast<int>(m_lanes.size());
    const double laneH = (area.height() - kLaneGap * (n - 1)) / n;
    const double span = m_t1 - m_t0;
    const int columns = std::max(1, static_cast<int>(area.width()));
    auto xOf = [&](double t) { return area.left() + (t - m_t0) / span * area.width(); };

    // Time grid, shared by every lane.
    const double tStep = niceStep(span, std::max(2, static_cast<int>(area.width() / 90)));
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1));
    p.setFont(small);
    const QFontMetricsF smallMetrics(small);

    for (int li = 0; li < n; ++li) {
        const Lane& lane = m_lanes[static_cast<std::size_t>(li)];
        const QRectF box(area.left(), area.top() + li * (laneH + kLaneGap), area.width(), laneH);
        p.fillRect(box, Qt::white);

        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        if (lane.series) {
            lane.series->columns(m_t0, m_t1, columns, m_mins, m_maxs);
            for (int c = 0; c < columns; ++c)
                if (m_mins[c] <= m_maxs[c]) {
                    lo = std::min(lo, m_mins[c]);
                    hi = std::max(hi, m_maxs[c]);
                }
        }
        for (const auto& l : lane.limits) {
            if (l.low) lo = std::min(lo, static_cast<float>(*l.low)), hi = std::max(hi, static_cast<float>(*l.low));
            if (l.high) lo = std::min(lo, static_cast<float>(*l.high)), hi = std::max(hi, static_cast<float>(*l.high));
        }
        if (!std::isfinite(lo)) lo = 0, hi = 1;
        if (hi - lo < 1e-9f * std::max(1.0f, std::fabs(hi))) lo -= 0.5f, hi += 0.5f;
        const double pad = (hi - lo) * 0.08;
        const double y0 = lo - pad, y1 = hi + pad;
        auto yOf = [&](double v) { return box.bottom() - (v - y0) / (y1 - y0) * box.height(); };

        // Measurement windows (shaded) and limit bands (dashed), behind the trace.
        for (const auto& w : lane.windows) {
            const double a = std::max(box.left(), xOf(w.t0)), b = std::min(box.right(), xOf(w.t1));
            if (b > a) p.fillRect(QRectF(a, box.top(), std::max(1.0, b - a), box.height()), QColor(60, 120, 220, 38));
        }
        p.setPen(QPen(QColor("#e4e4e4"), 1));
        for (double t = std::ceil(m_t0 / tStep) * tStep; t <= m_t1; t += tStep) p.drawLine(QPointF(xOf(t), box.top()), QPointF(xOf(t), box.bottom()));
        const double yStep = niceStep(y1 - y0, std::max(1, static_cast<int>(box.height() / 40)));
        // Value labels at least a text line apart (many lanes in a short plot: fewer labels).
        double lastLabelY = std::numeric_limits<double>::infinity();
        for (double v = std::ceil(y0 / yStep) * yStep; v <= y1; v += yStep) {
            p.setPen(QPen(QColor("#e4e4e4"), 1));
            p.drawLine(QPointF(box.left(), yOf(v)), QPointF(box.right(), yOf(v)));
            if (lastLabelY - yOf(v) < smallMetrics.height() || yOf(v) < box.top() + 2) continue;
            lastLabelY = yOf(v);
            p.setPen(QColor("#555"));
            p.drawText(QRectF(0, yOf(v) - 8, kLeft - 4, 16), Qt::AlignRight | Qt::AlignVCenter, label(v));
        }
        p.setPen(QPen(QColor("#d03030"), 1, Qt::DashLine));
        for (const auto& l : lane.limits) {
            const double a = l.t1 > l.t0 ? std::max(box.left(), xOf(l.t0)) : box.left();
            const double b = l.t1 > l.t0 ? std::min(box.right(), xOf(l.t1)) : box.right();
            if (b <= a) continue;
            if (l.low) p.drawLine(QPointF(a, yOf(*l.low)), QPointF(b, yOf(*l.low)));
            if (l.high) p.drawLine(QPointF(a, yOf(*l.high)), QPointF(b, yOf(*l.high)));
        }

        // The trace: raw samples when zoomed in, else one min-max bar per pixel column joined to
        // its neighbours.
        p.save();
        p.setClipRect(box);
        // A 1 px cosmetic pen: the raster engine's fast line path (a wider pen is stroked as
        // polygons, several times slower on a dense min/max trace).
        p.setPen(QPen(lane.color, 0));
        if (lane.series && !lane.series->empty()) {
            const auto [first, last] = lane.series->range(m_t0, m_t1);
            // A recording gap (separate check traces) is not joined by a line: it would show values
            // nobody measured.
            if (last - first <= static_cast<std::size_t>(columns) * 2) {
                QPolygonF line;
                line.reserve(static_cast<int>(last - first));
                p.setRenderHint(QPainter::Antialiasing, true);
                double prevDt = 0;
                for (std::size_t i = first; i < last; ++i) {
                    const double dt = i > first ? lane.series->time(i) - lane.series->time(i - 1) : 0;
                    if (i > first + 1 && prevDt > 0 && dt > 20 * prevDt) {
                        p.drawPolyline(line);
                        line.clear();
                    } else {
                        prevDt = dt;
                    }
                    line << QPointF(xOf(lane.series->time(i)), yOf(lane.series->value(i)));
                }
                p.drawPolyline(line);
                p.setRenderHint(QPainter::Antialiasing, false);
            } else {
                QPolygonF line;
                line.reserve(columns * 2);
                int emptyRun = 0;
                for (int c = 0; c < columns; ++c) {
                    if (m_mins[c] > m_maxs[c]) {
                        // More than a few empty columns in a row: a gap in the recording.
                        if (++emptyRun == 4 && !line.isEmpty()) {
                            p.drawPolyline(line);
                            line.clear();
                        }
                        continue;
                    }
                    emptyRun = 0;
                    const double x = area.left() + c + 0.5;
                    line << QPointF(x, yOf(m_mins[c])) << QPointF(x, yOf(m_maxs[c]));
                }
                p.drawPolyline(line);
            }
        }
        p.restore();

        p.setPen(QColor("#999"));
        p.setBrush(Qt::NoBrush);
        p.drawRect(box);
        if (lane.series) {
            QString title = QString::fromStdString(lane.series->name());
            if (!lane.series->unit().empty()) title += " [" + QString::fromStdString(lane.series->unit()) + "]";
            if (!lane.series->empty())
                title += QString("  last %1  ·  %2 samples").arg(label(lane.series->value(lane.series->size() - 1))).arg(lane.series->size());
            QFont bold = small;
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(lane.color.darker(130));
            p.drawText(box.adjusted(6, 2, -6, -2), Qt::AlignTop | Qt::AlignLeft, title);
            p.setFont(small);
            // Window labels along the bottom, left to right, each within its window's width up
            // to the next label (elided), none over another; none in a lane too short for them
            // and the title.
            if (box.height() >= 3 * smallMetrics.height()) {
                std::vector<const PlotWindow*> sorted;
                for (const auto& w : lane.windows)
                    if (!w.label.isEmpty()) sorted.push_back(&w);
                std::sort(sorted.begin(), sorted.end(), [](const PlotWindow* x, const PlotWindow* y) { return x->t0 < y->t0; });
                double freeFrom = box.left();
                for (std::size_t i = 0; i < sorted.size(); ++i) {
                    const double a = std::max(xOf(sorted[i]->t0), box.left()) + 2;
                    if (a < freeFrom || a >= box.right()) continue;
                    double room = box.right() - a - 2;
                    for (std::size_t j = i + 1; j < sorted.size(); ++j)
                        if (xOf(sorted[j]->t0) + 2 > a) {
                            room = std::min(room, xOf(sorted[j]->t0) - a - 4);
                            break;
                        }
                    room = std::max(room, xOf(sorted[i]->t1) - a); // its own window is always its room
                    room = std::min(room, box.right() - a - 2);
                    const QString text = smallMetrics.elidedText(sorted[i]->label, Qt::ElideRight, room);
                    if (text.isEmpty() || text == QStringLiteral("…") || smallMetrics.horizontalAdvance(text) < 3 * smallMetrics.averageCharWidth()) continue;
                    p.setPen(QColor(40, 80, 160));
                    p.drawText(QPointF(a, box.bottom() - 3), text);
                    freeFrom = a + smallMetrics.horizontalAdvance(text) + 6;
                }
            }
        }
    }
    // Time axis labels under the last lane.
    p.setPen(QColor("#555"));
    for (double t = std::ceil(m_t0 / tStep) * tStep; t <= m_t1; t += tStep)
        p.drawText(QRectF(xOf(t) - 40, area.bottom() + 2, 80, kBottom - 4), Qt::AlignHCenter | Qt::AlignTop,
                   label(t) + " s");
    if (!m_follow) p.drawText(QRectF(area.right() - 200, area.bottom() + 2, 200, kBottom - 4), Qt::AlignRight,
                              "zoomed · double-click to follow");
}

void PlotWidget::wheelEvent(QWheelEvent* event) {
    const QRectF area = plotArea();
    const double frac = std::clamp((event->position().x() - area.left()) / area.width(), 0.0, 1.0);
    const double at = m_t0 + frac * (m_t1 - m_t0);
    const double factor = event->angleDelta().y() > 0 ? 1 / 1.25 : 1.25;
    const double span = std::max(1e-6, (m_t1 - m_t0) * factor);
    setTimeRange(at - frac * span, at + (1 - frac) * span);
    event->accept();
}

void PlotWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    m_dragFrom = event->position();
    m_dragT0 = m_t0;
    m_dragT1 = m_t1;
}

void PlotWidget::mouseMoveEvent(QMouseEvent* event) {
    if (!m_dragFrom) return;
    const double dt = (event->position().x() - m_dragFrom->x()) / plotArea().width() * (m_dragT1 - m_dragT0);
    setTimeRange(m_dragT0 - dt, m_dragT1 - dt);
}

void PlotWidget::mouseReleaseEvent(QMouseEvent*) { m_dragFrom.reset(); }

void PlotWidget::mouseDoubleClickEvent(QMouseEvent*) { follow(); }

} // namespace v2gbench::gui
