#include "v2gbench/gui/safe_stop_button.hpp"

#include <QEvent>

namespace v2gbench::gui {

SafeStopButton::SafeStopButton(QWidget* parent) : QPushButton("SAFE STOP", parent) {
    setObjectName("safeStop");
    setToolTip("Abort a running plan (teardown, then every role made safe in shutdown order) or make every "
               "instrument of the open bench safe.  F12 / Ctrl+Shift+S");
    setMinimumSize(150, 44);
    setStyleSheet("QPushButton { background: #d00000; color: white; font-weight: bold; font-size: 15px;"
                  " border: 2px solid #700000; border-radius: 6px; padding: 4px 14px; }"
                  " QPushButton:pressed { background: #900000; }");
}

void SafeStopButton::showPending() { setText("SAFE STOP …"); }

void SafeStopButton::showCompleted(const QString& when, bool outputsOff) {
    setText("SAFE STOP");
    setToolTip(QString("Last safe stop completed %1%2").arg(when, outputsOff ? ", outputs off" : ", CHECK OUTPUTS"));
}

void SafeStopButton::changeEvent(QEvent* event) {
    // Nothing may disable it: a parent toolbar or dialog disabling its children included.
    if (event->type() == QEvent::EnabledChange && !isEnabled()) setEnabled(true);
    QPushButton::changeEvent(event);
}

} // namespace v2gbench::gui
