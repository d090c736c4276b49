#include "v2gbench/simwire/modbus/ea_battery_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace v2gbench::simwire::modbus {

namespace {

constexpr int kExIllegalAddress = 2;
constexpr int kExIllegalValue = 3;
constexpr int kExDeviceFailure = 4;

constexpr std::uint16_t kFullScale = 0xCCCC;
constexpr std::uint16_t kSetMax = 0xD0E5;
constexpr std::uint16_t kProtectionMax = 0xE147;

constexpr int kCoilCount = 410;
constexpr int kCoilRemote = 402, kCoilOutput = 405, kCoilUir = 409;
constexpr int kRegSinkPower = 498, kRegSinkCurrent = 499, kRegVoltage = 500, kRegSourceCurrent = 501,
              kRegSourcePower = 502, kRegSourceRes = 503, kRegSinkRes = 504;
constexpr int kRegState = 505, kRegActualV = 507, kRegActualI = 508, kRegActualP = 509;
constexpr int kRegOvp = 550, kRegOcp = 553, kRegOpp = 556;

// The CV regulation of a real supply is stiff; the plant regulates through a resistance, so a
// small one stands in for the supply's source impedance. A huge capacity keeps the "OCV" at the
// set voltage: the supply has no SoC.
constexpr double kSourceImpedance = 0.01; // Ohm
constexpr double kCapacity = 1e6;         // Ah

void putString(std::uint16_t* regs, int count, const std::string& s) {
    for (int i = 0; i < count; ++i) {
        const auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
        regs[i] = static_cast<std::uint16_t>((at(2 * i) << 8) | at(2 * i + 1));
    }
}

void putFloat(std::uint16_t* regs, float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    regs[0] = static_cast<std::uint16_t>(bits >> 16);
    regs[1] = static_cast<std::uint16_t>(bits & 0xFFFF);
}

std::uint16_t actualRaw(double magnitude, double nominal) {
    return static_cast<std::uint16_t>(std::clamp(std::round(std::abs(magnitude) / nominal * kFullScale), 0.0, 65535.0));
}

double setValue(std::uint16_t raw, double nominal) { return raw * nominal / kFullScale; }

} // namespace

EaBatteryService::EaBatteryService(WireContext& context) : ModbusWireService(context, "battery-modbus") {
    putString(&m_regs[1], 20, "PSB 11000-300 (simulated)");
    putString(&m_regs[21], 20, "EA Elektro-Automatik (v2gbench sim)");
    putFloat(&m_regs[121], static_cast<float>(kNominalVoltage));
    putFloat(&m_regs[123], static_cast<float>(kNominalCurrent));
    putFloat(&m_regs[125], static_cast<float>(kNominalPower));
    putFloat(&m_regs[127], 100.0f); // resistance max / min (UIR mode is not simulated)
    putFloat(&m_regs[129], 0.05f);
    putString(&m_regs[151], 20, "SIM-EA-0001");
    putString(&m_regs[191], 20, "KE 3.02 (sim)");
    putString(&m_regs[211], 20, "HMI 2.08 (sim)");
    putString(&m_regs[231], 20, "DR 1.0.1 (sim)");
    m_regs[kRegOvp] = m_regs[kRegOcp] = m_regs[kRegOpp] = kProtectionMax;
    m_regs[kRegSinkPower] = m_regs[kRegSourcePower] = kFullScale;
}

EaBatteryService::~EaBatteryService() { stop(); }

void EaBatteryService::applyToPlant(bool outputOn) {
    core::BatteryEmulation model;
    model.voltage = units::Volts(setValue(m_regs[kRegVoltage], kNominalVoltage));
    model.maxChargeCurrent = units::Amperes(setValue(m_regs[kRegSinkCurrent], kNominalCurrent));
    model.maxDischargeCurrent = units::Amperes(setValue(m_regs[kRegSourceCurrent], kNominalCurrent));
    model.internalResistance = units::Ohms(kSourceImpedance);
    model.capacity = units::AmpereHours(kCapacity);
    model.soc = units::Ratio(0.5);
    lab().withPlant([&](sim::Plant& p) {
        if (outputOn) p.batteryEmulate(model);
        else p.batteryOff();
    });
    m_outputOn = outputOn;
}

