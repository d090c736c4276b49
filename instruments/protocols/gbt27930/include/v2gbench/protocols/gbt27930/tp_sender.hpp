#pragma once
// The sending end of one J1939 RTS/CTS connection (the EV emulator sending BRM/BCP/BCS/...).
// start() gives the RTS; each CTS gives the TP.DT it allows (the caller paces them on the bus);
// EndOfMsgAck completes; T3/T4 expiry aborts with reason 3.
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

namespace v2gbench::protocols::gbt27930 {

class TpSender {
public:
    explicit TpSender(std::uint8_t localAddress, TpTimers timers = {});

    // Throws std::invalid_argument for a size outside 9..1785 and std::logic_error while busy.
    TpOutput start(std::uint8_t destination, std::uint32_t pgn, std::vector<std::uint8_t> data,
                   std::chrono::microseconds now, std::uint8_t maxPerCts = 0xFF);
    TpOutput onFrame(const transports::CanFrame& frame);
    TpOutput poll(std::chrono::microseconds now);
    bool busy() const { return m_open; }

private:
    TpOutput abort(AbortReason reason, TpErrorKind kind, std::string message, std::chrono::microseconds now);
    std::string describeConnection() const;

    std::uint8_t m_local;
    TpTimers m_timers;
    bool m_open = false;
    std::uint8_t m_peer = 0;
    std::uint32_t m_pgn = 0;
    std::vector<std::uint8_t> m_data;
    std::uint8_t m_packets = 0;
    unsigned m_highestSent = 0;
    std::chrono::microseconds m_started{0};
    std::chrono::microseconds m_deadline{0};
    bool m_holding = false; // CTS(0) received: T4 runs instead of T3
};

} // namespace v2gbench::protocols::gbt27930
