#include "v2gbench/drivers/modbus/relay_module_models.hpp"

namespace v2gbench::drivers::modbus {

const std::vector<RelayModuleModel>& relayModuleModels() {
    static const std::vector<RelayModuleModel> models = {
        {"waveshare-poe-eth-relay-16ch", "Waveshare", "Modbus POE ETH Relay 16CH",
         "Waveshare wiki, Modbus POE ETH Relay 16CH, Modbus TCP protocol", 16, 0, 0, InputArea::None, 0},
        {"waveshare-poe-eth-relay-b", "Waveshare", "Modbus POE ETH Relay (B)",
         "Waveshare wiki, Modbus POE ETH Relay (B), Modbus protocol", 8, 0, 8, InputArea::DiscreteInputs, 0},
        {"adam-6060", "Advantech", "ADAM-6060", "ADAM-6000 Series User Manual Ed. 9, Appendix B.2", 6, 16, 6,
         InputArea::Coils, 0},
        {"adam-6066", "Advantech", "ADAM-6066", "ADAM-6000 Series User Manual Ed. 9, Appendix B.2", 6, 16, 6,
         InputArea::Coils, 0},
    };
    return models;
}

const RelayModuleModel* relayModuleModel(const std::string& name) {
    for (const auto& m : relayModuleModels())
        if (m.name == name) return &m;
    return nullptr;
}

std::vector<std::string> relayModuleModelNames() {
    std::vector<std::string> names;
    for (const auto& m : relayModuleModels())
        names.push_back(m.name);
    return names;
}

} // namespace v2gbench::drivers::modbus
