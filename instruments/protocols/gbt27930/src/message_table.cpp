#include "v2gbench/protocols/gbt27930/message_table.hpp"

#include <array>

namespace v2gbench::protocols::gbt27930 {

namespace {

using L = std::span<const EnumLabel>;

constexpr EnumLabel kRecognition[] = {{0x00, "not recognised"}, {0xAA, "recognised"}};
constexpr EnumLabel kReady[] = {{0x00, "not ready"}, {0xAA, "ready"}, {0xFF, "invalid"}};
constexpr EnumLabel kBatteryType[] = {{0x01, "lead-acid"},       {0x02, "NiMH"},          {0x03, "LFP"},
                                      {0x04, "LMO"},             {0x05, "LCO"},           {0x06, "NCM (ternary)"},
                                      {0x07, "lithium polymer"}, {0x08, "LTO"},           {0xFF, "other"}};
constexpr EnumLabel kOwnership[] = {{0, "leased"}, {1, "owned"}};
constexpr EnumLabel kMode[] = {{0x01, "constant voltage"}, {0x02, "constant current"}};
constexpr EnumLabel kPermit[] = {{0, "forbidden (pause)"}, {1, "permitted"}, {2, "not credible"}};
constexpr EnumLabel kHighLow[] = {{0, "normal"}, {1, "too high"}, {2, "too low"}};
constexpr EnumLabel kFault[] = {{0, "normal"}, {1, "fault"}, {2, "not credible"}};
constexpr EnumLabel kReached[] = {{0, "no"}, {1, "yes"}, {2, "not credible"}};
constexpr EnumLabel kTimeout[] = {{0, "normal"}, {1, "timeout"}, {2, "not credible"}};

constexpr FieldSpec num(const char* name, std::uint16_t bit, std::uint16_t len, double res = 1.0, double off = 0.0,
                        Unit unit = Unit::None) {
    return FieldSpec{name, bit, len, FieldKind::Number, res, off, unit, false, {}};
}
// Currents: 0.1 A/bit, -400 A offset, GB/T sign (positive = discharge).
constexpr FieldSpec current(const char* name, std::uint16_t bit) {
    return FieldSpec{name, bit, 16, FieldKind::Number, 0.1, -400.0, Unit::Ampere, true, {}};
}
constexpr FieldSpec enumeration(const char* name, std::uint16_t bit, std::uint16_t len, L labels) {
    return FieldSpec{name, bit, len, FieldKind::Enum, 1.0, 0.0, Unit::None, false, labels};
}
constexpr FieldSpec status(const char* name, std::uint16_t bit, L labels) {
    return FieldSpec{name, bit, 2, FieldKind::Status2, 1.0, 0.0, Unit::None, false, labels};
}
constexpr FieldSpec ascii(const char* name, std::uint16_t bit, std::uint16_t len) {
    return FieldSpec{name, bit, len, FieldKind::Ascii, 1.0, 0.0, Unit::None, false, {}};
}
constexpr FieldSpec bytes(const char* name, std::uint16_t bit, std::uint16_t len) {
    return FieldSpec{name, bit, len, FieldKind::Bytes, 1.0, 0.0, Unit::None, false, {}};
}
constexpr FieldSpec bcd(const char* name, std::uint16_t bit, std::uint16_t len, Unit unit) {
    return FieldSpec{name, bit, len, FieldKind::Bcd, 1.0, 0.0, unit, false, {}};
}
constexpr FieldSpec version(const char* name, std::uint16_t bit) {
    return FieldSpec{name, bit, 24, FieldKind::Version, 1.0, 0.0, Unit::None, false, {}};
}

constexpr FieldSpec kChm[] = {version("protocol version", 0)};
constexpr FieldSpec kBhm[] = {num("max charge voltage", 0, 16, 0.1, 0, Unit::Volt)};
constexpr FieldSpec kCrm[] = {enumeration("recognition", 0, 8, kRecognition), num("charger number", 8, 32),
                              ascii("region code", 40, 24)};
constexpr FieldSpec kBrm[] = {version("BMS protocol version", 0),
                              enumeration("battery type", 24, 8, kBatteryType),
                              num("rated capacity", 32, 16, 0.1, 0, Unit::AmpereHour),
                              num("rated voltage", 48, 16, 0.1, 0, Unit::Volt),
                              ascii("manufacturer", 64, 32),
                              num("pack serial", 96, 32),
                              num("production year", 128, 8, 1, 1985, Unit::Year),
                              num("production month", 136, 8, 1, 0, Unit::Month),
                              num("production day", 144, 8, 1, 0, Unit::Day),
                              num("charge count", 152, 24),
                              enumeration("ownership", 176, 8, kOwnership),
                              bytes("reserved", 184, 8),
                              ascii("VIN", 192, 136),
                              bytes("BMS software version", 328, 64)};
constexpr FieldSpec kBcp[] = {num("max cell charge voltage", 0, 16, 0.01, 0, Unit::Volt),
                              current("max charge current", 16),
                              num("nominal energy", 32, 16, 0.1, 0, Unit::KilowattHour),
                              num("max charge voltage", 48, 16, 0.1, 0, Unit::Volt),
                              num("max temperature", 64, 8, 1, -50, Unit::DegreeCelsius),
                              num("SOC", 72, 16, 0.1, 0, Unit::Percent),
                              num("battery voltage", 88, 16, 0.1, 0, Unit::Volt)};
// CTS sends seconds first (digest §1.3), each packed BCD.
constexpr FieldSpec kCts[] = {bcd("second", 0, 8, Unit::Second), bcd("minute", 8, 8, Unit::Minute),
                              bcd("hour", 16, 8, Unit::Hour),    bcd("day", 24, 8, Unit::Day),
                              bcd("month", 32, 8, Unit::Month),  bcd("year", 40, 16, Unit::Year)};
constexpr FieldSpec kCml[] = {num("max output voltage", 0, 16, 0.1, 0, Unit::Volt),
                              num("min output voltage", 16, 16, 0.1, 0, Unit::Volt),
                              current("max output current", 32), current("min output current", 48)};
constexpr FieldSpec kBro[] = {enumeration("BMS ready", 0, 8, kReady)};
constexpr FieldSpec kCro[] = {enumeration("charger ready", 0, 8, kReady)};
constexpr FieldSpec kBcl[] = {num("voltage demand", 0, 16, 0.1, 0, Unit::Volt), current("current demand", 16),
                              enumeration("mode", 32, 8, kMode)};
constexpr FieldSpec kBcs[] = {num("measured voltage", 0, 16, 0.1, 0, Unit::Volt),
                              current("measured current", 16),
                              num("highest cell voltage", 32, 12, 0.01, 0, Unit::Volt),
                              num("highest cell group", 44, 4),
                              num("SOC", 48, 8, 1, 0, Unit::Percent),
                              num("remaining time", 56, 16, 1, 0, Unit::Minute)};
constexpr FieldSpec kCcs[] = {num("output voltage", 0, 16, 0.1, 0, Unit::Volt), current("output current", 16),
                              num("charging time", 32, 16, 1, 0, Unit::Minute),
                              status("charging permitted", 48, kPermit)};
constexpr FieldSpec kBsm[] = {num("highest cell voltage number", 0, 8, 1, 1),
                              num("highest temperature", 8, 8, 1, -50, Unit::DegreeCelsius),
                              num("highest temperature probe", 16, 8, 1, 1),
                              num("lowest temperature", 24, 8, 1, -50, Unit::DegreeCelsius),
                              num("lowest temperature probe", 32, 8, 1, 1),
                              status("cell voltage", 40, kHighLow),
                              status("SOC", 42, kHighLow),
                              status("over-current", 44, kFault),
                              status("over-temperature", 46, kFault),
                              status("insulation", 48, kFault),
                              status("output connector", 50, kFault),
                              status("charge permitted", 52, kPermit)};
constexpr FieldSpec kBmvCell[] = {num("voltage", 0, 12, 0.01, 0, Unit::Volt), num("group", 12, 4)};
constexpr FieldSpec kBmtProbe[] = {num("temperature", 0, 8, 1, -50, Unit::DegreeCelsius)};
constexpr FieldSpec kBspByte[] = {bytes("reserved", 0, 8)};
constexpr FieldSpec kBst[] = {status("SOC target reached", 0, kReached),
                              status("total voltage set point reached", 2, kReached),
                              status("cell voltage set point reached", 4, kReached),
                              status("stopped by charger", 6, kReached),
                              status("insulation fault", 8, kFault),
                              status("connector over-temperature", 10, kFault),
                              status("BMS element over-temperature", 12, kFault),
                              status("charging connector fault", 14, kFault),
                              status("battery over-temperature", 16, kFault),
                              status("high-voltage relay fault", 18, kFault),
                              status("detection point 2 voltage fault", 20, kFault),
                              status("other fault", 22, kFault),
                              status("over-current", 24, kFault),
                              status("voltage abnormal", 26, kFault)};
constexpr FieldSpec kCst[] = {status("condition reached", 0, kReached),
                              status("manual stop", 2, kReached),
                              status("fault stop", 4, kReached),
                              status("stopped by BMS", 6, kReached),
                              status("charger over-temperature", 8, kFault),
                              status("connector fault", 10, kFault),
                              status("charger internal over-temperature", 12, kFault),
                              status("energy cannot be delivered", 14, kFault),
                              status("emergency stop", 16, kFault),
                              status("other fault", 18, kFault),
                              status("current mismatch", 24, kFault),
                              status("voltage abnormal", 26, kFault)};
constexpr FieldSpec kBsd[] = {num("SOC", 0, 8, 1, 0, Unit::Percent),
                              num("min cell voltage", 8, 16, 0.01, 0, Unit::Volt),
                              num("max cell voltage", 24, 16, 0.01, 0, Unit::Volt),
                              num("min temperature", 40, 8, 1, -50, Unit::DegreeCelsius),
                              num("max temperature", 48, 8, 1, -50, Unit::DegreeCelsius)};
constexpr FieldSpec kCsd[] = {num("charging time", 0, 16, 1, 0, Unit::Minute),
                              num("output energy", 16, 16, 0.1, 0, Unit::KilowattHour), num("charger number", 32, 32)};
constexpr FieldSpec kBem[] = {status("CRM 0x00 timeout", 0, kTimeout), status("CRM 0xAA timeout", 2, kTimeout),
                              status("CTS/CML timeout", 8, kTimeout),  status("CRO timeout", 10, kTimeout),
                              status("CCS timeout", 16, kTimeout),     status("CST timeout", 18, kTimeout),
                              status("CSD timeout", 24, kTimeout),     status("other", 26, kTimeout)};
constexpr FieldSpec kCem[] = {status("BRM timeout", 0, kTimeout), status("BCP timeout", 8, kTimeout),
                              status("BRO timeout", 10, kTimeout), status("BCS timeout", 16, kTimeout),
                              status("BCL timeout", 18, kTimeout), status("BST timeout", 20, kTimeout),
                              status("BSD timeout", 24, kTimeout), status("other", 26, kTimeout)};

constexpr auto C2B = Direction::ChargerToBms;
constexpr auto B2C = Direction::BmsToCharger;
using P = Phase;

// name, title, pgn, prio, dir, phase, length, minLength, length2011, TP, period, timeout, new2015, fields
const MessageSpec kTable[] = {
    {"CHM", "charger handshake", 0x2600, 6, C2B, P::Handshake, 3, 3, 0, false, 250, 0, true, kChm},
    {"BHM", "BMS handshake", 0x2700, 6, B2C, P::Handshake, 2, 2, 0, false, 250, 0, true, kBhm},
    {"CRM", "charger recognition", 0x0100, 6, C2B, P::Handshake, 8, 8, 0, false, 250, 5000, false, kCrm},
    {"BRM", "BMS and vehicle identification", 0x0200, 7, B2C, P::Handshake, 49, 49, 41, true, 250, 5000, false, kBrm},
    {"BCP", "battery charging parameters", 0x0600, 7, B2C, P::Configuration, 13, 13, 0, true, 500, 5000, false, kBcp},
    {"CTS", "charger time sync", 0x0700, 6, C2B, P::Configuration, 7, 7, 0, false, 500, 0, false, kCts},
    {"CML", "charger max output", 0x0800, 6, C2B, P::Configuration, 8, 8, 6, false, 250, 5000, false, kCml},
    {"BRO", "BMS ready", 0x0900, 4, B2C, P::Configuration, 1, 1, 0, false, 250, 5000, false, kBro},
    {"CRO", "charger ready", 0x0A00, 4, C2B, P::Configuration, 1, 1, 0, false, 250, 5000, false, kCro},
    {"BCL", "battery charging demand", 0x1000, 6, B2C, P::Charging, 5, 5, 0, false, 50, 1000, false, kBcl},
    {"BCS", "battery charging status", 0x1100, 7, B2C, P::Charging, 9, 9, 0, true, 250, 5000, false, kBcs},
    {"CCS", "charger charging status", 0x1200, 6, C2B, P::Charging, 8, 7, 6, false, 50, 1000, false, kCcs},
    {"BSM", "battery status", 0x1300, 6, B2C, P::Charging, 7, 7, 0, false, 250, 5000, false, kBsm},
    {"BMV", "cell voltages", 0x1500, 7, B2C, P::Charging, 0, 0, 0, true, 10000, 0, false, {}, kBmvCell, 2, "cell"},
    {"BMT", "battery temperatures", 0x1600, 7, B2C, P::Charging, 0, 0, 0, true, 10000, 0, false, {}, kBmtProbe, 1, "probe"},
    {"BSP", "battery reserved", 0x1700, 7, B2C, P::Charging, 0, 0, 0, true, 10000, 0, false, {}, kBspByte, 1, "byte"},
    {"BST", "BMS stop", 0x1900, 4, B2C, P::Charging, 4, 4, 0, false, 10, 5000, false, kBst},
    {"CST", "charger stop", 0x1A00, 4, C2B, P::Charging, 4, 4, 0, false, 10, 5000, false, kCst},
    {"BSD", "BMS statistics", 0x1C00, 6, B2C, P::End, 7, 7, 0, false, 250, 10000, false, kBsd},
    {"CSD", "charger statistics", 0x1D00, 6, C2B, P::End, 8, 8, 0, false, 250, 10000, false, kCsd},
    {"BEM", "BMS error", 0x1E00, 2, B2C, P::Unknown, 4, 4, 0, false, 250, 0, false, kBem},
    {"CEM", "charger error", 0x1F00, 2, C2B, P::Unknown, 4, 4, 0, false, 250, 0, false, kCem},
};

} // namespace

const char* symbol(Unit unit) {
    switch (unit) {
    case Unit::None: return "";
    case Unit::Volt: return "V";
    case Unit::Ampere: return "A";
    case Unit::AmpereHour: return "Ah";
    case Unit::KilowattHour: return "kWh";
    case Unit::DegreeCelsius: return "°C";
    case Unit::Percent: return "%";
    case Unit::Minute: return "min";
    case Unit::Second: return "s";
    case Unit::Hour: return "h";
    case Unit::Day: return "d";
    case Unit::Month: return "month";
    case Unit::Year: return "year";
    }
    return "";
}

const char* toString(Phase phase) {
    switch (phase) {
    case Phase::Handshake: return "handshake";
    case Phase::Configuration: return "configuration";
    case Phase::Charging: return "charging";
    case Phase::End: return "end";
    case Phase::Unknown: break;
    }
    return "unknown";
}

std::span<const MessageSpec> messageTable() { return kTable; }

const MessageSpec* findMessage(std::uint32_t pgn) {
    // The GB/T PGNs are 0x00PF00 with PF < 0x40: a direct index keeps the per-frame lookup O(1).
    static const auto index = [] {
        std::array<const MessageSpec*, 64> table{};
        for (const auto& m : kTable) table[(m.pgn >> 8) & 0x3F] = &m;
        return table;
    }();
    if ((pgn & 0x3C0FF) != 0) return nullptr;
    return index[(pgn >> 8) & 0x3F];
}

const MessageSpec* findMessage(std::string_view name) {
    for (const auto& m : kTable)
        if (name == m.name) return &m;
    return nullptr;
}

} // namespace v2gbench::protocols::gbt27930
