#pragma once
// Service "dut-sunspec": the simulated charger's SunSpec Modbus map ("SunS" at 40000, models 1,
// 701, 702, 704, 715, end model 0xFFFF; layout in sim/wire/modbus/README.md). Writes to the 704
// active-power setpoint dispatch the plant; reads reflect the plant. Default port 5503.
#include "v2gbench/simwire/modbus/modbus_wire_service.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace v2gbench::simwire::modbus {

inline constexpr int kSunSpecDefaultPort = 5503;

class SunSpecChargerService : public ModbusWireService {
public:
    static constexpr int kBase = 40000;
    static constexpr int kCommon = 40002, kMeasure = 40070, kCapacity = 40225, kControl = 40277, kDerCtl = 40344,
                         kEnd = 40353;

    explicit SunSpecChargerService(WireContext& context);
    ~SunSpecChargerService() override;
    std::string protocol() const override { return "Modbus TCP (SunSpec models 1, 701, 702, 704, 715)"; }

protected:
    int read(transports::ModbusTable table, int address, std::span<std::uint16_t> out) override;
    int write(transports::ModbusTable table, int address, std::span<const std::uint16_t> values) override;

private:
    void refreshMeasurements();
    // Bench-convention setpoint (W, positive = charging) the 704 block asks for; returns a Modbus
    // exception code (0 = fine).
    int evaluateSetpoint(const std::vector<std::uint16_t>& image, bool& enabled, double& watts) const;

    std::vector<std::uint16_t> m_image; // kBase .. kEnd + 1
};

std::unique_ptr<WireService> makeSunSpecChargerService(WireContext& context);

} // namespace v2gbench::simwire::modbus
