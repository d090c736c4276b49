#include "v2gbench/gui/plan_runner_panel.hpp"

#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/run_tree.hpp"
#include "v2gbench/gui/verdict_style.hpp"
#include "v2gbench/sim/defects.hpp"

#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace v2gbench::gui {

namespace {
// QProgressBar::setValue() repaints at once, which makes Qt paint every dirty widget of the
// window right there (the tree, the plots): a run's progress is shown at the next paint instead.
void setProgress(QProgressBar* bar, int value) {
    if (bar->value() == value) return;
    bar->setUpdatesEnabled(false);
    bar->setValue(value);
    bar->setUpdatesEnabled(true); // schedules an ordinary update()
}

constexpr int kProgressSteps = 1000; // the bar's resolution once the engine's progress drives it

// "~40 s", "~12 min": the declared bench time left, rounded as an estimate is.
QString roughDuration(double seconds) {
    if (seconds < 120.0) return QString("~%1 s").arg(std::llround(seconds));
    if (seconds < 7200.0) return QString("~%1 min").arg(std::llround(seconds / 60.0));
    return QString("~%1 h").arg(seconds / 3600.0, 0, 'f', 1);
}

QString positionText(const bench::RunProgress& p) {
    using Phase = bench::RunProgress::Phase;
    QStringList parts;
    if (p.planCount > 1) parts << QString("plan %1/%2").arg(p.planIndex + 1).arg(p.planCount);
    switch (p.phase) {
    case Phase::Setup:
        parts << "setup";
        if (p.stepCount > 0) parts << QString("step %1/%2").arg(p.stepIndex + 1).arg(p.stepCount);
        break;
    case Phase::Case:
        parts << QString("case %1/%2").arg(p.caseIndex + 1).arg(p.caseCount);
        if (p.stepCount > 0) parts << QString("step %1/%2").arg(p.stepIndex + 1).arg(p.stepCount);
        break;
    case Phase::Teardown:
        parts << "teardown";
        if (p.stepCount > 0) parts << QString("step %1/%2").arg(p.stepIndex + 1).arg(p.stepCount);
        break;
    case Phase::PlanFinished: parts << QString("plan %1 done").arg(QString::fromStdString(p.planId)); break;
    }
    QString left = roughDuration(p.declaredRemaining) + " left (bench time";
    if (p.undeclared > 0) left += QString(", %1 duration(s) not declared").arg(p.undeclared);
    parts << left + ")";
    return parts.join(" · ");
}
} // namespace

