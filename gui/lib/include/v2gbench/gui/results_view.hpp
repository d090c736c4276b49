#pragma once
// Results of one run folder (summary.json): plans → cases → checks with requirement, value,
// limits and verdict; open the HTML report or the folder; re-run a failed plan. The engine runs
// whole plans (no case selection), so "re-run" re-runs the plan of the selected case.
#include <nlohmann/json.hpp>

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace v2gbench::gui {

struct RerunRequest {
    QString plan;   // the plan file (source if it still exists, else the run folder's copy)
    QString defect; // sim.defect of the original run
};

class ResultsView : public QWidget {
    Q_OBJECT
public:
    explicit ResultsView(QWidget* parent = nullptr);

    // False with `error` set when the folder has no readable summary.json.
    bool openRun(const QString& runDir, QString* error = nullptr);
    QString runDir() const { return m_runDir; }
    QString reportPath() const;
    QString runVerdict() const { return m_verdict; }
    int checkCount() const { return m_checks; }
    // The newest folder under `runsRoot` with a summary.json, or empty.
    static QString latestRun(const QString& runsRoot);
    // The plan to re-run for the selected item (or the first failed plan).
    std::optional<RerunRequest> rerunFor() const;

Q_SIGNALS:
    void rerunRequested(const v2gbench::gui::RerunRequest& request);

private:
    // Opens `path` with the desktop's application, or says where it is when there is none.
    void openInViewer(const QString& path, const QString& what, const QString& viewer);
    void showNoViewer(const QString& path, const QString& what, const QString& viewer, const QString& why);

    QString m_runDir;
    QString m_verdict;
    int m_checks = 0;
    nlohmann::json m_summary;
    QLabel* m_title;
    QTreeWidget* m_tree;
    QPushButton* m_report;
    QPushButton* m_folder;
    QPushButton* m_rerun;
};

} // namespace v2gbench::gui
