#include "scpi_models.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

#include <cmath>
#include <limits>

namespace v2gbench::simwire::scpi {

namespace codec = transports::scpi;

AnalyzerScpiModel::AnalyzerScpiModel(std::shared_ptr<sim::SimLab> lab, int acPhases, std::string idn)
    : m_lab(std::move(lab)), m_acPhases(acPhases > 0 && acPhases <= 3 ? acPhases : 3), m_idn(std::move(idn)) {}

std::string AnalyzerScpiModel::execute(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "measure.init" || !m_last) m_last = m_lab->withPlant([](sim::Plant& p) { return p.measure(); });
    if (op == "measure.init") return {};
    const auto& r = *m_last;
    const int ch = call.suffix;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double v = 0.0;
    if (ch == 4) { // DC output of the charger; positive = into the battery
        const auto& dc = r.dc;
        if (op == "u.trms") v = std::abs(dc.voltage.value);
        else if (op == "i.trms") v = std::abs(dc.current.value);
        else if (op == "p") v = dc.power.value;
        else if (op == "s") v = std::abs(dc.power.value);
        else if (op == "q") v = 0.0;
        else if (op == "pf") v = dc.power.value != 0.0 ? 1.0 : 0.0;
        else if (op == "f" || op == "u.thd" || op == "i.thd") v = nan; // no fundamental on DC
        else if (op == "u.dc") v = dc.voltage.value;
        else if (op == "i.dc") v = dc.current.value;
    } else if (ch <= m_acPhases) { // one phase of the AC input; positive = grid into the charger
        const auto& ac = r.ac;
        const double n = m_acPhases;
        if (op == "u.trms") v = ac.voltage.value;
        else if (op == "i.trms") v = ac.current.value;
        else if (op == "p") v = ac.activePower.value / n;
        else if (op == "q") v = ac.reactivePower.value / n;
        else if (op == "s") v = ac.apparentPower.value / n;
        else if (op == "pf") v = ac.powerFactor.value;
        else if (op == "f") v = ac.frequency.value;
        else if (op == "u.thd") v = 0.0;                         // the plant's grid is a pure sine
        else if (op == "i.thd") v = ac.currentThd.value * 100.0; // the LMG reports THD in %
        else if (op == "u.dc" || op == "i.dc") v = 0.0;
    }
    return codec::formatNumber(v);
}

} // namespace v2gbench::simwire::scpi
