#pragma once
// The receiving end of J1939 RTS/CTS connections addressed to one node (the charger receiving
// BRM/BCP/BCS/..., or the EV emulator receiving from a charger). Answers RTS with CTS, checks
// every TP.DT sequence number, acknowledges with EndOfMsgAck, and aborts (Conn_Abort with the
// J1939 reason) on a bad sequence or when T1/T2 expire. One connection at a time per peer is all
// GB/T 27930 needs (it is point-to-point).
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

namespace v2gbench::protocols::gbt27930 {

class TpReceiver {
public:
    // packetsPerCts: how many TP.DT one CTS allows (0xFF = as many as the RTS allows).
    explicit TpReceiver(std::uint8_t localAddress, TpTimers timers = {}, std::uint8_t packetsPerCts = 0xFF);

    // Feeds one bus frame (frame.timestamp is "now"). Frames not addressed to this node, and
    // frames that are not TP, are ignored (empty output).
    TpOutput onFrame(const transports::CanFrame& frame);
    // Fires T1/T2: the connection is aborted with reason 3 and the error names the timer.
    TpOutput poll(std::chrono::microseconds now);
    bool busy() const { return m_open; }

private:
    TpOutput abort(AbortReason reason, TpErrorKind kind, std::string message, std::chrono::microseconds now);
    transports::CanFrame cts(std::chrono::microseconds now);
    std::string describeConnection() const;

    std::uint8_t m_local;
    TpTimers m_timers;
    std::uint8_t m_packetsPerCts;
    bool m_open = false;
    std::uint8_t m_peer = 0;
    std::uint32_t m_pgn = 0;
    std::uint16_t m_size = 0;
    std::uint8_t m_packets = 0;
    std::uint8_t m_maxPerCts = 0xFF;
    unsigned m_next = 1;      // next expected sequence number
    unsigned m_windowEnd = 0; // last sequence number the current CTS allows
    std::vector<std::uint8_t> m_data;
    std::chrono::microseconds m_started{0};
    std::chrono::microseconds m_deadline{0};
    const char* m_timer = "T2";
};

} // namespace v2gbench::protocols::gbt27930
