#include "v2gbench/gui/plot_widget.hpp"

#include "v2gbench/gui/plot_export.hpp"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMenu>
#include <QMessageBox>
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
    setMouseTracking(true); // the hover readout
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
        const QRectF box = laneBox(li);
        p.fillRect(box, Qt::white);

        const auto range = valueRange(li);
        const double y0 = range.first, y1 = range.second;
        if (lane.series) lane.series->columns(m_t0, m_t1, columns, m_mins, m_maxs);
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
            // The readout, right-aligned on the title line: the hovered value, else the cursors'.
            QString readout;
            if (m_hover) {
                if (const auto v = valueAt(li, *m_hover)) readout = valueText(li, *v);
            } else if (m_cursors[0] || m_cursors[1]) {
                QStringList parts;
                std::optional<double> a, b;
                if (m_cursors[0]) a = valueAt(li, *m_cursors[0]), parts << "A " + (a ? valueText(li, *a) : QString("—"));
                if (m_cursors[1]) b = valueAt(li, *m_cursors[1]), parts << "B " + (b ? valueText(li, *b) : QString("—"));
                if (a && b) parts << "Δ " + valueText(li, *b - *a);
                readout = parts.join(" · ");
            }
            if (!readout.isEmpty()) {
                const double w = smallMetrics.horizontalAdvance(readout) + 8;
                const QRectF r(box.right() - w - 2, box.top() + 2, w, smallMetrics.height());
                p.fillRect(r, QColor(255, 255, 255, 220));
                p.setPen(QColor("#222"));
                p.drawText(r, Qt::AlignCenter, readout);
            }
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
    // Cursors and the hover line across every lane.
    const QRectF lanesRect(area.left(), area.top(), area.width(), area.height());
    for (int c = 0; c < 2; ++c) {
        if (!m_cursors[c] || *m_cursors[c] < m_t0 || *m_cursors[c] > m_t1) continue;
        const double x = xOf(*m_cursors[c]);
        p.setPen(QPen(QColor(c == 0 ? "#0a7d32" : "#8a2be2"), 1));
        p.drawLine(QPointF(x, lanesRect.top()), QPointF(x, lanesRect.bottom()));
        p.drawText(QPointF(x + 3, lanesRect.top() + smallMetrics.ascent()), c == 0 ? "A" : "B");
    }
    if (m_hover && *m_hover >= m_t0 && *m_hover <= m_t1) {
        p.setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DotLine));
        p.drawLine(QPointF(xOf(*m_hover), lanesRect.top()), QPointF(xOf(*m_hover), lanesRect.bottom()));
    }
    // The axis strip: the view's state at the right (cursors' Δt, zoom), time labels where they
    // do not run into it.
    QStringList state;
    if (m_cursors[0] && m_cursors[1])
        state << QString("Δt %1 s").arg(label(*m_cursors[1] - *m_cursors[0]));
    bool anyValueZoom = false;
    for (int li = 0; li < n; ++li) anyValueZoom |= valueZoomed(li);
    if (!m_follow || anyValueZoom) state << "zoomed · double-click to follow";
    QRectF stateRect;
    if (!state.isEmpty()) {
        const QString text = state.join("   ");
        const double w = smallMetrics.horizontalAdvance(text) + 6;
        stateRect = QRectF(area.right() - w, area.bottom() + 2, w, kBottom - 4);
        p.setPen(QColor("#333"));
        p.drawText(stateRect, Qt::AlignRight | Qt::AlignTop, text);
    }
    p.setPen(QColor("#555"));
    for (double t = std::ceil(m_t0 / tStep) * tStep; t <= m_t1; t += tStep) {
        const QString text = label(t) + " s";
        const double w = smallMetrics.horizontalAdvance(text);
        const QRectF r(xOf(t) - w / 2 - 2, area.bottom() + 2, w + 4, kBottom - 4);
        if (!stateRect.isNull() && r.intersects(stateRect)) continue;
        p.drawText(r, Qt::AlignHCenter | Qt::AlignTop, text);
    }
}

