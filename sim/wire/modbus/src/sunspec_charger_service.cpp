#include "v2gbench/simwire/modbus/sunspec_charger_service.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace v2gbench::simwire::modbus {

namespace {

constexpr int kExIllegalAddress = 2;
constexpr int kExIllegalValue = 3;

// Model lengths (L) and the scale factors this map serves.
constexpr int kLenCommon = 66, kLenMeasure = 153, kLenCapacity = 50, kLenControl = 65, kLenDerCtl = 7;
constexpr int kMeasureWsf = 1, kMeasureVsf = -1, kMeasureAsf = -1, kMeasureHzsf = -3, kMeasurePfsf = -3;
constexpr int kCapacityWsf = 1, kCapacityVsf = 0;
constexpr int kWSetSf = 0, kWSetPctSf = -2;

std::uint16_t sfReg(int sf) { return static_cast<std::uint16_t>(static_cast<std::int16_t>(sf)); }

std::uint16_t toU16(double value, int sf) {
    return static_cast<std::uint16_t>(std::clamp(std::round(value / std::pow(10.0, sf)), 0.0, 65534.0));
}

std::uint16_t toI16(double value, int sf) {
    const double raw = std::clamp(std::round(value / std::pow(10.0, sf)), -32767.0, 32767.0);
    return static_cast<std::uint16_t>(static_cast<std::int16_t>(raw));
}

} // namespace

SunSpecChargerService::SunSpecChargerService(WireContext& context)
    : ModbusWireService(context, "dut-sunspec"), m_image(static_cast<std::size_t>(kEnd + 2 - kBase), 0) {
    auto at = [this](int address) -> std::uint16_t& { return m_image[static_cast<std::size_t>(address - kBase)]; };
    auto putString = [&](int address, int regs, const std::string& s) {
        for (int i = 0; i < regs; ++i) {
            const auto ch = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
            at(address + i) = static_cast<std::uint16_t>((ch(2 * i) << 8) | ch(2 * i + 1));
        }
    };
    const auto& r = dutRatings();
    at(kBase) = 0x5375; // "SunS"
    at(kBase + 1) = 0x6E53;
    // Model 1, common.
    at(kCommon) = 1;
    at(kCommon + 1) = kLenCommon;
    putString(kCommon + 2, 16, "v2gbench simulated lab");
    putString(kCommon + 18, 16, r.model.empty() ? "sim-charger" : "sim-charger " + r.model);
    putString(kCommon + 42, 8, "1.0+" + (lab().defect().empty() ? std::string("conforming") : lab().defect()));
    putString(kCommon + 50, 16, "SIM-0005");
    at(kCommon + 66) = 1;      // DA
    at(kCommon + 67) = 0x8000; // pad
    // Model 701, DER AC measurement (dynamic part filled per read).
    at(kMeasure) = 701;
    at(kMeasure + 1) = kLenMeasure;
    at(kMeasure + 2) = static_cast<std::uint16_t>(r.acPhases == 1 ? 0 : r.acPhases == 2 ? 1 : 2); // ACType
    at(kMeasure + 113) = sfReg(kMeasureAsf);
    at(kMeasure + 114) = sfReg(kMeasureVsf);
    at(kMeasure + 115) = sfReg(kMeasureHzsf);
    at(kMeasure + 116) = sfReg(kMeasureWsf);
    at(kMeasure + 117) = sfReg(kMeasurePfsf);
    at(kMeasure + 118) = sfReg(kMeasureWsf); // VA_SF
    at(kMeasure + 119) = sfReg(kMeasureWsf); // Var_SF
    // Model 702, DER capacity (nameplate ratings).
    at(kCapacity) = 702;
    at(kCapacity + 1) = kLenCapacity;
    const double discharge = r.bidirectional ? r.maxDischargePower.value : 0.0;
    at(kCapacity + 2) = toU16(std::max(r.dcMaxPower.value, discharge), kCapacityWsf);  // WMaxRtg
    at(kCapacity + 7) = toU16(std::max(r.dcMaxPower.value, discharge), kCapacityWsf);  // VAMaxRtg
    at(kCapacity + 10) = toU16(r.dcMaxPower.value, kCapacityWsf);                      // WChaRteMaxRtg
    at(kCapacity + 11) = toU16(discharge, kCapacityWsf);                               // WDisChaRteMaxRtg
    at(kCapacity + 14) = toU16(r.acNominalVoltage.value, kCapacityVsf);                // VNomRtg
    at(kCapacity + 15) = toU16(r.acNominalVoltage.value * 1.1, kCapacityVsf);          // VMaxRtg
    at(kCapacity + 16) = toU16(r.acNominalVoltage.value * 0.9, kCapacityVsf);          // VMinRtg
    at(kCapacity + 17) = toU16(std::max(r.dcMaxPower.value, discharge) / (r.acNominalVoltage.value * std::max(r.acPhases, 1)), 0); // AMaxRtg
    at(kCapacity + 45) = sfReg(kCapacityWsf);
    at(kCapacity + 46) = sfReg(-3);
    at(kCapacity + 47) = sfReg(kCapacityWsf);
    at(kCapacity + 48) = sfReg(kCapacityWsf);
    at(kCapacity + 49) = sfReg(kCapacityVsf);
    at(kCapacity + 50) = sfReg(0);
    at(kCapacity + 51) = sfReg(0);
    // Model 704, DER AC controls.
    at(kControl) = 704;
    at(kControl + 1) = kLenControl;
    at(kControl + 23) = 1; // WSetMod: watts
    at(kControl + 53) = sfReg(-3);         // PF_SF
    at(kControl + 54) = sfReg(0);          // WMaxLimPct_SF
    at(kControl + 55) = sfReg(kWSetSf);    // WSet_SF
    at(kControl + 56) = sfReg(kWSetPctSf); // WSetPct_SF
    at(kControl + 57) = sfReg(0);          // VarSet_SF
    at(kControl + 58) = sfReg(0);          // VarSetPct_SF
    // Model 715, DER control (heartbeats).
    at(kDerCtl) = 715;
    at(kDerCtl + 1) = kLenDerCtl;
    // End.
    at(kEnd) = 0xFFFF;
    at(kEnd + 1) = 0;
}

