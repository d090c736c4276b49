#pragma once
// Service "fault-box-modbus": the test system's fault box as v2gbench-sim builds it — a Waveshare
// Modbus POE ETH Relay 16CH (relays 1..16 = coils 0..15, FC01 read, FC05/FC15 write; no other
// register is served: exception 2) wired into the coupler as sim/wire/modbus/README.md describes.
// Every relay write is applied at once to the lab through its fault box (core::FaultBox), so the
// charger sees the lines, R4 and Rt the relays make. Default port 5504.
//
// A simulated hardware fault, chosen when the service is made: `deadRelays` lists relays whose
// driver stage is dead — the module acknowledges the write, the relay (and its coil read-back)
// stays as it was — what a module after a brown-out or with a failed output does.
#include "v2gbench/core/roles/fault_box.hpp"
#include "v2gbench/simwire/modbus/modbus_wire_service.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

namespace v2gbench::simwire::modbus {

inline constexpr int kFaultBoxDefaultPort = 5504;

// How the simulated box is wired (the hardware; the driver's wiring row "v2gbench-fault-box-16"
// describes the same box). Relays are 0-based.
struct SimFaultBoxHardware {
    static constexpr int kRelays = 16;
    std::array<int, 6> openRelay{0, 1, 2, 3, 4, 5}; // s, cc1, cc2, pe, s+, s-
    int canShortRelay = 6;
    std::array<int, 3> r4Select{7, 8, 9};
    std::array<double, 8> r4Values{1000.0, 970.0, 1030.0, 800.0, 1300.0, 560.0, 2200.0, 1500.0};
    int rtPositiveRelay = 10, rtNegativeRelay = 11;
    std::array<int, 2> rtSelect{12, 13};
    std::array<double, 4> rtValues{68e3, 150e3, 330e3, 560e3};

    core::FaultBoxState decode(const std::array<bool, kRelays>& relays) const;
};

struct RelayModuleOptions {
    std::set<int> deadRelays; // 0-based
};

class RelayModuleService : public ModbusWireService {
public:
    // target: the lab's fault box the relays act on (it outlives the service).
    RelayModuleService(WireContext& context, std::shared_ptr<core::FaultBox> target, RelayModuleOptions options = {});
    ~RelayModuleService() override;
    std::string protocol() const override { return "Modbus TCP (Waveshare Modbus POE ETH Relay 16CH, fault box wiring)"; }

protected:
    int read(transports::ModbusTable table, int address, std::span<std::uint16_t> out) override;
    int write(transports::ModbusTable table, int address, std::span<const std::uint16_t> values) override;

private:
    void applyToLab(const std::array<bool, SimFaultBoxHardware::kRelays>& relays);

    std::shared_ptr<core::FaultBox> m_target;
    RelayModuleOptions m_options;
    SimFaultBoxHardware m_hardware;
    std::array<bool, SimFaultBoxHardware::kRelays> m_relays{};
};

std::unique_ptr<WireService> makeRelayModuleService(WireContext& context, std::shared_ptr<core::FaultBox> target,
                                                    RelayModuleOptions options = {});

} // namespace v2gbench::simwire::modbus
