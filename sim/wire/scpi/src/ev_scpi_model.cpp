#include "scpi_models.hpp"

#include "v2gbench/transports/scpi_codec.hpp"

namespace v2gbench::simwire::scpi {

namespace codec = transports::scpi;

EvScpiModel::EvScpiModel(std::shared_ptr<sim::SimLab> lab, std::string idn) : m_lab(std::move(lab)), m_idn(std::move(idn)) {}

void EvScpiModel::reset() {
    m_lab->withPlant([](sim::Plant& p) {
        p.evDemand(core::ChargeDemand{});
        p.evDisconnect();
    });
}

std::string EvScpiModel::execute(const ScpiCall& call) {
    const std::string& op = call.spec.operation;
    if (op == "connect") return m_lab->withPlant([](sim::Plant& p) { p.evConnect(); }), "";
    if (op == "stop") return m_lab->withPlant([](sim::Plant& p) { p.evStop(); }), "";
    if (op == "disconnect") return m_lab->withPlant([](sim::Plant& p) { p.evDisconnect(); }), "";
    if (op == "status") {
        const auto s = m_lab->withPlant([](sim::Plant& p) { return p.evStatus(); });
        return core::toString(s.phase) + "," + codec::formatNumber(s.demand.voltage.value) + "," +
               codec::formatNumber(s.demand.current.value) + "," + codec::formatNumber(s.chargerVoltage.value) + "," +
               codec::formatNumber(s.chargerCurrent.value) + "," + codec::quote(s.detail);
    }
    if (op.rfind("demand.", 0) == 0) {
        return m_lab->withPlant([&](sim::Plant& p) -> std::string {
            auto d = p.evStatus().demand;
            if (call.query) {
                if (op == "demand.voltage") return codec::formatNumber(d.voltage.value);
                if (op == "demand.current") return codec::formatNumber(d.current.value);
                if (op == "demand.discharge") return codec::formatNumber(d.maxDischargeCurrent.value);
                return d.mode == core::DemandMode::ConstantCurrent ? "CC" : "CV";
            }
            if (op == "demand.voltage") d.voltage = units::Volts(call.number);
            else if (op == "demand.current") d.current = units::Amperes(call.number);
            else if (op == "demand.discharge") d.maxDischargeCurrent = units::Amperes(call.number);
            else d.mode = call.choice == 0 ? core::DemandMode::ConstantCurrent : core::DemandMode::ConstantVoltage;
            p.evDemand(d);
            return {};
        });
    }
    throw ScpiStatusError(-113, op);
}

} // namespace v2gbench::simwire::scpi
