#pragma once
// Driver "ea-psb10000" (role battery): EA Elektro-Automatik PSB 10000 bidirectional supply over
// its Modbus TCP register map (zero-based PDU addresses; see sim/wire/modbus/README.md).
//
// Battery emulation on this supply is a voltage setpoint with source and sink current limits:
// the unit sources or sinks automatically around the set voltage. It has no internal-resistance,
// capacity or state-of-charge model, so the driver does not publish capability battery-model:
// emulate() refuses a stated internalResistance (CapabilityError, nothing written); capacity is
// not emulated, and read().soc reports the start SoC given to emulate().
//
// Sign convention: the EA reports magnitudes with a "sink mode active" state bit; the bench's
// positive current (into the battery, charging) is the supply sinking. read() converts.
#include "v2gbench/core/roles/battery_emulator.hpp"
#include "v2gbench/transports/modbus_session.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace v2gbench::drivers::modbus {

struct EaNominals {
    double voltage = 0.0; // V
    double current = 0.0; // A (source and sink)
    double power = 0.0;   // W (source and sink)
};

class EaPsb10000 : public core::BatteryEmulator {
public:
    // Connects, reads identity and nominal values. Throws core::InstrumentError.
    EaPsb10000(std::string instrumentName, transports::ModbusSettings settings, core::ExchangeLog* log);

    core::InstrumentIdentity identity() const override { return m_identity; }
    core::Capabilities capabilities() const override;
    void makeSafe() noexcept override;
    void emulate(const core::BatteryEmulation& model) override;
    void off() override;
    core::BatteryReading read() override;

    // Direct control (all values magnitudes, checked against the nominals: CapabilityError).
    const EaNominals& nominals() const { return m_nominals; }
    void setRemote(bool on);
    void setOutput(bool on);
    void setVoltage(units::Volts v);
    void setSourceCurrent(units::Amperes a);
    void setSinkCurrent(units::Amperes a);
    void setSourcePower(units::Watts w);
    void setSinkPower(units::Watts w);
    // The set values as the device holds them (registers 498..502), converted back.
    struct SetValues {
        units::Watts sinkPower;
        units::Amperes sinkCurrent;
        units::Volts voltage;
        units::Amperes sourceCurrent;
        units::Watts sourcePower;
    };
    SetValues setValues();
    transports::ModbusSession& session() { return *m_session; }

private:
    template <class F> decltype(auto) exchange(F&& f);
    void requireRange(const char* what, double value, double hi, const char* unit) const;
    void writeSetValue(int address, double value, double nominal);

    std::string m_name;
    std::unique_ptr<transports::ModbusSession> m_session;
    core::InstrumentIdentity m_identity;
    EaNominals m_nominals;
    units::Ratio m_startSoc{0.0};
};

} // namespace v2gbench::drivers::modbus