PlanRunnerPanel::PlanRunnerPanel(const QString& dataDir, QWidget* parent) : QWidget(parent) {
    auto* top = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    top->addWidget(splitter);

    auto* config = new QWidget(splitter);
    auto* configLayout = new QVBoxLayout(config);
    configLayout->setContentsMargins(0, 0, 0, 0);
    m_plans = new QListWidget(config);
    m_plans->setObjectName("runner.plans");
    m_plans->setMinimumHeight(80);
    // Every plan under testplans/ except the profile, catalogue and schema folders.
    QDirIterator it(dataDir + "/testplans", {"*.yaml"}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) {
        const QString path = it.next();
        // Plans only: DUT and EV profiles, catalogues and the schema sit in the same tree.
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) continue;
        const QString text = QString::fromUtf8(file.read(64 * 1024));
        if (!text.startsWith("plan:") && !text.contains("\nplan:")) continue;
        found << path;
    }
    found.sort();
    for (const QString& p : found) addPlan(p, false);
    m_configLayout = configLayout;
    m_plansLabel = new QLabel("Plans", config);
    configLayout->addWidget(m_plansLabel);
    configLayout->addWidget(m_plans, 1);

    auto* form = new QFormLayout;
    m_form = form;
    m_dut = new QComboBox(config);
    for (const QFileInfo& f : QDir(dataDir + "/testplans/duts").entryInfoList({"*.yaml"}, QDir::Files, QDir::Name))
        m_dut->addItem(f.fileName(), f.absoluteFilePath());
    m_defect = new QComboBox(config);
    m_defect->setObjectName("runner.defect");
    m_defect->addItem("conforming charger (no defect)", QString());
    for (const auto& d : sim::defects()) {
        m_defect->addItem(QString::fromStdString(d.name), QString::fromStdString(d.name));
        m_defect->setItemData(m_defect->count() - 1, QString::fromStdString(d.description), Qt::ToolTipRole);
    }
    m_pace = new QComboBox(config);
    m_pace->setObjectName("runner.pace");
    m_pace->addItem("as fast as possible", int(Pace::AsFastAsPossible));
    m_pace->addItem("×10", int(Pace::Times10));
    m_pace->addItem("real time", int(Pace::RealTime));
    m_pace->setToolTip("The run's sim.pace setting, read by the simulated lab's virtual clock (benches/sim.yaml): "
                       "as fast as possible (max), ten simulated seconds per wall second (10) or real time (1). "
                       "Benches on a real clock (sim-wire, a lab) always run in real time.");
    form->addRow("DUT", m_dut);
    form->addRow("Sim defect", m_defect);
    form->addRow("Sim pace", m_pace);
    configLayout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton("Add plan…", config);
    m_addPlan = add;
    auto* validate = new QPushButton("Validate", config);
    validate->setObjectName("runner.validate");
    m_run = new QPushButton("▶ Run (F5)", config);
    m_run->setObjectName("runner.run");
    m_abort = new QPushButton("■ Abort (Esc)", config);
    m_abort->setObjectName("runner.abort");
    m_abort->setEnabled(false);
    for (auto* b : {add, validate, m_run, m_abort}) buttons->addWidget(b);
    configLayout->addLayout(buttons);
    m_diagnostics = new QListWidget(config);
    m_diagnostics->setObjectName("runner.diagnostics");
    m_diagnostics->setMaximumHeight(90);
    m_diagnostics->hide();
    configLayout->addWidget(m_diagnostics);

    auto* live = new QWidget(splitter);
    auto* liveLayout = new QVBoxLayout(live);
    liveLayout->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(live);
    m_progress->setObjectName("runner.progress");
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel("idle", live);
    m_status->setObjectName("runner.status");
    letTextFlow(m_status, true);
    m_tree = new RunTree(live);
    liveLayout->addWidget(m_progress);
    liveLayout->addWidget(m_status);
    liveLayout->addWidget(m_tree, 1);
    splitter->setStretchFactor(1, 3);

    connect(add, &QPushButton::clicked, this, [this, dataDir] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, "Plans", dataDir + "/testplans", "Test plans (*.yaml)");
        for (const QString& f : files) addPlan(f, true);
    });
    connect(validate, &QPushButton::clicked, this, &PlanRunnerPanel::validateRequested);
    connect(m_run, &QPushButton::clicked, this, &PlanRunnerPanel::runRequested);
    connect(m_abort, &QPushButton::clicked, this, &PlanRunnerPanel::abortRequested);
}

void PlanRunnerPanel::addPlan(const QString& path, bool checked) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_plans->count(); ++i)
        if (m_plans->item(i)->data(Qt::UserRole).toString() == abs) {
            m_plans->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return;
        }
    auto* item = new QListWidgetItem(QDir(QFileInfo(abs).dir().path()).dirName() + "/" + QFileInfo(abs).fileName(),
                                     m_plans);
    item->setData(Qt::UserRole, abs);
    item->setToolTip(abs);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void PlanRunnerPanel::restrictToApprovedSets(QWidget* sets) {
    m_plansLabel->hide();
    m_plans->hide();
    m_addPlan->hide();
    m_form->setRowVisible(m_dut, false);
    m_form->setRowVisible(m_defect, false);
    m_defect->setCurrentIndex(0); // an operator runs the real charger's plans, never a simulated defect
    m_configLayout->insertWidget(0, sets, 1);
    sets->show();
}

QStringList PlanRunnerPanel::selectedPlans() const {
    QStringList out;
    for (int i = 0; i < m_plans->count(); ++i)
        if (m_plans->item(i)->checkState() == Qt::Checked) out << m_plans->item(i)->data(Qt::UserRole).toString();
    return out;
}

void PlanRunnerPanel::selectPlans(const QStringList& paths) {
    for (int i = 0; i < m_plans->count(); ++i) m_plans->item(i)->setCheckState(Qt::Unchecked);
    for (const QString& p : paths) addPlan(p, true);
}

QString PlanRunnerPanel::dutPath() const { return m_dut->currentData().toString(); }
QString PlanRunnerPanel::defect() const { return m_defect->currentData().toString(); }
void PlanRunnerPanel::setDefect(const QString& name) {
    const int i = m_defect->findData(name);
    m_defect->setCurrentIndex(i < 0 ? 0 : i);
}
Pace PlanRunnerPanel::pace() const { return static_cast<Pace>(m_pace->currentData().toInt()); }
void PlanRunnerPanel::setPace(Pace pace) { m_pace->setCurrentIndex(m_pace->findData(int(pace))); }

