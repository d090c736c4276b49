#include "v2gbench/sim/ev_profile_config.hpp"

#include "v2gbench/core/quantity.hpp"

#include <cstdio>
#include <stdexcept>

namespace v2gbench::sim {

namespace {

// The SI value of setting `key`, or nullopt when absent.
std::optional<double> number(const core::SessionContext& s, const char* key) {
    const std::string text = s.setting(key);
    if (text.empty()) return std::nullopt;
    const auto parsed = core::parseQuantity(text);
    if (!parsed.quantity) throw std::invalid_argument(std::string("setting ") + key + " = '" + text + "': " + parsed.error);
    return parsed.quantity->value;
}

struct BatteryType {
    const char* name;
    std::uint8_t code; // GB/T 27930 BRM byte 4
};
constexpr BatteryType kTypes[] = {{"lead-acid", 0x01}, {"NiMH", 0x02}, {"LFP", 0x03},     {"LMO", 0x04}, {"LCO", 0x05},
                                  {"NMC", 0x06},       {"polymer", 0x07}, {"LTO", 0x08}, {"other", 0xFF}};

} // namespace

protocols::gbt27930::BmsConfig bmsConfigFromSettings(const core::SessionContext& s) {
    protocols::gbt27930::BmsConfig c;
    if (const std::string type = s.setting("ev.battery_type"); !type.empty()) {
        bool found = false;
        for (const auto& t : kTypes)
            if (type == t.name) {
                c.batteryType = t.code;
                found = true;
            }
        if (!found) throw std::invalid_argument("setting ev.battery_type: unknown battery type '" + type + "'");
    }
    if (auto v = number(s, "ev.rated_capacity")) c.ratedCapacityAh = *v / 3600.0; // A·s → Ah
    if (auto v = number(s, "ev.rated_voltage")) c.ratedVoltage = *v;
    if (auto v = number(s, "ev.max_cell_voltage")) c.maxCellVoltage = *v;
    if (auto v = number(s, "ev.max_charge_voltage")) c.maxChargeVoltage = *v;
    if (auto v = number(s, "ev.max_charge_current")) c.maxChargeCurrent = *v;
    if (auto v = number(s, "ev.nominal_energy")) c.nominalEnergyKwh = *v / 3.6e6; // J → kWh
    if (auto v = number(s, "ev.max_temperature")) c.maxTemperatureC = *v;
    if (auto v = number(s, "ev.soc")) c.socPercent = *v * 100.0;                    // fraction → %
    if (auto v = number(s, "ev.battery_voltage")) c.batteryVoltage = *v;
    if (const std::string vin = s.setting("ev.vin"); !vin.empty()) {
        if (vin.size() != 17) throw std::invalid_argument("setting ev.vin: '" + vin + "' does not have 17 characters");
        c.vin = vin;
    }
    return c;
}

std::map<std::string, std::string> evSettingsOf(const protocols::gbt27930::BmsConfig& c) {
    auto format = [](double value, const char* unit) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.10g%s%s", value, *unit ? " " : "", unit);
        return std::string(buf);
    };
    std::map<std::string, std::string> out;
    out["ev.battery_type"] = "other";
    for (const auto& t : kTypes)
        if (t.code == c.batteryType) out["ev.battery_type"] = t.name;
    out["ev.rated_capacity"] = format(c.ratedCapacityAh, "Ah");
    out["ev.rated_voltage"] = format(c.ratedVoltage, "V");
    out["ev.max_cell_voltage"] = format(c.maxCellVoltage, "V");
    out["ev.max_charge_voltage"] = format(c.maxChargeVoltage, "V");
    out["ev.max_charge_current"] = format(c.maxChargeCurrent, "A");
    out["ev.nominal_energy"] = format(c.nominalEnergyKwh, "kWh");
    out["ev.max_temperature"] = format(c.maxTemperatureC, "");
    out["ev.soc"] = format(c.socPercent, "%");
    out["ev.battery_voltage"] = format(c.batteryVoltage, "V");
    out["ev.vin"] = c.vin;
    return out;
}

} // namespace v2gbench::sim
