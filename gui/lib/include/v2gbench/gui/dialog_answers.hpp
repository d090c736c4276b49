#pragma once
// The desktop app's answers to `inspect` steps: the run's worker thread asks, an InspectDialog on
// the GUI thread shows the question, and the worker waits for the operator. No answer (the
// dialog's "No answer", or the run aborted while it waits) returns nullopt: the executor records
// the check as a bench error saying how to answer. Never blocks the GUI thread.
//
// Threads: answer() on the run's worker thread; cancel() from any thread; everything else on the
// GUI thread. The object must outlive the run (RunController owns it and joins its worker first).
#include "v2gbench/bench/answer_source.hpp"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace v2gbench::gui {

class InspectDialog;

class DialogAnswers : public QObject, public bench::AnswerSource {
    Q_OBJECT
public:
    explicit DialogAnswers(QWidget* dialogParent, QObject* parent = nullptr);

    std::optional<bench::OperatorAnswer> answer(const bench::InspectQuestion& q) override;
    std::string howToAnswer() const override {
        return "answer the inspection dialog, or give an answers file (v2gbench run --answers FILE)";
    }

    // A new run may ask again (clears a cancel of the previous run).
    void beginRun();
    // The run is aborting: the question being asked closes and answer() returns nullopt, now and
    // for the rest of this run.
    void cancel();

Q_SIGNALS:
    // A dialog is open for a question (GUI thread); tests answer through it.
    void asking(v2gbench::gui::InspectDialog* dialog);

private:
    void show(const bench::InspectQuestion& q, unsigned number); // GUI thread
    void finish(std::optional<bench::OperatorAnswer> a);

    QPointer<QWidget> m_dialogParent;
    QPointer<InspectDialog> m_dialog; // GUI thread only
    QString m_lastBy;                 // GUI thread only: the next dialog's "entered by"
    std::mutex m_mutex;
    std::condition_variable m_answered;
    bool m_waiting = false;
    unsigned m_question = 0; // numbers the questions: a late show() of an earlier one does nothing
    bool m_cancelled = false;
    std::optional<bench::OperatorAnswer> m_answer;
};

} // namespace v2gbench::gui
