#include "v2gbench/gui/panel_widgets.hpp"

namespace v2gbench::gui {

QDoubleSpinBox* makeSetpoint(const QString& objectName, double min, double max, double value, int decimals,
                             const QString& unit, QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setValue(value);
    box->setSuffix(" " + unit);
    box->setKeyboardTracking(false);
    box->setAccelerated(true);
    return box;
}

QLabel* makeReadback(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel("—", parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true); // a long read-back wraps instead of widening the bench dock
    QFont f = label->font();
    f.setFamily("monospace");
    f.setStyleHint(QFont::Monospace);
    label->setFont(f);
    return label;
}

void letTextFlow(QLabel* label, bool wrap) {
    label->setSizePolicy(QSizePolicy::Ignored, label->sizePolicy().verticalPolicy());
    label->setMinimumWidth(1);
    label->setWordWrap(wrap);
}

QString withUnit(double value, int decimals, const QString& unit) {
    return QString::number(value, 'f', decimals) + " " + unit;
}

} // namespace v2gbench::gui
