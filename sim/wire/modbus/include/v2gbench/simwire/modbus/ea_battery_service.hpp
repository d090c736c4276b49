#pragma once
// Service "battery-modbus": the EA PSB 10000 Modbus TCP register map over the plant's battery
// emulator (register layout in sim/wire/modbus/README.md). Default port 5502.
#include "v2gbench/simwire/modbus/modbus_wire_service.hpp"

#include <array>
#include <cstdint>
#include <memory>

namespace v2gbench::simwire::modbus {

inline constexpr int kEaBatteryDefaultPort = 5502;

class EaBatteryService : public ModbusWireService {
public:
    // Nominal ratings the simulated supply reports (registers 121..126).
    static constexpr double kNominalVoltage = 1000.0; // V
    static constexpr double kNominalCurrent = 300.0;  // A, source and sink
    static constexpr double kNominalPower = 180000.0; // W, source and sink

    explicit EaBatteryService(WireContext& context);
    ~EaBatteryService() override;
    std::string protocol() const override { return "Modbus TCP (EA PSB 10000 register map)"; }

protected:
    int read(transports::ModbusTable table, int address, std::span<std::uint16_t> out) override;
    int write(transports::ModbusTable table, int address, std::span<const std::uint16_t> values) override;

private:
    static constexpr int kRegisters = 560;
    void applyToPlant(bool outputOn);

    std::array<std::uint16_t, kRegisters> m_regs{};
    bool m_remote = false;
    bool m_outputOn = false; // as commanded through coil 405
};

std::unique_ptr<WireService> makeEaBatteryService(WireContext& context);

} // namespace v2gbench::simwire::modbus
