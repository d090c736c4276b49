#include "v2gbench/drivers/modbus/ea_psb10000.hpp"

#include "register_codec.hpp"
#include "v2gbench/core/errors.hpp"
#include "v2gbench/core/log.hpp"
#include "v2gbench/drivers/modbus/ea_scaling.hpp"

#include <array>
#include <cmath>

namespace v2gbench::drivers::modbus {

namespace {

// EA 10000 Modbus map (zero-based PDU addresses), instrument-protocols.md §2.1.
constexpr int kRegDeviceType = 1;     // string, 20 regs
constexpr int kRegManufacturer = 21;  // string, 20 regs
constexpr int kRegNominals = 121;     // float32 V, A, W (6 regs)
constexpr int kRegSerial = 151;       // string, 20 regs
constexpr int kRegFirmware = 191;     // string, 20 regs (KE firmware)
constexpr int kCoilRemote = 402;
constexpr int kCoilOutput = 405;
constexpr int kRegSinkPower = 498;    // 498..502: sink P, sink I, U, source I, source P
constexpr int kRegSinkCurrent = 499;
constexpr int kRegVoltage = 500;
constexpr int kRegSourceCurrent = 501;
constexpr int kRegSourcePower = 502;
constexpr int kRegState = 505;        // uint32 505..506, then actual U, I, P at 507..509
constexpr std::uint32_t kStateOutputOn = 1u << 7;
constexpr std::uint32_t kStateSink = 1u << 12;

} // namespace

template <class F> decltype(auto) EaPsb10000::exchange(F&& f) {
    try {
        return std::forward<F>(f)();
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, e.exchange(), e.what());
    }
}

EaPsb10000::EaPsb10000(std::string instrumentName, transports::ModbusSettings settings, core::ExchangeLog* log)
    : m_name(std::move(instrumentName)) {
    try {
        m_session = std::make_unique<transports::ModbusSession>(std::move(settings), m_name, log);
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, e.exchange(), e.what());
    }
    exchange([&] {
        const auto names = m_session->readHoldingRegisters(kRegDeviceType, 40);
        m_identity.model = detail::decodeString(names, 0, 20);
        m_identity.manufacturer = detail::decodeString(names, 20, 20);
        const auto nom = m_session->readHoldingRegisters(kRegNominals, 6);
        m_nominals.voltage = detail::decodeFloat32(nom[0], nom[1]);
        m_nominals.current = detail::decodeFloat32(nom[2], nom[3]);
        m_nominals.power = detail::decodeFloat32(nom[4], nom[5]);
        m_identity.serial = detail::decodeString(m_session->readHoldingRegisters(kRegSerial, 20), 0, 20);
        m_identity.firmware = detail::decodeString(m_session->readHoldingRegisters(kRegFirmware, 20), 0, 20);
    });
    for (double n : {m_nominals.voltage, m_nominals.current, m_nominals.power})
        if (!std::isfinite(n) || n <= 0.0)
            throw core::InstrumentError(m_name, "FC03 read 6 holding registers at 121",
                                        "implausible nominal values " + detail::formatNumber(m_nominals.voltage) + " V, " +
                                            detail::formatNumber(m_nominals.current) + " A, " +
                                            detail::formatNumber(m_nominals.power) + " W");
}

core::Capabilities EaPsb10000::capabilities() const {
    // Sources and sinks; no internal-resistance/SoC model (see the header).
    return {core::capability::fourQuadrant};
}

void EaPsb10000::requireRange(const char* what, double value, double hi, const char* unit) const {
    if (std::isfinite(value) && value >= 0.0 && value <= hi) return;
    throw core::CapabilityError(m_name + ": " + what + " " + detail::formatNumber(value) + " " + unit + " is outside 0.." +
                                detail::formatNumber(hi) + " " + unit + " (the supply's nominal rating)");
}

void EaPsb10000::writeSetValue(int address, double value, double nominal) {
    const std::uint16_t raw = ea::toSetValue(value, nominal);
    exchange([&] { m_session->writeRegister(address, raw); });
}

void EaPsb10000::setRemote(bool on) {
    exchange([&] { m_session->writeCoil(kCoilRemote, on); });
}

void EaPsb10000::setOutput(bool on) {
    exchange([&] { m_session->writeCoil(kCoilOutput, on); });
}

