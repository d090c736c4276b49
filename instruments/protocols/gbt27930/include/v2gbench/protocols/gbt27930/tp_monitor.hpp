#pragma once
// Passive J1939 TP observer for traces and bus monitoring: follows every RTS/CTS and BAM
// connection in both directions, reassembles the messages and reports every malformed sequence
// (sequence numbers, CTS windows, sizes, aborts, and the timers when timestamps can be trusted).
#include "v2gbench/protocols/gbt27930/transport_protocol.hpp"

namespace v2gbench::protocols::gbt27930 {

struct TpEvent {
    std::optional<TpMessage> message;
    std::optional<TpError> error;
};

class TpMonitor {
public:
    // checkTimers = false for traces whose timestamps are flattened (all equal) or absent.
    explicit TpMonitor(TpTimers timers = {}, bool checkTimers = true);

    // Returns false when the frame is not TP (nothing else happens). Events are appended.
    bool onFrame(const transports::CanFrame& frame, std::vector<TpEvent>& events);
    // Expires connections whose timer ran out by `now` (only with checkTimers).
    void poll(std::chrono::microseconds now, std::vector<TpEvent>& events);
    // End of trace: reports connections still open.
    void finish(std::vector<TpEvent>& events);
    std::size_t openConnections() const { return m_connections.size(); }

private:
    enum class State { WaitCts, WaitData, WaitAck };
    struct Connection {
        std::uint8_t source = 0, destination = 0;
        std::uint32_t pgn = 0;
        std::uint16_t size = 0;
        std::uint8_t packets = 0;
        unsigned next = 1, windowEnd = 0;
        bool broadcast = false;
        State state = State::WaitCts;
        std::vector<std::uint8_t> data;
        std::chrono::microseconds started{0}, last{0};
    };
    Connection* find(std::uint8_t source, std::uint8_t destination);
    void close(const Connection* c);
    TpError error(const Connection& c, TpErrorKind kind, std::string message, std::chrono::microseconds now,
                  std::optional<AbortReason> reason = std::nullopt) const;
    std::string describe(const Connection& c) const;

    TpTimers m_timers;
    bool m_checkTimers;
    std::vector<Connection> m_connections;
};

} // namespace v2gbench::protocols::gbt27930
