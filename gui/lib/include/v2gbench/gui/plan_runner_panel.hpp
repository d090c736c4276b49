#pragma once
// The plan runner dock: pick plans (testplans/ or any file), a DUT profile and, on the simulated
// lab, a defect and the pace; validate (errors at file:line); run and abort; the live run tree
// with progress and elapsed bench and wall time.
#include "v2gbench/gui/run_controller.hpp"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QVBoxLayout;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace v2gbench::gui {

class RunTree;

class PlanRunnerPanel : public QWidget {
    Q_OBJECT
public:
    PlanRunnerPanel(const QString& dataDir, QWidget* parent = nullptr);

    QStringList selectedPlans() const;
    // Checks exactly these plans (adding files not listed yet).
    void selectPlans(const QStringList& paths);
    QString dutPath() const;
    QString defect() const; // empty: the conforming charger
    void setDefect(const QString& name);
    Pace pace() const;
    void setPace(Pace pace);

    // Operator mode: the plans come from an approved set only (`sets`, approved_sets_panel.hpp,
    // shown in place of the plan list); the plan list, Add plan…, the DUT and the simulated defect
    // are not offered.
    void restrictToApprovedSets(QWidget* sets);

    RunTree* tree() const { return m_tree; }
    void showDiagnostics(const QStringList& diagnostics);
    void runStarted(const QString& runDir);
    void apply(const nlohmann::json& event);
    // After a batch of apply(): scroll to the current step, progress and status line.
    void appliedBatch();
    void runFinished(const RunFinished& result);
    // The engine's structured progress: the bar counts plans, cases and steps, with the declared
    // bench time left ("case 3/12 · step 2/5 · ~40 s left (bench time)").
    void applyProgress(const bench::RunProgress& progress);
    QString progressText() const; // the bar's text
    // The run's bench clock from its live stream: the status line's bench time moves with it.
    void setLiveBenchTime(double seconds);
    double progressFraction() const;

Q_SIGNALS:
    void validateRequested();
    void runRequested();
    void abortRequested();

private:
    void addPlan(const QString& path, bool checked);
    void updateStatus();

    QListWidget* m_plans;
    QLabel* m_plansLabel = nullptr;
    QPushButton* m_addPlan = nullptr;
    QFormLayout* m_form = nullptr;
    QVBoxLayout* m_configLayout = nullptr;
    QComboBox* m_dut;
    QComboBox* m_defect;
    QComboBox* m_pace;
    QPushButton* m_run;
    QPushButton* m_abort;
    QListWidget* m_diagnostics;
    RunTree* m_tree;
    QProgressBar* m_progress;
    QLabel* m_status;
    QElapsedTimer m_wall;
    int m_planCount = 0;
    bool m_running = false;
    bool m_structuredProgress = false; // the engine's RunProgress arrived: it drives the bar
    QString m_position;                // where the run is, in words
    double m_liveBenchTime = 0.0;
    QString m_workPosition;            // the last setup or case position: where an abort stopped it
};

} // namespace v2gbench::gui