void EaPsb10000::setVoltage(units::Volts v) {
    requireRange("voltage", v.value, m_nominals.voltage, "V");
    writeSetValue(kRegVoltage, v.value, m_nominals.voltage);
}

void EaPsb10000::setSourceCurrent(units::Amperes a) {
    requireRange("source current", a.value, m_nominals.current, "A");
    writeSetValue(kRegSourceCurrent, a.value, m_nominals.current);
}

void EaPsb10000::setSinkCurrent(units::Amperes a) {
    requireRange("sink current", a.value, m_nominals.current, "A");
    writeSetValue(kRegSinkCurrent, a.value, m_nominals.current);
}

void EaPsb10000::setSourcePower(units::Watts w) {
    requireRange("source power", w.value, m_nominals.power, "W");
    writeSetValue(kRegSourcePower, w.value, m_nominals.power);
}

void EaPsb10000::setSinkPower(units::Watts w) {
    requireRange("sink power", w.value, m_nominals.power, "W");
    writeSetValue(kRegSinkPower, w.value, m_nominals.power);
}

EaPsb10000::SetValues EaPsb10000::setValues() {
    const auto r = exchange([&] { return m_session->readHoldingRegisters(kRegSinkPower, 5); });
    return {units::Watts(ea::fromSetValue(r[0], m_nominals.power)), units::Amperes(ea::fromSetValue(r[1], m_nominals.current)),
            units::Volts(ea::fromSetValue(r[2], m_nominals.voltage)), units::Amperes(ea::fromSetValue(r[3], m_nominals.current)),
            units::Watts(ea::fromSetValue(r[4], m_nominals.power))};
}

void EaPsb10000::emulate(const core::BatteryEmulation& model) {
    // Every check before the first write: nothing changes on a refused request.
    requireRange("voltage", model.voltage.value, m_nominals.voltage, "V");
    requireRange("max charge (sink) current", model.maxChargeCurrent.value, m_nominals.current, "A");
    requireRange("max discharge (source) current", model.maxDischargeCurrent.value, m_nominals.current, "A");
    if (!(model.soc.value >= 0.0 && model.soc.value <= 1.0))
        throw core::CapabilityError(m_name + ": state of charge " + detail::formatNumber(model.soc.value) + " is outside 0..1");
    if (model.internalResistance)
        throw core::CapabilityError(m_name + ": the EA PSB 10000 has no internal-resistance model (capability "
                                             "battery-model): " + detail::formatNumber(model.internalResistance->value) +
                                    " Ohm cannot be emulated; leave internal_resistance out or use a supply that has it");
    const std::array<std::uint16_t, 5> raw{
        ea::toSetValue(m_nominals.power, m_nominals.power), // sink power: full rating, current limits rule
        ea::toSetValue(model.maxChargeCurrent.value, m_nominals.current),
        ea::toSetValue(model.voltage.value, m_nominals.voltage),
        ea::toSetValue(model.maxDischargeCurrent.value, m_nominals.current),
        ea::toSetValue(m_nominals.power, m_nominals.power)};
    exchange([&] {
        m_session->writeCoil(kCoilRemote, true); // set values are refused outside remote control
        m_session->writeRegisters(kRegSinkPower, raw);
        m_session->writeCoil(kCoilOutput, true);
    });
    m_startSoc = model.soc;
}

void EaPsb10000::off() {
    setOutput(false);
}

void EaPsb10000::makeSafe() noexcept {
    // Output off only: one request, bounded by the response timeout (twice with the reconnect).
    try {
        m_session->writeCoil(kCoilOutput, false);
    } catch (...) {
    }
}

core::BatteryReading EaPsb10000::read() {
    const auto r = exchange([&] { return m_session->readHoldingRegisters(kRegState, 5); });
    const std::uint32_t state = detail::decodeU32(r[0], r[1]);
    core::BatteryReading reading;
    reading.outputOn = (state & kStateOutputOn) != 0;
    reading.voltage = units::Volts(ea::fromActualValue(r[2], m_nominals.voltage));
    const double magnitude = ea::fromActualValue(r[3], m_nominals.current);
    // Sinking = current into the emulated battery = positive on the bench.
    reading.current = units::Amperes((state & kStateSink) ? magnitude : -magnitude);
    reading.soc = m_startSoc;
    return reading;
}

} // namespace v2gbench::drivers::modbus
