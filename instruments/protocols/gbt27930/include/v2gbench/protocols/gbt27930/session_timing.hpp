#pragma once
// Shared pieces of the two GB/T 27930-2015 session state machines (BmsStateMachine,
// ChargerStateMachine): the timer values of the digest §1.4, a periodic-send helper and the
// seconds ↔ frame-timestamp conversion. Header-only so each machine stays one small .cpp.
#include <chrono>
#include <cmath>
#include <cstdint>

namespace v2gbench::protocols::gbt27930 {

enum class ChargeMode : std::uint8_t { ConstantVoltage = 0x01, ConstantCurrent = 0x02 }; // BCL byte 5

// Digest §1.4. Named so the tests and the machines agree on one value.
inline constexpr double kDefaultTimeoutSeconds = 5.0;
inline constexpr double kBclTimeoutSeconds = 1.0;      // charger side: stop immediately
inline constexpr double kCcsTimeoutSeconds = 1.0;      // BMS side
inline constexpr double kReadyTimeoutSeconds = 60.0;   // BRO/CRO 0xAA
inline constexpr double kCrmTimeoutSeconds = 30.0;     // CRM after CHM, and after BEM/CEM
inline constexpr double kStatisticsTimeoutSeconds = 10.0; // BSD after CST, CSD after BST
// Fig. A.9 / Annex C note 2: after the third timeout the session ends and needs a re-plug.
inline constexpr unsigned kMaxTimeouts = 3;

inline std::chrono::microseconds toMicros(double seconds) {
    return std::chrono::microseconds(std::llround(seconds * 1e6));
}

// A message sent every `period` seconds from the moment it is (re)started: due() is true at the
// first poll and then on the nominal grid, so a 1 ms poll gives exact periods without drift.
class Periodic {
public:
    explicit Periodic(double periodSeconds) : m_period(periodSeconds) {}
    void restart() { m_armed = false; }
    bool due(double now) {
        // Tolerance: the grid is accumulated in floating point, the caller's clock is not.
        constexpr double kEpsilon = 1e-6;
        if (!m_armed) {
            m_armed = true;
            m_next = now + m_period;
            return true;
        }
        if (now + kEpsilon < m_next) return false;
        m_next += m_period;
        if (m_next <= now) m_next = now + m_period; // the caller skipped whole periods
        return true;
    }

private:
    double m_period;
    double m_next = 0.0;
    bool m_armed = false;
};

} // namespace v2gbench::protocols::gbt27930
