#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/role_panels.hpp"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>

namespace v2gbench::gui {

BatteryPanel::BatteryPanel(BenchController* bench, QWidget* parent) : QWidget(parent), m_bench(bench) {
    auto* form = new QFormLayout(this);
    m_voltage = makeSetpoint("battery.voltage", 0, 1000, 400, 1, "V", this);
    m_soc = makeSetpoint("battery.soc", 0, 100, 50, 1, "%", this);
    m_chargeLimit = makeSetpoint("battery.charge_limit", 0, 300, 250, 1, "A", this);
    m_dischargeLimit = makeSetpoint("battery.discharge_limit", 0, 300, 250, 1, "A", this);
    form->addRow("Open-circuit voltage", m_voltage);
    form->addRow("State of charge", m_soc);
    form->addRow("Sink limit (charging)", m_chargeLimit);
    form->addRow("Source limit (discharge)", m_dischargeLimit);
    auto* buttons = new QHBoxLayout;
    auto* emulate = new QPushButton("Emulate && output on", this);
    emulate->setObjectName("battery.emulate");
    auto* off = new QPushButton("Output off", this);
    off->setObjectName("battery.off");
    buttons->addWidget(emulate);
    buttons->addWidget(off);
    form->addRow(buttons);
    m_output = makeReadback("battery.read.output", this);
    m_readVoltage = makeReadback("battery.read.voltage", this);
    m_readCurrent = makeReadback("battery.read.current", this);
    m_readSoc = makeReadback("battery.read.soc", this);
    form->addRow("Output", m_output);
    form->addRow("Terminal voltage", m_readVoltage);
    form->addRow("Current (+ = charging)", m_readCurrent);
    form->addRow("SoC", m_readSoc);

    connect(emulate, &QPushButton::clicked, this, [this] {
        core::BatteryEmulation model;
        model.voltage = units::Volts(m_voltage->value());
        model.soc = units::Ratio(m_soc->value() / 100.0);
        model.maxChargeCurrent = units::Amperes(m_chargeLimit->value());
        model.maxDischargeCurrent = units::Amperes(m_dischargeLimit->value());
        const QString sent = QString("voltage %1 V, SoC %2 %, sink limit %3 A, source limit %4 A")
                                 .arg(m_voltage->value())
                                 .arg(m_soc->value())
                                 .arg(m_chargeLimit->value())
                                 .arg(m_dischargeLimit->value());
        m_bench->perform({"battery", "battery.emulate", sent.toStdString(),
                          [model](bench::BenchSession& s) { s.battery().emulate(model); }, {}});
    });
    connect(off, &QPushButton::clicked, this, [this] {
        m_bench->perform(
            {"battery", "battery.off", "output off", [](bench::BenchSession& s) { s.battery().off(); }, {}});
    });
}

void BatteryPanel::showSnapshot(const BenchSnapshot& s) {
    setEnabled(s.hasBattery || s.errors.count("battery"));
    if (!s.hasBattery) return;
    m_output->setText(s.battery.outputOn ? "ON" : "off");
    m_output->setStyleSheet(s.battery.outputOn ? "color: #c00000; font-weight: bold" : "");
    m_readVoltage->setText(withUnit(s.battery.voltage.value, 1, "V"));
    m_readCurrent->setText(withUnit(s.battery.current.value, 2, "A"));
    m_readSoc->setText(withUnit(s.battery.soc.value * 100.0, 1, "%"));
}

} // namespace v2gbench::gui
