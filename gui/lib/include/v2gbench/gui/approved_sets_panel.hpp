#pragma once
// Operator mode's plan choice: the approved plan sets of a folder (bench/approved_plan_set.hpp),
// each checked against the files as they are now. A set that may not run is listed greyed out
// with its reasons; the operator picks among the others, and nothing else can be run.
#include "v2gbench/bench/approved_plan_set.hpp"

#include <QWidget>

#include <filesystem>
#include <optional>
#include <vector>

class QLabel;
class QListWidget;

namespace v2gbench::gui {

class ApprovedSetsPanel : public QWidget {
    Q_OBJECT
public:
    // `publicKey`: the lab's Ed25519 public key; none: only unsigned (hashed) sets may run.
    ApprovedSetsPanel(QString folder, std::optional<std::filesystem::path> publicKey, QWidget* parent = nullptr);

    // Reads and checks the folder's sets again (also done by selectedSet()).
    void refresh();
    const QString& folder() const { return m_folder; }
    int setCount() const { return static_cast<int>(m_checks.size()); }
    int runnableCount() const;
    // Selects the set with this title; false when there is none or it may not run.
    bool selectSet(const QString& title);
    // The selected set, checked again now; nullopt with `whyNot` set when none is selected or it
    // may not run any more.
    std::optional<bench::ApprovedPlanSet> selectedSet(QString* whyNot) const;

Q_SIGNALS:
    void selectionChanged();

private:
    void showDetail();

    QString m_folder;
    std::optional<std::filesystem::path> m_publicKey;
    std::vector<bench::ApprovalCheck> m_checks;
    QListWidget* m_list;
    QLabel* m_detail;
};

} // namespace v2gbench::gui