SunSpecChargerService::~SunSpecChargerService() { stop(); }

void SunSpecChargerService::refreshMeasurements() {
    auto at = [this](int address) -> std::uint16_t& { return m_image[static_cast<std::size_t>(address - kBase)]; };
    struct View {
        core::ChargerStatus status;
        core::GridState grid;
        double time;
    };
    const auto v = lab().withPlant([](sim::Plant& p) { return View{p.chargerStatus(), p.gridState(), p.time().value}; });
    const bool fault = v.status.state.rfind("fault", 0) == 0;
    const bool running = v.status.state == "charging" || v.status.state == "discharging";
    at(kMeasure + 3) = v.grid.outputOn ? 1 : 0;                                   // St
    at(kMeasure + 4) = fault ? 6 : running ? 3 : 7;                          // InvSt: fault, running, standby
    at(kMeasure + 5) = v.grid.outputOn ? 1 : 0;                                   // ConnSt
    // SunSpec counts injection positive; the plant counts charging positive.
    const double injected = -v.status.reportedPower.value;
    at(kMeasure + 10) = toI16(injected, kMeasureWsf);                        // W
    at(kMeasure + 11) = toI16(std::abs(injected), kMeasureWsf);              // VA
    at(kMeasure + 12) = 0;                                                   // Var
    at(kMeasure + 13) = toI16(1.0, kMeasurePfsf);    // PF (unity)
    const double vln = v.grid.voltage.value;
    const int phases = std::max(dutRatings().acPhases, 1);
    at(kMeasure + 14) = toU16(vln > 0.0 ? std::abs(injected) / (vln * phases) : 0.0, kMeasureAsf); // A
    at(kMeasure + 15) = toU16(vln * std::sqrt(3.0), kMeasureVsf);            // LLV
    at(kMeasure + 16) = toU16(vln, kMeasureVsf);                             // LNV
    const auto hz = static_cast<std::uint32_t>(std::max(0.0, std::round(v.grid.frequency.value / std::pow(10.0, kMeasureHzsf))));
    at(kMeasure + 17) = static_cast<std::uint16_t>(hz >> 16);
    at(kMeasure + 18) = static_cast<std::uint16_t>(hz & 0xFFFF);
    const std::string alarm = fault ? v.status.state.substr(std::min<std::size_t>(v.status.state.size(), 7)) : "";
    for (int i = 0; i < 32; ++i) {
        const auto ch = [&](std::size_t k) { return k < alarm.size() ? static_cast<unsigned char>(alarm[k]) : 0u; };
        at(kMeasure + 123 + i) = static_cast<std::uint16_t>((ch(2 * i) << 8) | ch(2 * i + 1));
    }
    const auto hb = static_cast<std::uint32_t>(v.time);                      // DERHb: seconds of plant time
    at(kDerCtl + 3) = static_cast<std::uint16_t>(hb >> 16);
    at(kDerCtl + 4) = static_cast<std::uint16_t>(hb & 0xFFFF);
    (void)v.status.dispatchActive;
}

