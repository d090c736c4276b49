#pragma once
// Driver "modbus-fault-box" (role fault_box): a fault box built on a Modbus TCP relay/IO module,
// described by two tables — the module's register map (relay_module_models.hpp: where the relay
// coils and digital inputs are) and the box's wiring (fault_box_wiring.hpp: which relay switches
// which line, which relays select R4 and Rt). A new module is one model row, a new box build one
// wiring row; the driver holds no addresses of its own.
//
// Every request computes the whole relay image, refuses what the wiring cannot make
// (CapabilityError, nothing written), writes every relay of the module in one FC15 request (the
// relays of one request switch together), then reads the relay coils back (FC01) and, when the
// wiring has auxiliary-contact feedback, the digital inputs until they agree or `settle` has
// passed; any difference is an InstrumentError naming the relay and what it switches.
// state() decodes what the module reads back, never the last request.
#include "v2gbench/core/roles/fault_box.hpp"
#include "v2gbench/drivers/modbus/fault_box_wiring.hpp"
#include "v2gbench/transports/modbus_session.hpp"

#include <memory>
#include <string>
#include <vector>

namespace v2gbench::drivers::modbus {

struct ModbusFaultBoxOptions {
    std::string wiring = "v2gbench-fault-box-16";
    units::Seconds settle{0.05}; // how long DI feedback may lag the coils (relay operate + bounce)
};

class ModbusFaultBox : public core::FaultBox {
public:
    // Connects and reads the relays back (the box is left as found). Throws std::invalid_argument
    // for an unknown wiring, InstrumentError when the module does not answer.
    ModbusFaultBox(std::string instrumentName, transports::ModbusSettings settings, core::ExchangeLog* log,
                   const ModbusFaultBoxOptions& options);

    core::InstrumentIdentity identity() const override;
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;
    void setLine(core::CouplerLine line, core::LineState state) override;
    void setR4(units::Ohms resistance) override;
    void setInsulationFault(core::InsulationFaultPlace place, units::Ohms resistance) override;
    core::FaultBoxState state() override;

    // The relay states the module reads back (relay 0 first).
    std::vector<bool> readRelays();
    const FaultBoxWiring& wiring() const { return m_wiring; }

private:
    void apply(const std::vector<bool>& relays, const std::string& request);
    std::string relayRole(std::size_t relay) const;

    std::string m_name;
    const FaultBoxWiring& m_wiring;
    const RelayModuleModel& m_model;
    ModbusFaultBoxOptions m_options;
    std::unique_ptr<transports::ModbusSession> m_session;
};

} // namespace v2gbench::drivers::modbus
