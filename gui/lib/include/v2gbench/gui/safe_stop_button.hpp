#pragma once
// The SAFE STOP button: big, red, always visible and never disabled (whatever else is busy,
// pressing it must reach the safe path). It shows the time the last safe stop completed.
#include <QPushButton>

namespace v2gbench::gui {

class SafeStopButton : public QPushButton {
    Q_OBJECT
public:
    explicit SafeStopButton(QWidget* parent = nullptr);
    void showPending();
    void showCompleted(const QString& when, bool outputsOff);

protected:
    void changeEvent(QEvent* event) override;
};

} // namespace v2gbench::gui