int SunSpecChargerService::read(transports::ModbusTable table, int address, std::span<std::uint16_t> out) {
    const int count = static_cast<int>(out.size());
    if (table != transports::ModbusTable::HoldingRegisters || address < kBase || address + count > kEnd + 2)
        return kExIllegalAddress;
    if (address < kCapacity && address + count > kMeasure) refreshMeasurements();
    if (address < kEnd && address + count > kDerCtl) refreshMeasurements();
    std::copy_n(m_image.begin() + (address - kBase), count, out.begin());
    return 0;
}

int SunSpecChargerService::evaluateSetpoint(const std::vector<std::uint16_t>& image, bool& enabled, double& watts) const {
    auto at = [&](int address) { return image[static_cast<std::size_t>(address - kBase)]; };
    enabled = at(kControl + 22) == 1;
    watts = 0.0;
    if (at(kControl + 22) > 1) return kExIllegalValue;
    if (!enabled) return 0;
    const auto& r = dutRatings();
    double injected = 0.0;
    if (at(kControl + 23) == 1) {
        const auto raw = static_cast<std::int32_t>((std::uint32_t(at(kControl + 24)) << 16) | at(kControl + 25));
        injected = raw * std::pow(10.0, kWSetSf);
    } else if (at(kControl + 23) == 0) {
        const double pct = static_cast<std::int16_t>(at(kControl + 28)) * std::pow(10.0, kWSetPctSf);
        injected = pct / 100.0 * std::max(r.dcMaxPower.value, r.maxDischargePower.value); // % of WMax
    } else {
        return kExIllegalValue;
    }
    watts = -injected; // bench convention: charging positive
    const double lo = r.bidirectional ? -r.maxDischargePower.value : 0.0;
    if (watts < lo || watts > r.dcMaxPower.value) return kExIllegalValue;
    return 0;
}

int SunSpecChargerService::write(transports::ModbusTable table, int address, std::span<const std::uint16_t> values) {
    const int count = static_cast<int>(values.size());
    if (table != transports::ModbusTable::HoldingRegisters) return kExIllegalAddress;
    bool control = false;
    for (int a = address; a < address + count; ++a) {
        const bool writable = a == kCommon + 66 || (a >= kControl + 2 && a <= kControl + 52) ||
                              (a >= kDerCtl + 5 && a <= kDerCtl + 8);
        if (!writable) return kExIllegalAddress;
        if (a >= kControl + 22 && a <= kControl + 28) control = true;
    }
    auto next = m_image;
    std::copy(values.begin(), values.end(), next.begin() + (address - kBase));
    if (control) {
        bool enabled = false;
        double watts = 0.0;
        if (const int ex = evaluateSetpoint(next, enabled, watts)) return ex;
        lab().withPlant([&](sim::Plant& p) {
            if (enabled) p.dispatch(units::Watts(watts));
            else if (p.chargerStatus().dispatchActive) p.releaseDispatch();
        });
    }
    m_image = std::move(next);
    return 0;
}

std::unique_ptr<WireService> makeSunSpecChargerService(WireContext& context) {
    return std::make_unique<SunSpecChargerService>(context);
}

} // namespace v2gbench::simwire::modbus
