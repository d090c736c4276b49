#include "v2gbench/gui/bench_panel.hpp"

#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/manual_action.hpp"
#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/role_panels.hpp"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace v2gbench::gui {

namespace {
constexpr int kLiveColumn = 2, kInstrumentColumn = 3;
constexpr int kIdentityColumnFrom = 620; // px of panel width from which the identity column fits

QScrollArea* scrolled(QWidget* w) {
    auto* area = new QScrollArea;
    area->setWidget(w);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}
} // namespace

BenchPanel::BenchPanel(BenchController* bench, const QString& dataDir, QWidget* parent)
    : QWidget(parent), m_bench(bench) {
    auto* top = new QVBoxLayout(this);
    auto* grid = new QGridLayout;
    m_benchCombo = new QComboBox(this);
    m_benchCombo->setObjectName("bench.profile");
    m_benchCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_benchCombo->setMinimumContentsLength(16);
    for (const QFileInfo& f : QDir(dataDir + "/benches").entryInfoList({"*.yaml"}, QDir::Files, QDir::Name))
        addPath(m_benchCombo, f.absoluteFilePath());
    m_dutCombo = new QComboBox(this);
    m_dutCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dutCombo->setMinimumContentsLength(16);
    for (const QFileInfo& f : QDir(dataDir + "/testplans/duts").entryInfoList({"*.yaml"}, QDir::Files, QDir::Name))
        addPath(m_dutCombo, f.absoluteFilePath());
    auto* browseBench = new QPushButton("…", this);
    m_browseBench = browseBench;
    browseBench->setToolTip("Open another bench profile (a lab profile)");
    browseBench->setMaximumWidth(30);
    auto* browseDut = new QPushButton("…", this);
    m_browseDut = browseDut;
    browseDut->setMaximumWidth(30);
    m_open = new QPushButton("Open bench", this);
    m_open->setObjectName("bench.open");
    m_close = new QPushButton("Close", this);
    m_close->setEnabled(false);
    m_state = new QLabel("no bench open", this);
    m_state->setObjectName("bench.state");
    letTextFlow(m_state, false);
    grid->addWidget(new QLabel("Bench"), 0, 0);
    grid->addWidget(m_benchCombo, 0, 1);
    grid->addWidget(browseBench, 0, 2);
    grid->addWidget(new QLabel("DUT"), 1, 0);
    grid->addWidget(m_dutCombo, 1, 1);
    grid->addWidget(browseDut, 1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_close);
    buttons->addWidget(m_state, 1);
    grid->addLayout(buttons, 2, 0, 1, 3);
    // The wire-level simulated lab, for sim-wire*.yaml: v2gbench-sim as a child process.
    m_simRow = new QWidget(this);
    auto* simLayout = new QHBoxLayout(m_simRow);
    simLayout->setContentsMargins(0, 0, 0, 0);
    m_simButton = new QPushButton("Start simulated lab", m_simRow);
    m_simButton->setObjectName("bench.simlab");
    m_simButton->setToolTip("v2gbench-sim on 127.0.0.1 with its default ports (what sim-wire.yaml and "
                            "sim-wire-alt.yaml talk to); stopping makes the bench on it safe first");
    m_simState = new QLabel("v2gbench-sim not running", m_simRow);
    m_simState->setObjectName("bench.simlab.state");
    letTextFlow(m_simState, true);
    simLayout->addWidget(m_simButton);
    simLayout->addWidget(m_simState, 1);
    m_simRow->hide();
    grid->addWidget(m_simRow, 3, 0, 1, 3);
    connect(m_simButton, &QPushButton::clicked, this, [this] {
        if (m_simLab == SimLabProcess::State::Stopped) Q_EMIT startSimLabRequested();
        else Q_EMIT stopSimLabRequested();
    });
    grid->setColumnStretch(1, 1);
    top->addLayout(grid);

    m_instruments = new QTreeWidget(this);
    m_instruments->setObjectName("bench.instruments");
    // The live status before the identity: the identity is long and the least looked at. On a
    // narrow dock the identity column is hidden (it stays in each row's tooltip) and the live
    // status takes the width, elided, in full in its tooltip: no column runs off the dock.
    m_instruments->setHeaderLabels({"Role", "State", "Live status", "Instrument"});
    m_instruments->setRootIsDecorated(false);
    m_instruments->setUniformRowHeights(true);
    m_instruments->setMinimumHeight(110);
    m_instruments->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_instruments->header()->setSectionResizeMode(kLiveColumn, QHeaderView::Stretch);
    m_instruments->header()->setSectionResizeMode(kInstrumentColumn, QHeaderView::Interactive);
    m_instruments->header()->setStretchLastSection(false);
    m_instruments->setTextElideMode(Qt::ElideRight);
    top->addWidget(m_instruments);

    m_tabs = new QTabWidget(this);
    m_grid = new GridPanel(bench);
    m_battery = new BatteryPanel(bench);
    m_ev = new EvPanel(bench);
    m_dut = new DutPanel(bench);
    m_tabs->addTab(scrolled(m_grid), "Grid");
    m_tabs->addTab(scrolled(m_battery), "Battery");
    m_tabs->addTab(scrolled(m_ev), "EV");
    m_tabs->addTab(scrolled(m_dut), "DUT");
    m_tabs->setEnabled(false);
    top->addWidget(m_tabs, 1);

    connect(m_open, &QPushButton::clicked, this, &BenchPanel::openSelected);
    connect(m_close, &QPushButton::clicked, m_bench, &BenchController::close);
    connect(browseBench, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, "Bench profile", benchPath(), "Bench profiles (*.yaml)");
        if (!f.isEmpty()) setBenchPath(f);
    });
    connect(browseDut, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, "DUT profile", dutPath(), "DUT profiles (*.yaml)");
        if (!f.isEmpty()) setDutPath(f);
    });
    connect(m_benchCombo, &QComboBox::currentIndexChanged, this, [this] {
        // Another bench chosen while none is open: the last bench's instruments are not this one's.
        if (!m_sessionOpen) m_instruments->clear();
        Q_EMIT benchPathChanged(benchPath());
    });
    connect(bench, &BenchController::opened, this, &BenchPanel::showOpened);
    connect(bench, &BenchController::closed, this, &BenchPanel::showClosed);
    connect(bench, &BenchController::openFailed, this, [this](const QString& message) {
        showClosed();
        m_state->setText("open failed: " + message.left(80));
    });
    connect(bench, &BenchController::polled, this, &BenchPanel::showSnapshot);
}

