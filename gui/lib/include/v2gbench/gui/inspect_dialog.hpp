#pragma once
// The operator's answer to one `inspect` step: the question, the plan and case it belongs to, an
// input for its kind (yes/no, a quantity in the step's unit, a text) and who answers. OK accepts
// only an answer bench::parseAnswer() reads and a non-empty name; Cancel gives no answer.
#include "v2gbench/bench/answer_source.hpp"

#include <QDialog>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;

namespace v2gbench::gui {

class InspectDialog : public QDialog {
    Q_OBJECT
public:
    InspectDialog(const bench::InspectQuestion& question, const QString& enteredBy, QWidget* parent = nullptr);

    // Fills the inputs as an operator would (yes/no: "yes" or "no"); for tests and the value of
    // the last answer. tryAccept() then checks them like the OK button.
    void setAnswer(const QString& value);
    void setEnteredBy(const QString& name);
    bool tryAccept(); // false (and the reason shown) when the answer or the name is not usable

    QString value() const;     // as entered ("yes", "12.31", a text)
    QString enteredBy() const; // trimmed
    QString problem() const;   // why OK was refused last; empty otherwise

private:
    bench::InspectQuestion m_question;
    QButtonGroup* m_yesNo = nullptr;
    QLineEdit* m_value = nullptr; // quantity and text answers
    QLineEdit* m_by = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace v2gbench::gui
