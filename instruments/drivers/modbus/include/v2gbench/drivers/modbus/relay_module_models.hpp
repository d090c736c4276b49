#pragma once
// Modbus TCP relay/IO modules a fault box is built from: one row per model (where its relay coils
// and its digital inputs are in the register map). A new model is one row in relay_module_models.cpp.
//
// Register maps (zero-based PDU addresses):
// - Waveshare Modbus POE ETH Relay 16CH: relays 1..16 = coils 0..15 (FC01 read, FC05/FC15 write);
//   no digital inputs. Waveshare wiki "Modbus POE ETH Relay 16CH", Modbus TCP protocol
//   ("Relay state; read with FC01 and control with FC05 or FC15").
// - Waveshare Modbus POE ETH Relay (B): relays 1..8 = coils 0..7; digital inputs 1..8 = discrete
//   inputs 0..7 (FC02). Waveshare wiki "Modbus POE ETH Relay (B)", Modbus protocol.
// - Advantech ADAM-6060 / ADAM-6066: 6 DI = coils 00001..00006 (zero-based 0..5, read with FC01),
//   6 relays = coils 00017..00022 (zero-based 16..21). ADAM-6000 Series User Manual, Edition 9,
//   Appendix B.2 (I/O Modbus mapping tables).
#include <string>
#include <vector>

namespace v2gbench::drivers::modbus {

// Where a model's digital inputs are read.
enum class InputArea { None, Coils, DiscreteInputs }; // None: the model has no DI; Coils: FC01; DiscreteInputs: FC02

struct RelayModuleModel {
    std::string name;         // driver option `model`, e.g. "waveshare-poe-eth-relay-16ch"
    std::string manufacturer;
    std::string product;
    std::string source;       // where the register map comes from
    int relayCount = 0;
    int relayCoilBase = 0;    // coil address of relay 1
    int inputCount = 0;
    InputArea inputArea = InputArea::None;
    int inputBase = 0;        // address of DI 1 in inputArea
};

const std::vector<RelayModuleModel>& relayModuleModels();
// nullptr when unknown.
const RelayModuleModel* relayModuleModel(const std::string& name);
std::vector<std::string> relayModuleModelNames();

} // namespace v2gbench::drivers::modbus