QRectF PlotWidget::laneBox(int lane) const {
    const QRectF area = plotArea();
    const int n = std::max(1, static_cast<int>(m_lanes.size()));
    const double laneH = (area.height() - kLaneGap * (n - 1)) / n;
    return QRectF(area.left(), area.top() + lane * (laneH + kLaneGap), area.width(), laneH);
}

int PlotWidget::laneAt(double y) const {
    for (int li = 0; li < static_cast<int>(m_lanes.size()); ++li) {
        const QRectF box = laneBox(li);
        if (y >= box.top() && y <= box.bottom() + kLaneGap) return li;
    }
    return -1;
}

double PlotWidget::timeAt(double x) const {
    const QRectF area = plotArea();
    return m_t0 + (x - area.left()) / area.width() * (m_t1 - m_t0);
}

std::pair<double, double> PlotWidget::valueRange(int li) const {
    const Lane& lane = m_lanes.at(static_cast<std::size_t>(li));
    if (lane.series)
        if (const auto z = m_valueZoom.find(lane.series->name()); z != m_valueZoom.end()) return z->second;
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    if (lane.series) {
        const int columns = std::max(1, static_cast<int>(plotArea().width()));
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
    return {lo - pad, hi + pad};
}

bool PlotWidget::valueZoomed(int li) const {
    const Lane& lane = m_lanes.at(static_cast<std::size_t>(li));
    return lane.series && m_valueZoom.count(lane.series->name()) > 0;
}

void PlotWidget::setValueRange(int li, double lo, double hi) {
    const Lane& lane = m_lanes.at(static_cast<std::size_t>(li));
    if (!lane.series || !(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return;
    m_valueZoom[lane.series->name()] = {lo, hi};
    update();
}

void PlotWidget::zoomValues(int li, double around, double factor) {
    const auto [lo, hi] = valueRange(li);
    const double frac = hi > lo ? std::clamp((around - lo) / (hi - lo), 0.0, 1.0) : 0.5;
    const double span = std::max((hi - lo) * factor, 1e-9 * std::max(1.0, std::fabs(around)));
    setValueRange(li, around - frac * span, around + (1 - frac) * span);
}

void PlotWidget::autoScaleValues() {
    m_valueZoom.clear();
    update();
}

void PlotWidget::setCursor(int which, double t) {
    m_cursors[which & 1] = t;
    update();
}

void PlotWidget::clearCursors() {
    m_cursors[0].reset();
    m_cursors[1].reset();
    update();
}

void PlotWidget::setHoverTime(std::optional<double> t) {
    m_hover = t;
    update();
}

void PlotWidget::resetView() {
    m_valueZoom.clear();
    clearCursors();
    m_hover.reset();
    follow();
}

std::optional<double> PlotWidget::valueAt(int li, double t) const {
    const Lane& lane = m_lanes.at(static_cast<std::size_t>(li));
    if (!lane.series) return std::nullopt;
    const auto i = lane.series->indexAtOrBefore(t);
    if (!i) return std::nullopt;
    return lane.series->value(*i);
}

QString PlotWidget::valueText(int li, double v) const {
    const Lane& lane = m_lanes.at(static_cast<std::size_t>(li));
    QString text = label(v);
    if (lane.series && !lane.series->unit().empty()) text += " " + QString::fromStdString(lane.series->unit());
    return text;
}

QString PlotWidget::cursorReadout() const {
    if (!m_cursors[0] && !m_cursors[1]) return {};
    QStringList head;
    if (m_cursors[0]) head << QString("A %1 s").arg(label(*m_cursors[0]));
    if (m_cursors[1]) head << QString("B %1 s").arg(label(*m_cursors[1]));
    if (m_cursors[0] && m_cursors[1]) head << QString("Δt %1 s").arg(label(*m_cursors[1] - *m_cursors[0]));
    QStringList lines{head.join(" · ")};
    for (int li = 0; li < static_cast<int>(m_lanes.size()); ++li) {
        if (!m_lanes[static_cast<std::size_t>(li)].series) continue;
        QStringList parts;
        std::optional<double> a, b;
        if (m_cursors[0]) a = valueAt(li, *m_cursors[0]), parts << "A " + (a ? valueText(li, *a) : QString("—"));
        if (m_cursors[1]) b = valueAt(li, *m_cursors[1]), parts << "B " + (b ? valueText(li, *b) : QString("—"));
        if (a && b) parts << "Δ " + valueText(li, *b - *a);
        lines << QString::fromStdString(m_lanes[static_cast<std::size_t>(li)].series->name()) + ": " + parts.join(" · ");
    }
    return lines.join("\n");
}

QString PlotWidget::hoverReadout() const {
    if (!m_hover) return {};
    QStringList lines;
    for (int li = 0; li < static_cast<int>(m_lanes.size()); ++li) {
        const auto v = valueAt(li, *m_hover);
        if (!v) continue;
        lines << QString("%1 @ %2 s: %3")
                     .arg(QString::fromStdString(m_lanes[static_cast<std::size_t>(li)].series->name()), label(*m_hover),
                          valueText(li, *v));
    }
    return lines.join("\n");
}

void PlotWidget::wheelEvent(QWheelEvent* event) {
    const QRectF area = plotArea();
    if (event->modifiers() & Qt::ControlModifier) {
        const int li = laneAt(event->position().y());
        if (li >= 0) {
            const QRectF box = laneBox(li);
            const auto [lo, hi] = valueRange(li);
            const double at = lo + (box.bottom() - event->position().y()) / box.height() * (hi - lo);
            zoomValues(li, at, event->angleDelta().y() > 0 ? 1 / 1.25 : 1.25);
        }
        event->accept();
        return;
    }
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
    if (!m_dragFrom) {
        const QRectF area = plotArea();
        if (area.contains(event->position())) setHoverTime(timeAt(event->position().x()));
        else if (m_hover) setHoverTime(std::nullopt);
        return;
    }
    const double dt = (event->position().x() - m_dragFrom->x()) / plotArea().width() * (m_dragT1 - m_dragT0);
    setTimeRange(m_dragT0 - dt, m_dragT1 - dt);
}

void PlotWidget::mouseReleaseEvent(QMouseEvent*) { m_dragFrom.reset(); }

void PlotWidget::mouseDoubleClickEvent(QMouseEvent*) {
    m_valueZoom.clear();
    follow();
}

void PlotWidget::leaveEvent(QEvent*) {
    if (m_hover) setHoverTime(std::nullopt);
}

void PlotWidget::contextMenuEvent(QContextMenuEvent* event) {
    const double t = timeAt(event->pos().x());
    QMenu menu(this);
    menu.setObjectName("plot.menu");
    menu.addAction(QString("Cursor A at %1 s").arg(label(t)), this, [this, t] { setCursor(0, t); });
    menu.addAction(QString("Cursor B at %1 s").arg(label(t)), this, [this, t] { setCursor(1, t); });
    menu.addAction("Clear cursors", this, [this] { clearCursors(); })->setEnabled(m_cursors[0] || m_cursors[1]);
    if (m_cursors[0] || m_cursors[1])
        menu.addAction("Copy cursor readout", this, [this] { QGuiApplication::clipboard()->setText(cursorReadout()); });
    menu.addSeparator();
    menu.addAction("Auto-scale values", this, [this] { autoScaleValues(); });
    menu.addAction("Follow (fit all data)", this, [this] { follow(); });
    menu.addSeparator();
    for (const QString format : {"PNG", "SVG", "CSV"})
        menu.addAction(QString("Export visible range as %1…").arg(format), this, [this, format] { exportVisible(format); })
            ->setEnabled(!m_lanes.empty());
    menu.exec(event->globalPos());
}

void PlotWidget::exportVisible(const QString& format) {
    const QString suffix = format.toLower();
    const QString path = QFileDialog::getSaveFileName(this, "Export the visible range as " + format,
                                                      "plot." + suffix, format + " (*." + suffix + ")");
    if (path.isEmpty()) return;
    try {
        if (format == "PNG") exportPlotPng(*this, path);
        else if (format == "SVG") exportPlotSvg(*this, path);
        else exportPlotCsv(*this, path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, "Export failed", QString::fromStdString(e.what()));
    }
}

} // namespace v2gbench::gui