void BenchPanel::addPath(QComboBox* combo, const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    const int existing = combo->findData(abs);
    if (existing >= 0) {
        combo->setCurrentIndex(existing);
        return;
    }
    combo->addItem(QFileInfo(abs).fileName(), abs);
    combo->setItemData(combo->count() - 1, abs, Qt::ToolTipRole);
    combo->setCurrentIndex(combo->count() - 1);
}

QString BenchPanel::benchPath() const { return m_benchCombo->currentData().toString(); }
QString BenchPanel::dutPath() const { return m_dutCombo->currentData().toString(); }
void BenchPanel::setBenchPath(const QString& path) {
    if (!path.isEmpty() && QFileInfo::exists(path)) addPath(m_benchCombo, path);
}
void BenchPanel::setDutPath(const QString& path) {
    if (!path.isEmpty() && QFileInfo::exists(path)) addPath(m_dutCombo, path);
}

void BenchPanel::openSelected() {
    m_state->setText("opening " + QFileInfo(benchPath()).fileName() + " …");
    m_open->setEnabled(false);
    m_bench->open(benchPath(), dutPath(), {});
}

void BenchPanel::setSimLabState(bool offered, SimLabProcess::State state) {
    m_simLab = state;
    m_simRow->setVisible(offered);
    switch (state) {
    case SimLabProcess::State::Stopped:
        m_simButton->setText("Start simulated lab");
        m_simState->setText("v2gbench-sim not running: start it, then Open bench");
        break;
    case SimLabProcess::State::Starting:
        m_simButton->setText("Stop simulated lab");
        m_simState->setText("v2gbench-sim starting …");
        break;
    case SimLabProcess::State::Running:
        m_simButton->setText("Stop simulated lab");
        m_simState->setText("v2gbench-sim running on 127.0.0.1");
        break;
    case SimLabProcess::State::Stopping:
        m_simButton->setText("Stopping …");
        m_simState->setText("making the bench safe, then stopping v2gbench-sim");
        break;
    }
    m_simButton->setEnabled(state != SimLabProcess::State::Stopping);
}

void BenchPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_instruments->setColumnHidden(kInstrumentColumn, width() < kIdentityColumnFrom);
}

void BenchPanel::setOperatorMode(bool on) {
    m_operatorMode = on;
    m_tabs->setVisible(!on);
    for (QWidget* w : {static_cast<QWidget*>(m_benchCombo), static_cast<QWidget*>(m_dutCombo), m_browseBench, m_browseDut})
        w->setEnabled(!on);
    m_benchCombo->setToolTip(on ? "Operator mode: the bench is the approved plan set's" : QString());
}

void BenchPanel::setRunHoldsBench(bool held) {
    m_runHoldsBench = held;
    m_open->setEnabled(!held && !m_sessionOpen);
    m_close->setEnabled(!held && m_sessionOpen);
    m_tabs->setEnabled(!held && m_sessionOpen);
    m_benchCombo->setEnabled(!held);
    m_dutCombo->setEnabled(!held);
    const QString why = held ? "A plan run holds this bench; manual control returns when it ends" : QString();
    m_open->setToolTip(why);
    m_tabs->setToolTip(why);
    if (held && !m_sessionOpen) m_state->setText("held by the running plan");
}

void BenchPanel::showOpened(const SessionInfo& info) {
    m_sessionOpen = true;
    m_open->setEnabled(false);
    m_close->setEnabled(!m_runHoldsBench);
    m_tabs->setEnabled(!m_runHoldsBench);
    m_state->setText(QString("open: %1 (clock %2)")
                         .arg(QString::fromStdString(info.benchId), QString::fromStdString(info.clock)));
    m_instruments->clear();
    for (const auto& i : info.instruments) {
        auto* item = new QTreeWidgetItem(m_instruments);
        item->setText(0, QString::fromStdString(i.role));
        item->setText(1, "connected");
        item->setForeground(1, QColor("#107010"));
        const QString identity = QString::fromStdString(i.identity.manufacturer + " " + i.identity.model + " · " +
                                                        i.identity.serial + " · fw " + i.identity.firmware);
        item->setText(kInstrumentColumn, identity);
        QString tip = identity + "\n" + QString::fromStdString(i.driver + " at " + i.uri + "\ncapabilities:");
        for (const auto& c : i.capabilities) tip += " " + QString::fromStdString(c);
        item->setToolTip(kInstrumentColumn, tip);
        item->setToolTip(0, tip);
        item->setData(0, Qt::UserRole, QString::fromStdString(i.role));
    }
    int i = 0;
    for (const char* role : {"grid", "battery", "ev", "dut"}) {
        bool bound = false;
        for (const auto& inst : info.instruments) bound |= inst.role == role;
        m_tabs->setTabEnabled(i++, bound);
    }
}

void BenchPanel::showClosed() {
    m_sessionOpen = false;
    m_open->setEnabled(!m_runHoldsBench);
    m_close->setEnabled(false);
    m_tabs->setEnabled(false);
    m_state->setText(m_runHoldsBench ? "held by the running plan" : "no bench open");
    for (int i = 0; i < m_instruments->topLevelItemCount(); ++i) {
        auto* item = m_instruments->topLevelItem(i);
        item->setText(1, "closed");
        item->setForeground(1, QColor("#808080"));
        item->setText(kLiveColumn, "");
    }
}

void BenchPanel::showSnapshot(const BenchSnapshot& s) {
    for (int i = 0; i < m_instruments->topLevelItemCount(); ++i) {
        auto* item = m_instruments->topLevelItem(i);
        const std::string role = item->data(0, Qt::UserRole).toString().toStdString();
        const bool failed = s.errors.count(role) != 0;
        item->setText(1, failed ? "error" : "connected");
        item->setForeground(1, failed ? QColor("#c00000") : QColor("#107010"));
        item->setText(kLiveColumn, QString::fromStdString(describeRole(role, s)));
        item->setToolTip(kLiveColumn, item->text(kLiveColumn));
    }
    m_grid->showSnapshot(s);
    m_battery->showSnapshot(s);
    m_ev->showSnapshot(s);
    m_dut->showSnapshot(s);
}

} // namespace v2gbench::gui
