#include "v2gbench/gui/bench_controller.hpp"
#include "v2gbench/gui/panel_widgets.hpp"
#include "v2gbench/gui/role_panels.hpp"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>

namespace v2gbench::gui {

DutPanel::DutPanel(BenchController* bench, QWidget* parent) : QWidget(parent), m_bench(bench) {
    auto* form = new QFormLayout(this);
    // Signed, grid side, bench convention: positive charges the EV, negative is V2G discharge.
    m_power = makeSetpoint("dut.power", -500, 500, -10, 2, "kW", this);
    m_power->setToolTip("Grid-side power: positive charges the EV, negative is V2G discharge");
    form->addRow("Setpoint (− = V2G)", m_power);
    auto* buttons = new QHBoxLayout;
    auto* dispatch = new QPushButton("Dispatch", this);
    dispatch->setObjectName("dut.dispatch");
    auto* release = new QPushButton("Release", this);
    release->setObjectName("dut.release");
    buttons->addWidget(dispatch);
    buttons->addWidget(release);
    form->addRow(buttons);
    m_state = makeReadback("dut.read.state", this);
    m_setpoint = makeReadback("dut.read.setpoint", this);
    m_reported = makeReadback("dut.read.reported", this);
    form->addRow("State", m_state);
    form->addRow("Dispatch setpoint", m_setpoint);
    form->addRow("Reported grid power", m_reported);
    m_refusal = new QLabel(this);
    m_refusal->setObjectName("dut.dispatch.refusal");
    m_refusal->setWordWrap(true);
    m_refusal->setStyleSheet("color: #b00020; font-weight: bold");
    m_refusal->hide();
    form->addRow(m_refusal);

    connect(dispatch, &QPushButton::clicked, this, [this] {
        // A dispatch with no charging session has no battery behind it: the charger would show
        // its outputs on with nothing to draw from or feed. Refused, and said where the operator looks.
        if (m_noChargingEv) {
            m_refusal->setText(QString("Dispatch refused: the EV emulator reports '%1', not 'charging'. "
                                       "Connect the EV and let it reach charging first (EV panel → Connect).")
                                   .arg(QString::fromStdString(*m_noChargingEv)));
            m_refusal->show();
            return;
        }
        m_refusal->hide();
        const double kw = m_power->value();
        m_bench->perform({"dut", "dut.dispatch", QString("%1 kW").arg(kw).toStdString(),
                          [kw](bench::BenchSession& s) { s.dut().dispatchPower(units::Watts(kw * 1000.0)); }, {}});
    });
    connect(release, &QPushButton::clicked, this, [this] {
        m_bench->perform({"dut", "dut.release", "release dispatch",
                          [](bench::BenchSession& s) { s.dut().releaseDispatch(); }, {}});
    });
}

void DutPanel::showSnapshot(const BenchSnapshot& s) {
    setEnabled(s.hasDut || s.errors.count("dut"));
    // Without an EV emulator on the bench (a real vehicle) the bench cannot tell: no refusal.
    m_noChargingEv.reset();
    if (s.hasEv && s.ev.phase != core::EvPhase::Charging) m_noChargingEv = core::toString(s.ev.phase);
    if (!s.hasDut) return;
    m_state->setText(QString::fromStdString(s.dut.state));
    m_setpoint->setText(s.dut.dispatchActive ? withUnit(s.dut.dispatchSetpoint.value / 1000.0, 2, "kW")
                                             : QString("— (following the vehicle)"));
    m_reported->setText(withUnit(s.dut.reportedPower.value / 1000.0, 2, "kW"));
}

} // namespace v2gbench::gui
