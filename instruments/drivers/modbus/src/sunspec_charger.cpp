#include "v2gbench/drivers/modbus/sunspec_charger.hpp"

#include "register_codec.hpp"
#include "v2gbench/core/errors.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace v2gbench::drivers::modbus {

namespace {

constexpr std::uint16_t kSunS0 = 0x5375; // "Su"
constexpr std::uint16_t kSunS1 = 0x6E53; // "nS"
constexpr std::uint16_t kEndModel = 0xFFFF;
constexpr int kBaseAddresses[] = {40000, 0, 50000};

// Offsets from the model's ID register.
namespace common { constexpr int Mn = 2, Md = 18, Vr = 42, SN = 50, Len = 66; }
namespace measure { constexpr int ACType = 2, InvSt = 4, W = 10, W_SF = 116, MnAlrmInfo = 123; }
namespace capacity { constexpr int WMaxRtg = 2, WChaRteMaxRtg = 10, WDisChaRteMaxRtg = 11, VNomRtg = 14, W_SF = 45, V_SF = 49; }
namespace control { constexpr int WSetEna = 22, WSet = 24, WSet_SF = 55; }
namespace derctl { constexpr int ControllerHb = 5; }

constexpr int kInvStFault = 6;

double scaled(double raw, int sf) { return raw * std::pow(10.0, sf); }
int sf(std::uint16_t raw) { return static_cast<std::int16_t>(raw); }

} // namespace

template <class F> decltype(auto) SunSpecCharger::exchange(F&& f) {
    try {
        return std::forward<F>(f)();
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, e.exchange(), e.what());
    }
}

SunSpecCharger::SunSpecCharger(std::string instrumentName, transports::ModbusSettings settings, core::ExchangeLog* log,
                               core::DutRatings profile)
    : m_name(std::move(instrumentName)), m_ratings(std::move(profile)) {
    try {
        m_session = std::make_unique<transports::ModbusSession>(std::move(settings), m_name, log);
    } catch (const transports::ModbusError& e) {
        throw core::InstrumentError(m_name, e.exchange(), e.what());
    }
    discover();
    readIdentityAndRatings();
}

std::optional<SunSpecModel> SunSpecCharger::model(int id) const {
    for (const auto& m : m_models)
        if (m.id == id) return m;
    return std::nullopt;
}

void SunSpecCharger::discover() {
    for (int base : kBaseAddresses) {
        std::vector<std::uint16_t> marker;
        try {
            marker = m_session->readHoldingRegisters(base, 2);
        } catch (const transports::ModbusError& e) {
            // An exception reply means "nothing here": try the next base. A dead link is fatal.
            if (!e.isException()) throw core::InstrumentError(m_name, e.exchange(), e.what());
            continue;
        }
        if (marker[0] != kSunS0 || marker[1] != kSunS1) continue;
        m_base = base;
        int address = base + 2;
        for (int guard = 0; guard < 256; ++guard) {
            const auto header = exchange([&] { return m_session->readHoldingRegisters(address, 2); });
            if (header[0] == kEndModel) return;
            m_models.push_back({header[0], address, header[1]});
            address += 2 + header[1];
            if (address > 0xFFFF - 2)
                throw core::InstrumentError(m_name, "FC03 read 2 holding registers at " + std::to_string(address),
                                            "SunSpec model chain runs past the register space (no end model 0xFFFF)");
        }
        throw core::InstrumentError(m_name, "", "SunSpec model chain has more than 256 models (no end model 0xFFFF)");
    }
    throw core::InstrumentError(m_name, "FC03 read 2 holding registers at 40000, 0, 50000",
                                "no SunSpec marker 'SunS' at 40000, 0 or 50000");
}

void SunSpecCharger::readIdentityAndRatings() {
    const auto c = model(1);
    if (!c || c->length < common::Len)
        throw core::InstrumentError(m_name, "SunSpec discovery", "SunSpec common model 1 missing or too short");
    exchange([&] {
        const auto r = m_session->readHoldingRegisters(c->address, common::Len);
        m_identity.manufacturer = detail::decodeString(r, common::Mn, 16);
        m_identity.model = detail::decodeString(r, common::Md, 16);
        m_identity.firmware = detail::decodeString(r, common::Vr, 8);
        m_identity.serial = detail::decodeString(r, common::SN, 16);
    });
    m_ratings.manufacturer = m_identity.manufacturer;
    m_ratings.model = m_identity.model;
    if (auto cap = model(702)) {
        exchange([&] {
            const auto r = m_session->readHoldingRegisters(cap->address, capacity::V_SF + 1);
            const int wsf = sf(r[capacity::W_SF]);
            const int vsf = sf(r[capacity::V_SF]);
            m_ratings.dcMaxPower = units::Watts(scaled(r[capacity::WChaRteMaxRtg], wsf));
            m_ratings.maxDischargePower = units::Watts(scaled(r[capacity::WDisChaRteMaxRtg], wsf));
            m_ratings.bidirectional = r[capacity::WDisChaRteMaxRtg] != 0 && r[capacity::WDisChaRteMaxRtg] != 0xFFFF;
            if (!m_ratings.bidirectional) m_ratings.maxDischargePower = units::Watts(0.0);
            if (r[capacity::VNomRtg] != 0xFFFF) m_ratings.acNominalVoltage = units::Volts(scaled(r[capacity::VNomRtg], vsf));
        });
    }
    if (auto m = model(701)) {
        exchange([&] {
            m_acType = m_session->readHoldingRegisters(m->address + measure::ACType, 1)[0];
            m_measureWsf = sf(m_session->readHoldingRegisters(m->address + measure::W_SF, 1)[0]);
        });
        if (m_acType == 0) m_ratings.acPhases = 1;
        else if (m_acType == 1) m_ratings.acPhases = 2;
        else if (m_acType == 2) m_ratings.acPhases = 3;
    }
    if (auto m = model(704))
        m_wsetSf = exchange([&] { return sf(m_session->readHoldingRegisters(m->address + control::WSet_SF, 1)[0]); });
}