int EaBatteryService::read(transports::ModbusTable table, int address, std::span<std::uint16_t> out) {
    const int count = static_cast<int>(out.size());
    if (table == transports::ModbusTable::Coils) {
        if (address + count > kCoilCount) return kExIllegalAddress;
        const bool on = lab().withPlant([](sim::Plant& p) { return p.snapshot().batteryOn; });
        for (int i = 0; i < count; ++i) {
            const int a = address + i;
            out[static_cast<std::size_t>(i)] = (a == kCoilRemote && m_remote) || (a == kCoilOutput && on) ? 1 : 0;
        }
        return 0;
    }
    if (table != transports::ModbusTable::HoldingRegisters || address + count > kRegisters) return kExIllegalAddress;
    if (address <= kRegActualP && address + count > kRegState) {
        const auto reading = lab().withPlant([](sim::Plant& p) { return p.batteryReading(); });
        std::uint32_t state = 0;
        if (reading.outputOn) state |= 1u << 7;
        if (m_remote) state |= 1u << 11;
        if (reading.current.value > 0.0) state |= 1u << 12; // sinking: current into the emulated battery
        const double limit = reading.current.value > 0.0 ? setValue(m_regs[kRegSinkCurrent], kNominalCurrent)
                                                         : setValue(m_regs[kRegSourceCurrent], kNominalCurrent);
        if (reading.outputOn && limit > 0.0 && std::abs(reading.current.value) >= 0.99 * limit) state |= 0b10u << 9; // CC
        m_regs[kRegState] = static_cast<std::uint16_t>(state >> 16);
        m_regs[kRegState + 1] = static_cast<std::uint16_t>(state & 0xFFFF);
        m_regs[kRegActualV] = actualRaw(reading.voltage.value, kNominalVoltage);
        m_regs[kRegActualI] = actualRaw(reading.current.value, kNominalCurrent);
        m_regs[kRegActualP] = actualRaw(reading.voltage.value * reading.current.value, kNominalPower);
    }
    std::copy_n(m_regs.begin() + address, count, out.begin());
    return 0;
}

int EaBatteryService::write(transports::ModbusTable table, int address, std::span<const std::uint16_t> values) {
    const int count = static_cast<int>(values.size());
    if (table == transports::ModbusTable::Coils) {
        // Check every coil before changing any.
        bool remote = m_remote;
        for (int i = 0; i < count; ++i) {
            const int a = address + i;
            const bool v = values[static_cast<std::size_t>(i)] != 0;
            if (a == kCoilRemote) remote = v;
            else if (a == kCoilOutput) {
                if (!remote) return kExDeviceFailure; // output switching needs remote control
            } else if (a == kCoilUir) {
                if (v) return kExIllegalValue; // resistance mode (UIR) is not simulated
            } else {
                return kExIllegalAddress;
            }
        }
        for (int i = 0; i < count; ++i) {
            const int a = address + i;
            const bool v = values[static_cast<std::size_t>(i)] != 0;
            if (a == kCoilRemote) m_remote = v;
            else if (a == kCoilOutput) applyToPlant(v);
        }
        return 0;
    }
    if (table != transports::ModbusTable::HoldingRegisters) return kExIllegalAddress;
    bool setValues = false;
    for (int i = 0; i < count; ++i) {
        const int a = address + i;
        const auto v = values[static_cast<std::size_t>(i)];
        if (a >= kRegSinkPower && a <= kRegSinkRes) {
            if (!m_remote) return kExDeviceFailure; // set values are refused outside remote control
            if (v > kSetMax) return kExIllegalValue;
            setValues = true;
        } else if (a == kRegOvp || a == kRegOcp || a == kRegOpp) {
            if (v > kProtectionMax) return kExIllegalValue;
        } else {
            return kExIllegalAddress;
        }
    }
    std::copy(values.begin(), values.end(), m_regs.begin() + address);
    // A running supply follows new set values at once.
    if (setValues && m_outputOn && lab().withPlant([](sim::Plant& p) { return p.snapshot().batteryOn; })) applyToPlant(true);
    (void)kRegSourcePower;
    (void)kRegSourceRes;
    return 0;
}

std::unique_ptr<WireService> makeEaBatteryService(WireContext& context) {
    return std::make_unique<EaBatteryService>(context);
}

} // namespace v2gbench::simwire::modbus
