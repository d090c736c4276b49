#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/role_panels.hpp"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>

namespace v2gbench::gui {

GridPanel::GridPanel(BenchController* bench, QWidget* parent) : QWidget(parent), m_bench(bench) {
    auto* form = new QFormLayout(this);
    // The grid role applies one L-N voltage to every phase (GridSetpoint); per-phase setpoints
    // would need a role extension.
    m_voltage = makeSetpoint("grid.voltage", 0, 300, 230, 1, "V", this);
    m_frequency = makeSetpoint("grid.frequency", 45, 65, 50, 2, "Hz", this);
    form->addRow("Voltage L-N (all phases)", m_voltage);
    form->addRow("Frequency", m_frequency);
    auto* buttons = new QHBoxLayout;
    auto* apply = new QPushButton("Apply && output on", this);
    apply->setObjectName("grid.apply");
    auto* off = new QPushButton("Output off", this);
    off->setObjectName("grid.off");
    buttons->addWidget(apply);
    buttons->addWidget(off);
    form->addRow(buttons);
    m_output = makeReadback("grid.read.output", this);
    m_readVoltage = makeReadback("grid.read.voltage", this);
    m_readFrequency = makeReadback("grid.read.frequency", this);
    m_acMeasured = makeReadback("grid.read.analyzer", this);
    form->addRow("Output", m_output);
    form->addRow("Programmed voltage", m_readVoltage);
    form->addRow("Programmed frequency", m_readFrequency);
    form->addRow("Analyzer AC", m_acMeasured);

    connect(apply, &QPushButton::clicked, this, [this] {
        const double v = m_voltage->value(), f = m_frequency->value();
        m_bench->perform({"grid", "grid.apply", QString("voltage %1 V, frequency %2 Hz").arg(v).arg(f).toStdString(),
                          [v, f](bench::BenchSession& s) {
                              s.grid().apply({units::Volts(v), units::Hertz(f)});
                          },
                          {}});
    });
    connect(off, &QPushButton::clicked, this, [this] {
        m_bench->perform({"grid", "grid.off", "output off", [](bench::BenchSession& s) { s.grid().off(); }, {}});
    });
}

void GridPanel::showSnapshot(const BenchSnapshot& s) {
    setEnabled(s.hasGrid || s.errors.count("grid"));
    if (!s.hasGrid) return;
    m_output->setText(s.grid.outputOn ? "ON" : "off");
    m_output->setStyleSheet(s.grid.outputOn ? "color: #c00000; font-weight: bold" : "");
    m_readVoltage->setText(withUnit(s.grid.voltage.value, 1, "V"));
    m_readFrequency->setText(withUnit(s.grid.frequency.value, 2, "Hz"));
    if (s.hasAnalyzer)
        m_acMeasured->setText(QString("%1 V  %2 A  %3 kW  %4 Hz")
                                  .arg(s.analyzer.ac.voltage.value, 0, 'f', 1)
                                  .arg(s.analyzer.ac.current.value, 0, 'f', 1)
                                  .arg(s.analyzer.ac.activePower.value / 1000.0, 0, 'f', 2)
                                  .arg(s.analyzer.ac.frequency.value, 0, 'f', 2));
}

} // namespace v2gbench::gui
