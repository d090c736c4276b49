#include "v2gbench/gui/inspect_dialog.hpp"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace v2gbench::gui {

InspectDialog::InspectDialog(const bench::InspectQuestion& q, const QString& enteredBy, QWidget* parent)
    : QDialog(parent), m_question(q) {
    setObjectName("inspectDialog");
    setWindowTitle(tr("Inspection — %1").arg(QString::fromStdString(q.caseId)));
    auto* layout = new QVBoxLayout(this);
    auto* where = new QLabel(tr("Plan %1, case %2%3")
                                 .arg(QString::fromStdString(q.planId), QString::fromStdString(q.caseId),
                                      q.instance.empty() ? QString() : " [" + QString::fromStdString(q.instance) + "]"));
    where->setStyleSheet("color: palette(mid);");
    auto* name = new QLabel("<b>" + QString::fromStdString(q.name).toHtmlEscaped() + "</b>");
    auto* question = new QLabel(QString::fromStdString(q.question));
    question->setWordWrap(true);
    question->setMinimumWidth(420);
    layout->addWidget(where);
    layout->addWidget(name);
    layout->addWidget(question);

    auto* form = new QFormLayout;
    if (q.kind == bench::AnswerKind::YesNo) {
        auto* row = new QHBoxLayout;
        m_yesNo = new QButtonGroup(this);
        auto* yes = new QRadioButton(tr("Yes"));
        auto* no = new QRadioButton(tr("No"));
        yes->setObjectName("inspectYes");
        no->setObjectName("inspectNo");
        m_yesNo->addButton(yes, 1);
        m_yesNo->addButton(no, 0);
        row->addWidget(yes);
        row->addWidget(no);
        row->addStretch();
        form->addRow(tr("Answer"), row);
    } else {
        m_value = new QLineEdit;
        m_value->setObjectName("inspectValue");
        if (q.kind == bench::AnswerKind::Quantity)
            m_value->setPlaceholderText(tr("a number in %1").arg(QString::fromStdString(q.unit)));
        form->addRow(q.kind == bench::AnswerKind::Quantity ? tr("Measured (%1)").arg(QString::fromStdString(q.unit))
                                                           : tr("Observation"),
                     m_value);
    }
    m_by = new QLineEdit(enteredBy);
    m_by->setObjectName("inspectBy");
    m_by->setPlaceholderText(tr("your name (recorded with the answer)"));
    form->addRow(tr("Entered by"), m_by);
    layout->addLayout(form);

    m_problem = new QLabel;
    m_problem->setObjectName("inspectProblem");
    m_problem->setStyleSheet("color: #b00020;");
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Record answer"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("No answer"));
    buttons->button(QDialogButtonBox::Cancel)
        ->setToolTip(tr("The check is recorded as a bench error: the plan goes on without this answer"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { tryAccept(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void InspectDialog::setAnswer(const QString& value) {
    if (m_yesNo) {
        const QString v = value.trimmed().toLower();
        if (auto* b = m_yesNo->button(v == "yes" ? 1 : v == "no" ? 0 : -1)) b->setChecked(true);
    } else {
        m_value->setText(value);
    }
}

void InspectDialog::setEnteredBy(const QString& name) { m_by->setText(name); }

QString InspectDialog::value() const {
    if (m_yesNo) return m_yesNo->checkedId() == 1 ? "yes" : m_yesNo->checkedId() == 0 ? "no" : QString();
    return m_value->text();
}

QString InspectDialog::enteredBy() const { return m_by->text().trimmed(); }

QString InspectDialog::problem() const { return m_problem->isVisible() ? m_problem->text() : QString(); }

bool InspectDialog::tryAccept() {
    QString why;
    if (value().trimmed().isEmpty()) {
        why = m_yesNo ? tr("Choose yes or no.") : tr("Enter the answer.");
    } else {
        const auto parsed = bench::parseAnswer(m_question.kind, m_question.unit, value().toStdString());
        if (!parsed.error.empty()) why = QString::fromStdString(parsed.error);
        else if (enteredBy().isEmpty()) why = tr("Enter who gives the answer: it is recorded with it.");
    }
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (!why.isEmpty()) return false;
    accept();
    return true;
}

} // namespace v2gbench::gui