void PlanRunnerPanel::showDiagnostics(const QStringList& diagnostics) {
    m_diagnostics->clear();
    for (const QString& d : diagnostics) {
        auto* item = new QListWidgetItem(d, m_diagnostics);
        item->setForeground(QColor("#c00000"));
        item->setToolTip(d);
    }
    m_diagnostics->setVisible(!diagnostics.isEmpty());
}

void PlanRunnerPanel::runStarted(const QString& runDir) {
    m_running = true;
    m_planCount = static_cast<int>(selectedPlans().size());
    m_tree->clearRun();
    showDiagnostics({});
    m_progress->setRange(0, std::max(1, m_planCount));
    setProgress(m_progress, 0);
    m_progress->setFormat("%p%");
    m_structuredProgress = false;
    m_position.clear();
    m_workPosition.clear();
    m_liveBenchTime = 0.0;
    // The previous run's verdict colour goes with it.
    m_status->setStyleSheet(QString());
    m_run->setEnabled(false);
    m_abort->setEnabled(true);
    m_wall.start();
    m_status->setToolTip(runDir);
    updateStatus();
}

void PlanRunnerPanel::apply(const nlohmann::json& event) {
    m_tree->apply(event);
}

void PlanRunnerPanel::appliedBatch() {
    m_tree->followCurrent();
    if (!m_structuredProgress) setProgress(m_progress, m_tree->plansFinished());
    updateStatus();
}

void PlanRunnerPanel::updateStatus() {
    if (!m_running && m_tree->runVerdict().isEmpty()) return;
    QString text = QString("bench time %1 s · wall %2 s · %3 cases · %4 checks")
                       .arg(std::max(m_tree->benchTime(), m_running ? m_liveBenchTime : 0.0), 0, 'f', 1)
                       .arg(m_wall.isValid() ? m_wall.elapsed() / 1000.0 : 0.0, 0, 'f', 1)
                       .arg(m_tree->casesFinished())
                       .arg(m_tree->checks());
    if (m_running && !m_tree->currentStepText().isEmpty()) text += "\n▸ " + m_tree->currentStepText();
    m_status->setText(text);
}

void PlanRunnerPanel::runFinished(const RunFinished& r) {
    m_running = false;
    m_run->setEnabled(true);
    m_abort->setEnabled(false);
    if (!r.diagnostics.isEmpty()) showDiagnostics(r.diagnostics);
    // An aborted run shows where it stopped, not 100 %.
    if (r.aborted && m_structuredProgress) m_progress->setFormat("aborted at " + m_workPosition);
    else if (r.aborted) m_progress->setFormat("aborted");
    else {
        setProgress(m_progress, m_progress->maximum());
        m_progress->setFormat("%p%");
    }
    QString text = r.verdict.isEmpty() ? QString("not run: %1").arg(r.error)
                                       : QString("%1 · bench time %2 s · wall %3 s%4")
                                             .arg(verdictLabel(r.verdict))
                                             .arg(r.benchTime, 0, 'f', 1)
                                             .arg(r.wallTime, 0, 'f', 2)
                                             .arg(r.aborted ? " · aborted: " + r.abortReason : QString());
    if (!r.error.isEmpty() && !r.verdict.isEmpty()) text += "\n" + r.error;
    m_status->setText(text);
    m_status->setStyleSheet(QString("color: %1; font-weight: bold").arg(verdictColor(r.verdict).name()));
}

} // namespace v2gbench::gui

namespace v2gbench::gui {

void PlanRunnerPanel::applyProgress(const bench::RunProgress& p) {
    if (!m_running) return;
    if (!m_structuredProgress) {
        m_structuredProgress = true;
        m_progress->setRange(0, kProgressSteps);
    }
    setProgress(m_progress, static_cast<int>(std::lround(p.fraction() * kProgressSteps)));
    m_position = positionText(p);
    if (p.phase == bench::RunProgress::Phase::Setup || p.phase == bench::RunProgress::Phase::Case)
        m_workPosition = m_position.section(" · ~", 0, 0); // without the time left
    m_progress->setFormat(m_position);
    m_progress->setToolTip(m_position);
}

void PlanRunnerPanel::setLiveBenchTime(double seconds) {
    m_liveBenchTime = seconds;
    if (m_running) updateStatus();
}

QString PlanRunnerPanel::progressText() const { return m_progress->text(); }

double PlanRunnerPanel::progressFraction() const {
    const int span = m_progress->maximum() - m_progress->minimum();
    return span > 0 ? double(m_progress->value() - m_progress->minimum()) / span : 0.0;
}

} // namespace v2gbench::gui