core::Capabilities SunSpecCharger::capabilities() const {
    core::Capabilities caps;
    if (model(704) && m_ratings.bidirectional) caps.add(core::capability::powerDispatch);
    return caps;
}

std::uint32_t SunSpecCharger::heartbeat() {
    const auto m = model(715);
    if (!m) return m_heartbeat;
    ++m_heartbeat;
    const std::array<std::uint16_t, 2> regs{static_cast<std::uint16_t>(m_heartbeat >> 16),
                                            static_cast<std::uint16_t>(m_heartbeat & 0xFFFF)};
    exchange([&] { m_session->writeRegisters(m->address + derctl::ControllerHb, regs); });
    return m_heartbeat;
}

void SunSpecCharger::dispatchPower(units::Watts setpoint) {
    const auto m = model(704);
    if (!m)
        throw core::CapabilityError(m_name + ": the charger has no SunSpec DER control model 704: no power dispatch");
    if (setpoint.value < 0.0 && !m_ratings.bidirectional)
        throw core::CapabilityError(m_name + ": discharge setpoint " + detail::formatNumber(setpoint.value) +
                                    " W refused: the charger is not bidirectional");
    const double lo = -m_ratings.maxDischargePower.value;
    const double hi = m_ratings.dcMaxPower.value;
    if (!std::isfinite(setpoint.value) || setpoint.value < lo || setpoint.value > hi)
        throw core::CapabilityError(m_name + ": power setpoint " + detail::formatNumber(setpoint.value) + " W is outside " +
                                    detail::formatNumber(lo) + ".." + detail::formatNumber(hi) + " W");
    // SunSpec: positive = injection into the grid; the bench: positive = charging.
    const double raw = std::round(-setpoint.value / std::pow(10.0, m_wsetSf));
    if (raw < std::numeric_limits<std::int32_t>::min() || raw > std::numeric_limits<std::int32_t>::max())
        throw core::CapabilityError(m_name + ": power setpoint " + detail::formatNumber(setpoint.value) +
                                    " W does not fit WSet with scale factor " + std::to_string(m_wsetSf));
    const auto bits = static_cast<std::uint32_t>(static_cast<std::int32_t>(raw));
    // WSetEna=1, WSetMod=1 (watts), WSet: one request, so the charger never sees half a command.
    const std::array<std::uint16_t, 4> regs{1, 1, static_cast<std::uint16_t>(bits >> 16), static_cast<std::uint16_t>(bits & 0xFFFF)};
    exchange([&] { m_session->writeRegisters(m->address + control::WSetEna, regs); });
    heartbeat();
}

void SunSpecCharger::releaseDispatch() {
    const auto m = model(704);
    if (!m) return; // nothing can have been dispatched
    const std::array<std::uint16_t, 4> regs{0, 1, 0, 0};
    exchange([&] { m_session->writeRegisters(m->address + control::WSetEna, regs); });
    heartbeat();
}

void SunSpecCharger::makeSafe() noexcept {
    try {
        if (auto m = model(704)) {
            const std::array<std::uint16_t, 4> regs{0, 1, 0, 0};
            m_session->writeRegisters(m->address + control::WSetEna, regs);
        }
    } catch (...) {
    }
}

core::ChargerStatus SunSpecCharger::status() {
    core::ChargerStatus s;
    if (auto m = model(704)) {
        const auto r = exchange([&] { return m_session->readHoldingRegisters(m->address + control::WSetEna, 4); });
        s.dispatchActive = r[0] == 1;
        s.dispatchSetpoint = units::Watts(-scaled(detail::decodeI32(r[2], r[3]), m_wsetSf));
        if (!s.dispatchActive) s.dispatchSetpoint = units::Watts(0.0);
    }
    s.state = "unknown";
    if (auto m = model(701)) {
        const auto r = exchange([&] { return m_session->readHoldingRegisters(m->address + measure::InvSt, measure::W - measure::InvSt + 1); });
        const int invSt = r[0];
        const auto w = static_cast<std::int16_t>(r[measure::W - measure::InvSt]);
        s.reportedPower = units::Watts(w == std::numeric_limits<std::int16_t>::min() ? 0.0 : -scaled(w, m_measureWsf));
        if (invSt == kInvStFault) {
            const auto text = exchange([&] { return m_session->readHoldingRegisters(m->address + measure::MnAlrmInfo, 32); });
            s.state = "fault: " + detail::decodeString(text, 0, 32);
        } else if (invSt == 3 || invSt == 4) {
            s.state = s.reportedPower.value > 0.0 ? "charging" : s.reportedPower.value < 0.0 ? "discharging" : "running";
        } else {
            s.state = "idle";
        }
    }
    heartbeat();
    return s;
}

} // namespace v2gbench::drivers::modbus
