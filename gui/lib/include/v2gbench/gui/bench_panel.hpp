#pragma once
// The bench dock: choose and open a bench profile, the instrument list (connection state,
// identity, live status) and one control panel per bound role.
#include "v2gbench/gui/bench_snapshot.hpp"
#include "v2gbench/gui/sim_lab_process.hpp"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace v2gbench::gui {

class BenchController;
class GridPanel;
class BatteryPanel;
class EvPanel;
class DutPanel;

class BenchPanel : public QWidget {
    Q_OBJECT
public:
    BenchPanel(BenchController* bench, const QString& dataDir, QWidget* parent = nullptr);

    QString benchPath() const;
    QString dutPath() const;
    void setBenchPath(const QString& path);
    void setDutPath(const QString& path);
    // Opens the chosen profile (the controller reports the outcome).
    void openSelected();
    // The "Start / Stop simulated lab" row: shown for the profiles v2gbench-sim serves (or while
    // it runs), its button following the process state.
    void setSimLabState(bool offered, SimLabProcess::State state);
    // While a plan run holds the bench (the GUI's own, with the manual session closed), Open bench,
    // Close and every manual control are disabled: one owner per bench.
    void setRunHoldsBench(bool held);
    // Operator mode: no manual control (the Grid/Battery/EV/DUT tabs are not shown) and the bench
    // is the approved set's (setBenchPath from the set; the operator cannot choose another).
    void setOperatorMode(bool on);
    bool runHoldsBench() const { return m_runHoldsBench; }

protected:
    void resizeEvent(QResizeEvent* event) override;

Q_SIGNALS:
    void benchPathChanged(const QString& path);
    void startSimLabRequested();
    void stopSimLabRequested();

private:
    void showOpened(const SessionInfo& info);
    void showClosed();
    void showSnapshot(const BenchSnapshot& s);
    void addPath(QComboBox* combo, const QString& path);

    BenchController* m_bench;
    QComboBox* m_benchCombo;
    QComboBox* m_dutCombo;
    QPushButton* m_open;
    QPushButton* m_close;
    QLabel* m_state;
    QWidget* m_simRow;
    QPushButton* m_simButton;
    QLabel* m_simState;
    SimLabProcess::State m_simLab = SimLabProcess::State::Stopped;
    bool m_runHoldsBench = false;
    bool m_sessionOpen = false;
    bool m_operatorMode = false;
    QWidget* m_browseBench = nullptr;
    QWidget* m_browseDut = nullptr;
    QTreeWidget* m_instruments;
    QTabWidget* m_tabs;
    GridPanel* m_grid;
    BatteryPanel* m_battery;
    EvPanel* m_ev;
    DutPanel* m_dut;
};

} // namespace v2gbench::gui
