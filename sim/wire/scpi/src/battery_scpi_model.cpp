#include "scpi_models.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::simwire::scpi {

namespace codec = transports::scpi;

BatteryScpiModel::BatteryScpiModel(std::shared_ptr<sim::SimLab> lab, std::string idn)
    : m_lab(std::move(lab)), m_idn(std::move(idn)) {}

void BatteryScpiModel::reset() {
    m_voltage = 0.0;
    m_limitPositive = 10.0;
    m_limitNegative = -10.0;
    m_output = false;
    m_lab->withPlant([](sim::Plant& p) { p.batteryOff(); });
}

void BatteryScpiModel::pushToPlant() {
    if (!m_output) return;
    core::BatteryEmulation model;
    model.voltage = units::Volts(m_voltage);
    model.soc = units::Ratio(0.5);
    model.capacity = units::AmpereHours(1e6); // a CV supply: its voltage does not drift with charge
    model.internalResistance = units::Ohms(0.05);
    model.maxChargeCurrent = units::Amperes(-m_limitNegative);  // sink limit: into the "battery"
    model.maxDischargeCurrent = units::Amperes(m_limitPositive); // source limit: out of it
    m_lab->withPlant([&](sim::Plant& p) { p.batteryEmulate(model); });
}

std::string BatteryScpiModel::execute(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "remote") return {};
    if (op == "function") {
        if (call.query) return "VOLT";
        // Only constant-voltage priority is simulated: the plant's battery is a voltage source.
        if (call.choice != 0) throw ScpiStatusError(-221, "the simulated supply runs in CV priority only");
        return {};
    }
    auto setOrQuery = [&](double& field) -> std::string {
        if (call.query) return codec::formatNumber(field);
        field = call.number;
        pushToPlant();
        return {};
    };
    if (op == "voltage") return setOrQuery(m_voltage);
    if (op == "current.limit.positive") return setOrQuery(m_limitPositive);
    if (op == "current.limit.negative") return setOrQuery(m_limitNegative);
    if (op == "output") {
        if (call.query) return m_output ? "1" : "0";
        m_output = call.flag;
        if (m_output) pushToPlant();
        else m_lab->withPlant([](sim::Plant& p) { p.batteryOff(); });
        return {};
    }
    if (op.rfind("measure.", 0) == 0) {
        const auto r = m_lab->withPlant([](sim::Plant& p) { return p.batteryReading(); });
        // The bench counts current into the battery as positive; the supply counts sourcing.
        const double v = r.outputOn ? r.voltage.value : 0.0;
        const double i = r.outputOn ? -r.current.value : 0.0;
        if (op == "measure.voltage") return codec::formatNumber(v);
        if (op == "measure.current") return codec::formatNumber(i);
        if (op == "measure.power") return codec::formatNumber(v * i);
    }
    throw ScpiStatusError(-113, op);
}

} // namespace v2gbench::simwire::scpi
