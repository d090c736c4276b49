#pragma once
// The glue both session state machines (BmsStateMachine, ChargerStateMachine) share: the session
// clock (started by the first frame or poll), the outgoing queue (frames stamped with "now"),
// state-entry time, periodic restarts and the timeout count of GB/T 27930 Fig. A.9 (three
// timeouts end the session). Each machine owns one SessionCore by value, so the machines stay
// copyable and movable. Times are seconds on the caller's clock.
#include "v2gbench/protocols/gbt27930/codec.hpp"
#include "v2gbench/protocols/gbt27930/session_timing.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace v2gbench::protocols::gbt27930 {

class SessionCore {
public:
    explicit SessionCore(Profile profile) : m_codec(profile) {}

    // Records `now` as the latest time seen. Returns true exactly once, at the first call: the
    // caller then enters its initial state so its timers count from the first contact.
    bool advance(double now);
    double now() const { return m_now; }

    // State timing: the caller marks each state entry; periodics restart so every state's first
    // message goes out at its first poll.
    void entered(double now, std::initializer_list<Periodic*> periodics);
    double enteredAt() const { return m_enteredAt; }
    double inState(double now) const { return now - m_enteredAt; }

    // Outgoing queue; every frame is stamped with `now`.
    void send(transports::CanFrame frame, double now);
    void send(std::string_view message, const FieldValues& values, double now);
    // A status message (BST, CST, BEM, CEM) with the one 2-bit field `active` set to 01.
    void sendStatus(std::string_view message, std::string_view active, double now);
    std::vector<transports::CanFrame> takeOutgoing();

    // Timeout bookkeeping. count() records the reason and returns true when it was the last
    // allowed one (kMaxTimeouts reached: the session needs a re-plug).
    bool countTimeout(std::string reason);
    unsigned timeouts() const { return m_timeouts; }
    const std::string& lastTimeout() const { return m_lastTimeout; }

    const Codec& codec() const { return m_codec; }

private:
    Codec m_codec;
    double m_now = 0.0;
    double m_enteredAt = 0.0;
    bool m_started = false;
    unsigned m_timeouts = 0;
    std::string m_lastTimeout;
    std::vector<transports::CanFrame> m_out;
};

// Throws std::invalid_argument unless `field` is a 2-bit status field of `message` (BST, CST,
// BEM, CEM, BSM); the text lists the valid names.
void requireStatusField(std::string_view message, std::string_view field);

} // namespace v2gbench::protocols::gbt27930
