#include "v2gbench/gui/verdict_style.hpp"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace v2gbench::gui {

QColor verdictColor(const QString& verdict) {
    if (verdict == "pass") return QColor("#1a9a2a");
    if (verdict == "fail") return QColor("#d01010");
    if (verdict == "inconclusive") return QColor("#e08a00");
    if (verdict == "not-applicable") return QColor("#8a8a8a");
    if (verdict == "error") return QColor("#8a2be2");
    if (verdict == "aborted") return QColor("#303030");
    return QColor("#2a6ad0"); // running
}

QIcon verdictIcon(const QString& verdict) {
    static QHash<QString, QIcon> cache;
    if (auto it = cache.find(verdict); it != cache.end()) return *it;
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor c = verdictColor(verdict);
    if (verdict == "running" || verdict.isEmpty()) {
        p.setPen(QPen(c, 2.5));
        p.setBrush(Qt::NoBrush);
    } else {
        p.setPen(QPen(c.darker(130), 1));
        p.setBrush(c);
    }
    p.drawEllipse(QRectF(2.5, 2.5, 11, 11));
    if (verdict == "pass" || verdict == "fail") { // a mark inside, readable without colour vision
        p.setPen(QPen(Qt::white, 1.8));
        if (verdict == "pass") p.drawPolyline(QPolygonF({{5, 8.5}, {7.3, 10.8}, {11, 5.5}}));
        else {
            p.drawLine(QPointF(5.5, 5.5), QPointF(10.5, 10.5));
            p.drawLine(QPointF(10.5, 5.5), QPointF(5.5, 10.5));
        }
    }
    p.end();
    return *cache.insert(verdict, QIcon(pm));
}

QString verdictLabel(const QString& verdict) { return verdict.isEmpty() ? QString("—") : verdict.toUpper(); }

} // namespace v2gbench::gui
