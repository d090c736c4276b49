#pragma once
// Small building blocks shared by the role control panels: a setpoint spin box with its unit,
// and a read-back label. Object names are the role's signal names so tests and settings can
// find them ("battery.voltage").
#include <QDoubleSpinBox>
#include <QLabel>
#include <QString>

namespace v2gbench::gui {

QDoubleSpinBox* makeSetpoint(const QString& objectName, double min, double max, double value, int decimals,
                             const QString& unit, QWidget* parent);
QLabel* makeReadback(const QString& objectName, QWidget* parent);
// A status label whose text changes while the app runs: it takes the width its layout gives it
// and never widens its dock or the window (a QLabel's minimum width is otherwise its text's, so
// a long status line grew the window and made Qt relayout and repaint all of it). `wrap`: long
// text wraps onto more lines instead of being clipped.
void letTextFlow(QLabel* label, bool wrap);
// "400.0 V" style text for a read-back.
QString withUnit(double value, int decimals, const QString& unit);

} // namespace v2gbench::gui
