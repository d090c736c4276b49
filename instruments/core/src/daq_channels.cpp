#include "v2gbench/core/roles/daq.hpp"

namespace v2gbench::core {

const std::vector<DaqChannelInfo>& daqChannels() {
    static const std::vector<DaqChannelInfo> channels = {
        {"inlet_voltage", DaqChannelKind::Voltage, "DC+ to DC- at the vehicle inlet (vehicle side of K1/K2)"},
        {"output_voltage", DaqChannelKind::Voltage, "DC+ to DC- at the charger's converter output (charger side of K1/K2)"},
        {"contactor_voltage", DaqChannelKind::Voltage, "across K1/K2: output_voltage - inlet_voltage"},
        {"output_current", DaqChannelKind::Current, "DC output current, positive into the vehicle"},
        {"cc1_voltage", DaqChannelKind::Voltage, "detection point 1 (charger side)"},
        {"cc2_voltage", DaqChannelKind::Voltage, "detection point 2 (vehicle side)"},
        {"aux_voltage", DaqChannelKind::Voltage, "auxiliary supply A+/A- (K3/K4)"},
        {"k1k2_closed", DaqChannelKind::Digital, "K1/K2 auxiliary contacts, 1 = closed"},
        {"k3k4_closed", DaqChannelKind::Digital, "K3/K4 auxiliary contacts, 1 = closed"},
        {"k5k6_closed", DaqChannelKind::Digital, "vehicle contactors K5/K6, 1 = closed"},
        {"lock_engaged", DaqChannelKind::Digital, "electronic lock feedback, 1 = locked"},
        {"dc_plus_pe_voltage", DaqChannelKind::Voltage, "DC+ to PE (insulation check voltage)"},
    };
    return channels;
}

const DaqChannelInfo* daqChannel(const std::string& name) {
    for (const auto& c : daqChannels())
        if (name == c.name) return &c;
    return nullptr;
}

} // namespace v2gbench::core
