#pragma once
// One control panel per role: setpoints sent through the bench worker (never from the GUI
// thread) and live read-backs refreshed from every poll.
#include "v2gbench/gui/bench_snapshot.hpp"

#include <QWidget>

#include <optional>
#include <string>

class QDoubleSpinBox;
class QLabel;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace v2gbench::gui {

class BenchController;

class GridPanel : public QWidget {
    Q_OBJECT
public:
    GridPanel(BenchController* bench, QWidget* parent = nullptr);
    void showSnapshot(const BenchSnapshot& s);

private:
    BenchController* m_bench;
    QDoubleSpinBox* m_voltage;
    QDoubleSpinBox* m_frequency;
    QLabel* m_output;
    QLabel* m_readVoltage;
    QLabel* m_readFrequency;
    QLabel* m_acMeasured;
};

class BatteryPanel : public QWidget {
    Q_OBJECT
public:
    BatteryPanel(BenchController* bench, QWidget* parent = nullptr);
    void showSnapshot(const BenchSnapshot& s);

private:
    BenchController* m_bench;
    QDoubleSpinBox* m_voltage;
    QDoubleSpinBox* m_soc;
    QDoubleSpinBox* m_chargeLimit;
    QDoubleSpinBox* m_dischargeLimit;
    QLabel* m_output;
    QLabel* m_readVoltage;
    QLabel* m_readCurrent;
    QLabel* m_readSoc;
};

class EvPanel : public QWidget {
    Q_OBJECT
public:
    EvPanel(BenchController* bench, QWidget* parent = nullptr);
    void showSnapshot(const BenchSnapshot& s);

private:
    void sendDemand();
    void injectFault();
    BenchController* m_bench;
    QDoubleSpinBox* m_demandVoltage;
    QDoubleSpinBox* m_demandCurrent;
    QDoubleSpinBox* m_maxDischarge;
    QComboBox* m_mode;
    QCheckBox* m_cc1Broken;
    QCheckBox* m_cc1Forced;
    QDoubleSpinBox* m_cc1Voltage;
    QComboBox* m_faultKind;
    QComboBox* m_faultMessage;
    QDoubleSpinBox* m_faultTime;
    QLineEdit* m_faultField;
    QDoubleSpinBox* m_faultValue;
    QLineEdit* m_faultMode;
    QLabel* m_phase;
    QLabel* m_protocol;
    QLabel* m_demand;
    QLabel* m_charger;
    QLabel* m_circuit;
    QLabel* m_detail;
};

class DutPanel : public QWidget {
    Q_OBJECT
public:
    DutPanel(BenchController* bench, QWidget* parent = nullptr);
    void showSnapshot(const BenchSnapshot& s);

private:
    BenchController* m_bench;
    QDoubleSpinBox* m_power;
    QLabel* m_state;
    QLabel* m_setpoint;
    QLabel* m_reported;
    QLabel* m_refusal;          // why the last dispatch was refused, empty otherwise
    std::optional<std::string> m_noChargingEv; // the EV emulator's phase when it is not charging
};

} // namespace v2gbench::gui
