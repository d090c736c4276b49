#include "v2gbench/gui/approved_sets_panel.hpp"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace v2gbench::gui {

namespace {
constexpr int kIndexRole = Qt::UserRole;
} // namespace

ApprovedSetsPanel::ApprovedSetsPanel(QString folder, std::optional<std::filesystem::path> publicKey, QWidget* parent)
    : QWidget(parent), m_folder(std::move(folder)), m_publicKey(std::move(publicKey)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(QString("Approved plan sets (%1)").arg(m_folder), this);
    title->setWordWrap(true);
    layout->addWidget(title);
    m_list = new QListWidget(this);
    m_list->setObjectName("operator.sets");
    layout->addWidget(m_list, 1);
    m_detail = new QLabel(this);
    m_detail->setObjectName("operator.setDetail");
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_detail);
    auto* recheck = new QPushButton("Check again", this);
    recheck->setToolTip("Read the folder again and check every set against the files as they are now");
    layout->addWidget(recheck, 0, Qt::AlignLeft);
    connect(recheck, &QPushButton::clicked, this, &ApprovedSetsPanel::refresh);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showDetail();
        Q_EMIT selectionChanged();
    });
    refresh();
}

void ApprovedSetsPanel::refresh() {
    const QString selected = m_list->currentItem() ? m_list->currentItem()->data(Qt::DisplayRole).toString() : QString();
    m_checks = bench::findApprovedPlanSets(m_folder.toStdString(), m_publicKey);
    m_list->blockSignals(true);
    m_list->clear();
    for (std::size_t i = 0; i < m_checks.size(); ++i) {
        const auto& c = m_checks[i];
        const QString file = QString::fromStdString(c.set ? c.set->setFile.filename().string() : std::string("?"));
        auto* item = new QListWidgetItem(c.set ? QString::fromStdString(c.set->title) : file, m_list);
        item->setData(kIndexRole, static_cast<int>(i));
        QString tip = file;
        if (c.set)
            tip += QString("\napproved by %1 %2, %3 plans, %4")
                       .arg(QString::fromStdString(c.set->approvedBy), QString::fromStdString(c.set->approvedUtc))
                       .arg(c.set->plans.size())
                       .arg(c.set->publicKeySha256.empty() ? "not signed" : "signed");
        for (const auto& p : c.problems) tip += "\nrefused: " + QString::fromStdString(p);
        item->setToolTip(tip);
        if (!c.ok()) {
            // Listed, so the operator sees it exists and why it may not run; not selectable.
            item->setFlags(item->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
            item->setText(item->text() + "  — may not run");
        }
    }
    m_list->blockSignals(false);
    if (!selected.isEmpty()) selectSet(selected);
    if (!m_list->currentItem())
        for (int row = 0; row < m_list->count(); ++row)
            if (m_list->item(row)->flags() & Qt::ItemIsEnabled) {
                m_list->setCurrentRow(row);
                break;
            }
    showDetail();
    Q_EMIT selectionChanged();
}

int ApprovedSetsPanel::runnableCount() const {
    int n = 0;
    for (const auto& c : m_checks) n += c.ok();
    return n;
}

bool ApprovedSetsPanel::selectSet(const QString& title) {
    for (int row = 0; row < m_list->count(); ++row) {
        auto* item = m_list->item(row);
        const auto& c = m_checks[static_cast<std::size_t>(item->data(kIndexRole).toInt())];
        if (c.set && QString::fromStdString(c.set->title) == title && c.ok()) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

std::optional<bench::ApprovedPlanSet> ApprovedSetsPanel::selectedSet(QString* whyNot) const {
    const auto* item = m_list->currentItem();
    if (!item || !(item->flags() & Qt::ItemIsEnabled)) {
        if (whyNot)
            *whyNot = m_checks.empty() ? "operator mode: no approved plan set in " + m_folder +
                                             " (an engineer approves plans with `v2gbench approve`)"
                                       : "operator mode: select an approved plan set";
        return std::nullopt;
    }
    const auto& listed = m_checks[static_cast<std::size_t>(item->data(kIndexRole).toInt())];
    // Checked again now: a plan edited since the list was read must not run.
    const auto now = bench::checkApprovedPlanSet(listed.set->setFile, m_publicKey);
    if (!now.ok()) {
        if (whyNot) {
            QStringList reasons;
            for (const auto& p : now.problems) reasons << QString::fromStdString(p);
            *whyNot = "operator mode: the approved set may not run: " + reasons.join("; ");
        }
        return std::nullopt;
    }
    return now.set;
}

void ApprovedSetsPanel::showDetail() {
    const auto* item = m_list->currentItem();
    if (m_checks.empty()) {
        m_detail->setText("No approved plan set here. An engineer approves plans with `v2gbench approve`.");
        return;
    }
    if (!item) {
        m_detail->setText(QString("%1 of %2 sets may run.").arg(runnableCount()).arg(m_checks.size()));
        return;
    }
    const auto& c = m_checks[static_cast<std::size_t>(item->data(kIndexRole).toInt())];
    if (!c.set) return;
    QStringList lines;
    lines << QString("Approved by %1, %2").arg(QString::fromStdString(c.set->approvedBy), QString::fromStdString(c.set->approvedUtc));
    lines << "Bench: " + QString::fromStdString(c.set->bench.file);
    if (c.set->dut) lines << "DUT: " + QString::fromStdString(c.set->dut->file);
    for (const auto& p : c.set->plans) lines << "• " + QString::fromStdString(p.file);
    m_detail->setText(lines.join("\n"));
}

} // namespace v2gbench::gui
