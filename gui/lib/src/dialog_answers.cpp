#include "v2gbench/gui/dialog_answers.hpp"

#include "v2gbench/gui/inspect_dialog.hpp"

#include <QMetaObject>

namespace v2gbench::gui {

DialogAnswers::DialogAnswers(QWidget* dialogParent, QObject* parent) : QObject(parent), m_dialogParent(dialogParent) {
    m_lastBy = qEnvironmentVariable("USER");
}

std::optional<bench::OperatorAnswer> DialogAnswers::answer(const bench::InspectQuestion& q) {
    std::unique_lock lock(m_mutex);
    if (m_cancelled) return std::nullopt;
    m_waiting = true;
    m_answer.reset();
    const unsigned number = ++m_question;
    QMetaObject::invokeMethod(this, [this, q, number] { show(q, number); }, Qt::QueuedConnection);
    m_answered.wait(lock, [this] { return !m_waiting; });
    return m_answer;
}

void DialogAnswers::show(const bench::InspectQuestion& q, unsigned number) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_waiting || number != m_question) return; // cancelled before the dialog could open
    }
    auto* dialog = new InspectDialog(q, m_lastBy, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Window-modal: the rest of the app (SAFE STOP, abort) stays usable while the operator measures.
    dialog->setWindowModality(m_dialogParent ? Qt::WindowModal : Qt::NonModal);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result != QDialog::Accepted) return finish(std::nullopt);
        m_lastBy = dialog->enteredBy();
        finish(bench::OperatorAnswer{dialog->value().toStdString(), m_lastBy.toStdString(), "dialog"});
    });
    dialog->show();
    Q_EMIT asking(dialog);
}

void DialogAnswers::finish(std::optional<bench::OperatorAnswer> a) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_waiting) return;
        m_answer = std::move(a);
        m_waiting = false;
    }
    m_answered.notify_all();
}

void DialogAnswers::beginRun() {
    std::lock_guard lock(m_mutex);
    m_cancelled = false;
}

void DialogAnswers::cancel() {
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_waiting = false;
        m_answer.reset();
    }
    m_answered.notify_all();
    // The open dialog (if any) closes on the GUI thread; its finished() then finds nobody waiting.
    QMetaObject::invokeMethod(
        this, [this] { if (m_dialog) m_dialog->reject(); }, Qt::QueuedConnection);
}

} // namespace v2gbench::gui
