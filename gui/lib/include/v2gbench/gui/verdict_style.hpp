#pragma once
// One look for verdicts everywhere (run tree, results, status bar): a coloured disc icon and a
// colour per verdict, so pass/fail reads at a glance.
#include <QColor>
#include <QIcon>
#include <QString>

namespace v2gbench::gui {

QColor verdictColor(const QString& verdict); // "pass", "fail", "inconclusive", "not-applicable", "error", "aborted"
QIcon verdictIcon(const QString& verdict);   // a disc; "running" is a hollow ring
QString verdictLabel(const QString& verdict); // "PASS", "FAIL", ...

} // namespace v2gbench::gui
