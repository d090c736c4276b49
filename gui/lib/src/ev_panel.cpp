#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/role_panels.hpp"
#include "v2gbench/protocols/gbt27930/message_table.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace v2gbench::gui {

namespace {
QPushButton* button(const QString& text, const QString& name, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

// Widgets in rows of `columns`: a row of six buttons would push the dock wider than the screen
// allows, or overflow it.
QGridLayout* inRows(std::initializer_list<QWidget*> widgets, int columns) {
    auto* grid = new QGridLayout;
    int i = 0;
    for (QWidget* w : widgets) {
        grid->addWidget(w, i / columns, i % columns);
        ++i;
    }
    for (int c = 0; c < columns; ++c) grid->setColumnStretch(c, 1);
    return grid;
}
} // namespace

EvPanel::EvPanel(BenchController* bench, QWidget* parent) : QWidget(parent), m_bench(bench) {
    auto* top = new QVBoxLayout(this);

    // Session: plug, pause, stop.
    auto* connectButton = button("Connect", "ev.connect", this);
    auto* pause = button("Pause", "ev.pause", this);
    auto* resume = button("Resume", "ev.resume", this);
    auto* stop = button("Stop", "ev.stop", this);
    auto* unplug = button("Disconnect", "ev.disconnect", this);
    top->addLayout(inRows({connectButton, unplug, stop, pause, resume}, 3));

    auto* demandBox = new QGroupBox("Demand", this);
    auto* demandForm = new QFormLayout(demandBox);
    m_demandVoltage = makeSetpoint("ev.demand_voltage", 0, 1000, 450, 1, "V", demandBox);
    m_demandCurrent = makeSetpoint("ev.demand_current", 0, 300, 50, 1, "A", demandBox);
    m_maxDischarge = makeSetpoint("ev.max_discharge_current", 0, 300, 0, 1, "A", demandBox);
    m_mode = new QComboBox(demandBox);
    m_mode->addItems({"constant-current", "constant-voltage"});
    demandForm->addRow("Voltage", m_demandVoltage);
    demandForm->addRow("Current", m_demandCurrent);
    demandForm->addRow("Mode", m_mode);
    demandForm->addRow("V2G discharge up to", m_maxDischarge);
    auto* send = button("Send demand", "ev.demand", demandBox);
    demandForm->addRow(send);
    top->addWidget(demandBox);

    auto* circuitBox = new QGroupBox("Connection circuit", this);
    auto* openS = button("Open S", "ev.open_s", circuitBox);
    auto* closeS = button("Close S", "ev.close_s", circuitBox);
    m_cc1Broken = new QCheckBox("CC1 broken", circuitBox);
    m_cc1Forced = new QCheckBox("force CC1", circuitBox);
    m_cc1Voltage = makeSetpoint("ev.cc1_voltage", 0, 12, 4, 2, "V", circuitBox);
    auto* applyCc1 = button("Apply CC1", "ev.cc1", circuitBox);
    circuitBox->setLayout(inRows({openS, closeS, m_cc1Broken, m_cc1Forced, m_cc1Voltage, applyCc1}, 3));
    top->addWidget(circuitBox);

    auto* faultBox = new QGroupBox("Protocol fault (BMS side)", this);
    auto* faultForm = new QFormLayout(faultBox);
    m_faultKind = new QComboBox(faultBox);
    m_faultKind->setObjectName("ev.fault_kind");
    m_faultKind->addItems({"silence", "period", "delay", "corrupt", "dlc", "tp_break", "bem", "stop_answering", "stale"});
    m_faultMessage = new QComboBox(faultBox);
    m_faultMessage->setObjectName("ev.fault_message");
    for (const auto& spec : protocols::gbt27930::messageTable())
        if (spec.direction == protocols::gbt27930::Direction::BmsToCharger) m_faultMessage->addItem(spec.name);
    m_faultTime = makeSetpoint("ev.fault_time", 0, 60000, 100, 0, "ms", faultBox);
    m_faultField = new QLineEdit(faultBox);
    m_faultField->setPlaceholderText("field (corrupt, bem), e.g. current demand / CRM timeout");
    m_faultValue = makeSetpoint("ev.fault_value", -1e9, 1e9, 0, 0, "(raw / DLC)", faultBox);
    m_faultMode = new QLineEdit(faultBox);
    m_faultMode->setPlaceholderText("tp_break: abort|missing-packet|wrong-sequence|no-end; stop_answering: phase");
    faultForm->addRow("Kind", m_faultKind);
    faultForm->addRow("Message", m_faultMessage);
    faultForm->addRow("Period / delay", m_faultTime);
    faultForm->addRow("Field", m_faultField);
    faultForm->addRow("Value / DLC", m_faultValue);
    faultForm->addRow("Mode / phase", m_faultMode);
    auto* faultButtons = new QHBoxLayout;
    auto* inject = button("Inject fault", "ev.inject", faultBox);
    auto* clear = button("Clear faults", "ev.clear_faults", faultBox);
    faultButtons->addWidget(inject);
    faultButtons->addWidget(clear);
    faultForm->addRow(faultButtons);
    top->addWidget(faultBox);

    auto* readForm = new QFormLayout;
    m_phase = makeReadback("ev.read.phase", this);
    m_protocol = makeReadback("ev.read.protocol", this);
    m_demand = makeReadback("ev.read.demand", this);
    m_charger = makeReadback("ev.read.charger", this);
    m_circuit = makeReadback("ev.read.circuit", this);
    m_detail = makeReadback("ev.read.detail", this);
    m_detail->setWordWrap(true);
    readForm->addRow("Phase", m_phase);
    readForm->addRow("BMS state", m_protocol);
    readForm->addRow("Demand", m_demand);
    readForm->addRow("Charger output", m_charger);
    readForm->addRow("Circuit", m_circuit);
    readForm->addRow("Last event", m_detail);
    top->addLayout(readForm);
    top->addStretch();

    auto simple = [this](const char* action, const char* sent, void (*f)(core::EvEmulator&)) {
        m_bench->perform({"ev", action, sent, [f](bench::BenchSession& s) { f(s.ev()); }, {}});
    };
    connect(connectButton, &QPushButton::clicked, this,
            [simple] { simple("ev.connect", "plug in", [](core::EvEmulator& ev) { ev.connect(); }); });
    connect(pause, &QPushButton::clicked, this,
            [simple] { simple("ev.pause", "charging not permitted", [](core::EvEmulator& ev) { ev.pause(); }); });
    connect(resume, &QPushButton::clicked, this,
            [simple] { simple("ev.resume", "charging permitted", [](core::EvEmulator& ev) { ev.resume(); }); });
    connect(stop, &QPushButton::clicked, this,
            [simple] { simple("ev.stop", "end of charging", [](core::EvEmulator& ev) { ev.stop(); }); });
    connect(unplug, &QPushButton::clicked, this,
            [simple] { simple("ev.disconnect", "unplug", [](core::EvEmulator& ev) { ev.disconnect(); }); });
    connect(openS, &QPushButton::clicked, this,
            [simple] { simple("ev.switch_s", "open", [](core::EvEmulator& ev) { ev.setSwitchS(false); }); });
    connect(closeS, &QPushButton::clicked, this,
            [simple] { simple("ev.switch_s", "closed", [](core::EvEmulator& ev) { ev.setSwitchS(true); }); });
    connect(clear, &QPushButton::clicked, this,
            [simple] { simple("ev.clear_faults", "clear all", [](core::EvEmulator& ev) { ev.clearFaults(); }); });
    connect(send, &QPushButton::clicked, this, [this] { sendDemand(); });
    connect(inject, &QPushButton::clicked, this, [this] { injectFault(); });
    connect(applyCc1, &QPushButton::clicked, this, [this] {
        core::Cc1Setting cc1;
        cc1.broken = m_cc1Broken->isChecked();
        if (m_cc1Forced->isChecked()) cc1.voltage = units::Volts(m_cc1Voltage->value());
        const QString sent = cc1.broken ? QString("broken")
                             : cc1.voltage ? QString("forced %1 V").arg(m_cc1Voltage->value())
                                           : QString("natural");
        m_bench->perform({"ev", "ev.cc1", sent.toStdString(), [cc1](bench::BenchSession& s) { s.ev().setCc1(cc1); }, {}});
    });
}

void EvPanel::sendDemand() {
    core::ChargeDemand d;
    d.voltage = units::Volts(m_demandVoltage->value());
    d.current = units::Amperes(m_demandCurrent->value());
    d.mode = m_mode->currentIndex() == 0 ? core::DemandMode::ConstantCurrent : core::DemandMode::ConstantVoltage;
    d.maxDischargeCurrent = units::Amperes(m_maxDischarge->value());
    const QString sent = QString("%1 V, %2 A, %3, discharge up to %4 A")
                             .arg(m_demandVoltage->value())
                             .arg(m_demandCurrent->value())
                             .arg(m_mode->currentText())
                             .arg(m_maxDischarge->value());
    m_bench->perform({"ev", "ev.demand", sent.toStdString(), [d](bench::BenchSession& s) { s.ev().demand(d); }, {}});
}

void EvPanel::injectFault() {
    core::EvFault fault;
    const auto kind = core::evFaultKindFromString(m_faultKind->currentText().toStdString());
    if (!kind) return;
    fault.kind = *kind;
    fault.message = m_faultMessage->currentText().toStdString();
    const double seconds = m_faultTime->value() / 1000.0;
    fault.period = units::Seconds(seconds);
    fault.delay = units::Seconds(seconds);
    fault.field = m_faultField->text().toStdString();
    fault.value = m_faultValue->value();
    fault.dlc = static_cast<int>(m_faultValue->value());
    fault.mode = m_faultMode->text().toStdString();
    fault.phase = m_faultMode->text().toStdString();
    QString sent = m_faultKind->currentText() + " " + m_faultMessage->currentText();
    switch (fault.kind) {
    case core::EvFaultKind::Period: sent += QString(" every %1 ms").arg(m_faultTime->value()); break;
    case core::EvFaultKind::Delay: sent += QString(" %1 ms late").arg(m_faultTime->value()); break;
    case core::EvFaultKind::Corrupt: sent += " " + m_faultField->text() + "=" + QString::number(fault.value); break;
    case core::EvFaultKind::WrongDlc: sent += QString(" DLC %1").arg(fault.dlc); break;
    case core::EvFaultKind::BreakTransport: sent += " " + m_faultMode->text(); break;
    case core::EvFaultKind::SendBem: sent = "BEM " + m_faultField->text(); break;
    case core::EvFaultKind::StopAnswering: sent = "stop answering from phase " + m_faultMode->text(); break;
    case core::EvFaultKind::Silence:
    case core::EvFaultKind::Stale:
    case core::EvFaultKind::Substitute: break; // substitute needs `with`, which this panel does not offer
    }
    m_bench->perform(
        {"ev", "ev.fault", sent.toStdString(), [fault](bench::BenchSession& s) { s.ev().injectFault(fault); }, {}});
}

void EvPanel::showSnapshot(const BenchSnapshot& s) {
    setEnabled(s.hasEv || s.errors.count("ev"));
    if (!s.hasEv) return;
    m_phase->setText(QString::fromStdString(core::toString(s.ev.phase)) + (s.ev.paused ? " (paused)" : ""));
    m_protocol->setText(QString::fromStdString(s.ev.protocolState.empty() ? "—" : s.ev.protocolState) +
                        QString("   timeouts %1").arg(s.ev.timeouts));
    m_demand->setText(QString("%1 V  %2 A  %3")
                          .arg(s.ev.demand.voltage.value, 0, 'f', 1)
                          .arg(s.ev.demand.current.value, 0, 'f', 1)
                          .arg(s.ev.demand.mode == core::DemandMode::ConstantCurrent ? "CC" : "CV"));
    m_charger->setText(QString("%1 V  %2 A")
                           .arg(s.ev.chargerVoltage.value, 0, 'f', 1)
                           .arg(s.ev.chargerCurrent.value, 0, 'f', 2));
    m_circuit->setText(QString("CC1 %1 V, switch S %2")
                           .arg(s.ev.cc1Voltage.value, 0, 'f', 2)
                           .arg(s.ev.switchSClosed ? "closed" : "OPEN"));
    m_detail->setText(QString::fromStdString(s.ev.detail));
}

} // namespace v2gbench::gui
