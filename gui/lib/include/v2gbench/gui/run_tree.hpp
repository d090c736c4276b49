#pragma once
// The live tree of a run, built from its journal events as they are written: plans → setup /
// case instances / teardown → steps and checks, with verdict icons and the current step
// highlighted. The journal is the source of truth, so the same tree can replay a finished run.
#include <nlohmann/json.hpp>

#include <QTreeWidget>

namespace v2gbench::gui {

class RunTree : public QTreeWidget {
    Q_OBJECT
public:
    explicit RunTree(QWidget* parent = nullptr);
    ~RunTree() override;

    // Empties the tree at once (one model change) and frees the previous run's items a few
    // milliseconds at a time in later event-loop turns.
    void clearRun();
    void apply(const nlohmann::json& event);
    // Scrolls to the current item; once per batch of events (scrolling lays out the view, which
    // per event made a fast run's journal quadratic on the GUI thread).
    void followCurrent();

    int casesFinished() const { return m_casesFinished; }
    int checks() const { return m_checks; }
    int plansFinished() const { return m_plansFinished; }
    double benchTime() const { return m_benchTime; }
    QString runVerdict() const { return m_runVerdict; }
    bool teardownDone() const { return m_teardownSeen && m_makeSafeSeen; }
    // "case [instance]" → verdict, in run order (for tests and the status line).
    QList<QPair<QString, QString>> caseVerdicts() const;
    QString currentStepText() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QTreeWidgetItem* addItem(QTreeWidgetItem* parent, const QString& text);
    QTreeWidgetItem* container();
    void setCurrent(QTreeWidgetItem* item);
    static void setVerdict(QTreeWidgetItem* item, const QString& verdict);
    void freeSome();

    QTreeWidgetItem* m_plan = nullptr;
    QTreeWidgetItem* m_setup = nullptr;
    QTreeWidgetItem* m_case = nullptr;
    QTreeWidgetItem* m_teardown = nullptr;
    QTreeWidgetItem* m_current = nullptr;
    bool m_scrollPending = false;
    QList<QTreeWidgetItem*> m_doomed; // detached items of the previous run, freed in slices
    bool m_freeing = false;
    QList<QTreeWidgetItem*> m_cases;
    int m_casesFinished = 0, m_checks = 0, m_plansFinished = 0;
    double m_benchTime = 0.0;
    QString m_runVerdict;
    bool m_teardownSeen = false, m_makeSafeSeen = false;
};

} // namespace v2gbench::gui
