#include "v2gbench/simwire/modbus/relay_module_service.hpp"

#include <stdexcept>

namespace v2gbench::simwire::modbus {

namespace {
constexpr int kExIllegalAddress = 2;
constexpr int kExDeviceFailure = 4;
} // namespace

core::FaultBoxState SimFaultBoxHardware::decode(const std::array<bool, kRelays>& relays) const {
    const auto on = [&](int relay) { return relays[static_cast<std::size_t>(relay)]; };
    const auto line = [&](std::size_t i) { return on(openRelay[i]) ? core::LineState::Open : core::LineState::Closed; };
    core::FaultBoxState s;
    s.s = line(0);
    s.cc1 = line(1);
    s.cc2 = line(2);
    s.pe = line(3);
    s.canH = line(4);
    s.canL = line(5);
    if (on(canShortRelay)) s.canH = s.canL = core::LineState::Shorted;
    std::size_t r4Code = 0, rtCode = 0;
    for (std::size_t i = 0; i < r4Select.size(); ++i)
        if (on(r4Select[i])) r4Code |= std::size_t{1} << i;
    for (std::size_t i = 0; i < rtSelect.size(); ++i)
        if (on(rtSelect[i])) rtCode |= std::size_t{1} << i;
    s.r4 = units::Ohms(r4Values[r4Code]);
    const bool plus = on(rtPositiveRelay), minus = on(rtNegativeRelay);
    using P = core::InsulationFaultPlace;
    s.insulationFault = plus && minus ? P::Both : plus ? P::PositiveToPe : minus ? P::NegativeToPe : P::None;
    if (s.insulationFault != P::None) s.insulationResistance = units::Ohms(rtValues[rtCode]);
    return s;
}

RelayModuleService::RelayModuleService(WireContext& context, std::shared_ptr<core::FaultBox> target,
                                       RelayModuleOptions options)
    : ModbusWireService(context, "fault-box-modbus"), m_target(std::move(target)), m_options(std::move(options)) {
    if (!m_target) throw std::invalid_argument("fault-box-modbus: no fault box to act on");
}

RelayModuleService::~RelayModuleService() { stop(); }

int RelayModuleService::read(transports::ModbusTable table, int address, std::span<std::uint16_t> out) {
    if (table != transports::ModbusTable::Coils || address < 0 ||
        address + static_cast<int>(out.size()) > SimFaultBoxHardware::kRelays)
        return kExIllegalAddress;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = m_relays[static_cast<std::size_t>(address) + i] ? 1 : 0;
    return 0;
}

int RelayModuleService::write(transports::ModbusTable table, int address, std::span<const std::uint16_t> values) {
    if (table != transports::ModbusTable::Coils || address < 0 ||
        address + static_cast<int>(values.size()) > SimFaultBoxHardware::kRelays)
        return kExIllegalAddress;
    auto next = m_relays;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int relay = address + static_cast<int>(i);
        if (m_options.deadRelays.count(relay)) continue; // acknowledged, never switched
        next[static_cast<std::size_t>(relay)] = values[i] != 0;
    }
    try {
        applyToLab(next);
    } catch (const std::exception&) {
        return kExDeviceFailure; // the lab refused: nothing switched
    }
    m_relays = next;
    return 0;
}

void RelayModuleService::applyToLab(const std::array<bool, SimFaultBoxHardware::kRelays>& relays) {
    const core::FaultBoxState s = m_hardware.decode(relays);
    using L = core::CouplerLine;
    m_target->setLine(L::SwitchS, s.s);
    m_target->setLine(L::Cc1, s.cc1);
    m_target->setLine(L::Cc2, s.cc2);
    m_target->setLine(L::Pe, s.pe);
    if (s.canH == core::LineState::Shorted) {
        m_target->setLine(L::CanH, core::LineState::Shorted);
    } else {
        m_target->setLine(L::CanH, s.canH);
        m_target->setLine(L::CanL, s.canL);
    }
    m_target->setR4(s.r4);
    m_target->setInsulationFault(s.insulationFault, s.insulationResistance);
}

std::unique_ptr<WireService> makeRelayModuleService(WireContext& context, std::shared_ptr<core::FaultBox> target,
                                                    RelayModuleOptions options) {
    return std::make_unique<RelayModuleService>(context, std::move(target), std::move(options));
}

} // namespace v2gbench::simwire::modbus
