#include "scpi_models.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::simwire::scpi {

namespace codec = transports::scpi;

GridScpiModel::GridScpiModel(const transports::ScpiDialect& dialect, std::shared_ptr<sim::SimLab> lab, std::string idn)
    : m_dialect(dialect), m_lab(std::move(lab)), m_idn(std::move(idn)) {}

void GridScpiModel::reset() {
    m_allPhases = true;
    m_selected = 1;
    m_voltage = {};
    m_angle = {0.0, 120.0, 240.0};
    m_frequency = 50.0;
    m_slew = 0.0;
    m_output = false;
    m_lab->withPlant([](sim::Plant& p) { p.gridOff(); });
}

void GridScpiModel::pushToPlant() {
    if (!m_output) return;
    const double mean = (m_voltage[0] + m_voltage[1] + m_voltage[2]) / 3.0;
    m_lab->withPlant([&](sim::Plant& p) { p.gridApply(units::Volts(mean), units::Hertz(m_frequency)); });
}

std::string GridScpiModel::execute(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "phase.mode") {
        if (call.query) return codec::upper(call.spec.choices[m_allPhases ? 0 : 1]);
        m_allPhases = call.choice == 0;
        return {};
    }
    if (op == "phase.select") {
        if (call.query) return std::to_string(m_selected);
        if (call.number != static_cast<int>(call.number)) throw ScpiStatusError(-224, "phase must be 1, 2 or 3");
        m_selected = static_cast<int>(call.number);
        return {};
    }
    if (op == "voltage") {
        if (call.query) return codec::formatNumber(m_voltage[static_cast<std::size_t>(phaseIndex())]);
        if (m_allPhases) m_voltage.fill(call.number);
        else m_voltage[static_cast<std::size_t>(m_selected - 1)] = call.number;
        pushToPlant();
        return {};
    }
    if (op == "frequency") {
        if (call.query) return codec::formatNumber(m_frequency);
        m_frequency = call.number;
        pushToPlant();
        return {};
    }
    if (op == "phase.angle") {
        const auto i = static_cast<std::size_t>(phaseIndex());
        if (call.query) return codec::formatNumber(m_angle[i]);
        if (i == 0 && call.number != 0.0) throw ScpiStatusError(-221, "phase 1 is the reference (0 deg)");
        m_angle[i] = call.number;
        return {};
    }
    if (op == "phase.angle.p12" || op == "phase.angle.p13") {
        const std::size_t i = op == "phase.angle.p12" ? 1 : 2;
        if (call.query) return codec::formatNumber(m_angle[i]);
        m_angle[i] = call.number;
        return {};
    }
    if (op == "slew.voltage") {
        if (call.query) return codec::formatNumber(m_slew);
        m_slew = call.number;
        return {};
    }
    if (op == "abort") return {};
    if (op == "output") {
        if (call.query) return m_output ? "1" : "0";
        m_output = call.flag;
        if (m_output) pushToPlant();
        else m_lab->withPlant([](sim::Plant& p) { p.gridOff(); });
        return {};
    }
    if (op.rfind("measure.", 0) == 0) {
        const auto r = m_lab->withPlant([](sim::Plant& p) { return p.measure(); });
        const double mean = (m_voltage[0] + m_voltage[1] + m_voltage[2]) / 3.0;
        const double share = m_allPhases ? 1.0 : 1.0 / 3.0; // coupled: totals; per phase: a third
        double v = 0.0;
        if (op == "measure.voltage")
            v = mean > 0 ? r.ac.voltage.value * m_voltage[static_cast<std::size_t>(phaseIndex())] / mean : r.ac.voltage.value;
        else if (op == "measure.current") v = r.ac.current.value;
        else if (op == "measure.power") v = r.ac.activePower.value * share;
        else if (op == "measure.apparent") v = r.ac.apparentPower.value * share;
        else if (op == "measure.pfactor") v = r.ac.powerFactor.value;
        else if (op == "measure.frequency") v = r.ac.frequency.value;
        return codec::formatNumber(v);
    }
    throw ScpiStatusError(-113, op);
}

} // namespace v2gbench::simwire::scpi
